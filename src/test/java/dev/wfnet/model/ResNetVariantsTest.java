package dev.wfnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The torchvision ResNets and the parameter-free shortcut. The parameter counts are torchvision's
 * own ({@code sum(p.numel() for p in resnetN(num_classes=10).parameters())}: its 1000-class counts
 * 11,689,512, 21,797,672 and 25,557,032 less the difference of the fc layer).
 */
class ResNetVariantsTest {
    private static final ImageShape IMAGENET = new ImageShape(3, 224, 224);

    private static Architecture create(String id, Map<String, String> arguments) throws WfnetException {
        return ArchitectureCatalog.create(ArchitectureSpec.of(id, arguments), IMAGENET, 10);
    }

    @Test
    void torchvisionResNetsHaveTorchvisionsParameterCounts() throws Exception {
        assertEquals(11_181_642, create("resnet18", Map.of("stem", "imagenet")).parameterCount());
        assertEquals(21_289_802, create("resnet34", Map.of("stem", "imagenet")).parameterCount());
        assertEquals(23_528_522, create("resnet50", Map.of("stem", "imagenet")).parameterCount());
    }

    @Test
    void theImagenetStemIsASevenBySevenConvolutionAndTheBottleneckExpandsFourTimes() throws Exception {
        Architecture resnet50 = create("resnet50", Map.of("stem", "imagenet"));
        assertEquals("[64, 3, 7, 7]", java.util.Arrays.toString(find(resnet50, "conv1.weight").shape()));
        assertEquals("[256, 64, 1, 1]", java.util.Arrays.toString(find(resnet50, "layer1.0.conv3.weight").shape()));
        assertEquals("[256, 64, 1, 1]", java.util.Arrays.toString(find(resnet50, "layer1.0.downsample.0.weight").shape()));
        assertEquals("[10, 2048]", java.util.Arrays.toString(find(resnet50, "fc.weight").shape()));
        assertEquals("layer4.2.conv3.weight", ((FeatureMapNetwork) resnet50).featureLayer().weight());
        assertEquals(2048, ((FeatureMapNetwork) resnet50).featureLayer().channels());
    }

    @Test
    void defaultArgumentsStayOutOfTheSpecSoOlderFilesKeepTheirs() throws Exception {
        assertEquals(ArchitectureSpec.of("resnet18", Map.of("width", "64")), create("resnet18", Map.of()).spec());
        assertEquals(ArchitectureSpec.of("resnet18", Map.of("width", "64", "stem", "imagenet")),
                create("resnet18", Map.of("stem", "imagenet")).spec());
    }

    @Test
    void optionAShortcutsHaveNoParametersAndResNet20KeepsItsCount() throws Exception {
        ImageShape cifar = new ImageShape(3, 32, 32);
        Architecture a = ArchitectureCatalog.create(ArchitectureSpec.of("resnet20", Map.of("shortcut", "A")), cifar, 10);
        assertFalse(a.parameters().stream().anyMatch(p -> p.name().contains("downsample")));
        // akamaster's resnet20: 0.27M parameters (its README), 269,722 by torch's count
        assertEquals(269_722, a.parameterCount());
        assertTrue(assertThrows(WfnetException.class, () -> create("resnet50", Map.of("shortcut", "A")))
                .getMessage().contains("shortcut A is for BasicBlock networks"));
        assertTrue(assertThrows(WfnetException.class, () -> create("resnet18", Map.of("stem", "tiny")))
                .getMessage().contains("stem must be cifar or imagenet"));
    }

    private static ParameterSpec find(Architecture architecture, String name) {
        return architecture.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
