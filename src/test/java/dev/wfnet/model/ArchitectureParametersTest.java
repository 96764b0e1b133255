package dev.wfnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Parameter lists of the default configurations. The counts agree with torch's own count of the
 * same networks (printed by src/test/python/make_fixtures.py).
 */
class ArchitectureParametersTest {
    private static final ImageShape MNIST = new ImageShape(1, 28, 28);
    private static final ImageShape CIFAR = new ImageShape(3, 32, 32);

    private static Architecture create(String id, ImageShape input) throws WfnetException {
        return ArchitectureCatalog.create(ArchitectureSpec.of(id), input, 10);
    }

    private static Architecture create(String id, Map<String, String> arguments, ImageShape input) throws WfnetException {
        return ArchitectureCatalog.create(ArchitectureSpec.of(id, arguments), input, 10);
    }

    private static ParameterSpec find(Architecture architecture, String name) {
        return architecture.parameters().stream().filter(spec -> spec.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(architecture.spec() + " has no " + name));
    }

    private static long countWithPrefix(Architecture architecture, String prefix) {
        return architecture.parameters().stream().filter(spec -> spec.name().startsWith(prefix))
                .mapToLong(ParameterSpec::elementCount).sum();
    }

    private static void assertParameter(Architecture architecture, String name, ParameterRole role, Init init,
                                        long... shape) {
        ParameterSpec spec = find(architecture, name);
        assertArrayEquals(shape, spec.shape(), name + " shape");
        assertEquals(role, spec.role(), name + " role");
        assertEquals(init, spec.init(), name + " init");
    }

    @Test
    void catalogueListsEveryArchitecture() {
        assertEquals(List.of("small-cnn", "mlp", "resnet20", "resnet18", "resnet34", "resnet50", "vit", "sequential"),
                List.copyOf(ArchitectureCatalog.ids()));
    }

    @Test
    void smallCnnOnFashionMnistHas421642Weights() throws Exception {
        Architecture cnn = create("small-cnn", MNIST);
        assertEquals(421_642, cnn.parameterCount());
        assertEquals(320, countWithPrefix(cnn, "conv1."));
        assertEquals(18_496, countWithPrefix(cnn, "conv2."));
        assertEquals(401_536, countWithPrefix(cnn, "fc1."));
        assertEquals(1_290, countWithPrefix(cnn, "fc2."));
        assertEquals(List.of("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias",
                "fc2.weight", "fc2.bias"), names(cnn));
        assertParameter(cnn, "fc1.weight", ParameterRole.WEIGHT, Init.UNIFORM_FAN_IN, 128, 3136);
    }

    @Test
    void mlpNamesItsLayersFc1ToFcLast() throws Exception {
        Architecture mlp = create("mlp", MNIST);
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"), names(mlp));
        assertParameter(mlp, "fc1.weight", ParameterRole.WEIGHT, Init.UNIFORM_FAN_IN, 256, 784);
        assertParameter(mlp, "fc3.bias", ParameterRole.BIAS, Init.UNIFORM_FAN_IN, 10);
        assertEquals(235_146, mlp.parameterCount());
        assertEquals(ArchitectureSpec.of("mlp", Map.of("hidden", "256,128")), mlp.spec());
        Architecture deeper = create("mlp", Map.of("hidden", "32, 16 ,8"), MNIST);
        assertEquals(8, deeper.parameters().size());
        assertParameter(deeper, "fc4.weight", ParameterRole.WEIGHT, Init.UNIFORM_FAN_IN, 10, 8);
    }

    @Test
    void resnet20HasTorchvisionNamesAndProjectionShortcutsWhereTheShapeChanges() throws Exception {
        Architecture resnet = create("resnet20", CIFAR);
        assertEquals(272_474, resnet.parameterCount());
        assertEquals(272_186, create("resnet20", MNIST).parameterCount());
        assertEquals(855_770, create("resnet20", Map.of("depth", "56"), CIFAR).parameterCount());
        assertParameter(resnet, "conv1.weight", ParameterRole.WEIGHT, Init.KAIMING_NORMAL_FAN_OUT, 16, 3, 3, 3);
        assertParameter(resnet, "bn1.weight", ParameterRole.NORM_WEIGHT, Init.ONES, 16);
        assertParameter(resnet, "bn1.bias", ParameterRole.NORM_BIAS, Init.ZEROS, 16);
        assertParameter(resnet, "bn1.running_mean", ParameterRole.RUNNING_STAT, Init.ZEROS, 16);
        assertParameter(resnet, "bn1.running_var", ParameterRole.RUNNING_STAT, Init.ONES, 16);
        assertParameter(resnet, "layer1.2.conv2.weight", ParameterRole.WEIGHT, Init.KAIMING_NORMAL_FAN_OUT, 16, 16, 3, 3);
        assertParameter(resnet, "layer2.0.conv1.weight", ParameterRole.WEIGHT, Init.KAIMING_NORMAL_FAN_OUT, 32, 16, 3, 3);
        assertParameter(resnet, "layer2.0.downsample.0.weight", ParameterRole.WEIGHT, Init.KAIMING_NORMAL_FAN_OUT,
                32, 16, 1, 1);
        assertParameter(resnet, "layer3.0.downsample.1.running_var", ParameterRole.RUNNING_STAT, Init.ONES, 64);
        assertParameter(resnet, "fc.weight", ParameterRole.WEIGHT, Init.UNIFORM_FAN_IN, 10, 64);
        assertParameter(resnet, "fc.bias", ParameterRole.BIAS, Init.UNIFORM_FAN_IN, 10);
        assertEquals(List.of("layer2.0", "layer3.0"), blocksWithDownsample(resnet));
        // 19 3x3 convolutions and the fc layer give the "20"; the two projections are 1x1
        assertEquals(19, resnet.parameters().stream().filter(s -> s.shape().length == 4 && s.shape()[3] == 3).count());
        assertEquals("layer3.2.bn2.running_var", names(resnet).get(names(resnet).size() - 3));
        assertEquals(ArchitectureSpec.of("resnet20", Map.of("depth", "20", "width", "16")), resnet.spec());
    }

    @Test
    void resnet18HasACifarStemAndFourStages() throws Exception {
        Architecture resnet = create("resnet18", CIFAR);
        assertEquals(11_173_962, resnet.parameterCount());
        assertParameter(resnet, "conv1.weight", ParameterRole.WEIGHT, Init.KAIMING_NORMAL_FAN_OUT, 64, 3, 3, 3);
        assertParameter(resnet, "layer4.1.conv2.weight", ParameterRole.WEIGHT, Init.KAIMING_NORMAL_FAN_OUT, 512, 512, 3, 3);
        assertParameter(resnet, "fc.weight", ParameterRole.WEIGHT, Init.UNIFORM_FAN_IN, 10, 512);
        assertEquals(List.of("layer2.0", "layer3.0", "layer4.0"), blocksWithDownsample(resnet));
        assertEquals(2_797_610, create("resnet18", Map.of("width", "32"), CIFAR).parameterCount());
    }

    @Test
    void vitHasTimmNames() throws Exception {
        Architecture vit = create("vit", MNIST);
        assertEquals(139_018, vit.parameterCount());
        assertEquals(List.of("cls_token", "pos_embed", "patch_embed.proj.weight", "patch_embed.proj.bias",
                "blocks.0.norm1.weight", "blocks.0.norm1.bias", "blocks.0.attn.qkv.weight", "blocks.0.attn.qkv.bias",
                "blocks.0.attn.proj.weight", "blocks.0.attn.proj.bias", "blocks.0.norm2.weight", "blocks.0.norm2.bias",
                "blocks.0.mlp.fc1.weight", "blocks.0.mlp.fc1.bias", "blocks.0.mlp.fc2.weight", "blocks.0.mlp.fc2.bias"),
                names(vit).subList(0, 16));
        assertEquals(List.of("norm.weight", "norm.bias", "head.weight", "head.bias"),
                names(vit).subList(names(vit).size() - 4, names(vit).size()));
        assertEquals(4 + 4 * 12 + 4, vit.parameters().size());
        assertParameter(vit, "cls_token", ParameterRole.EMBEDDING, Init.TRUNCATED_NORMAL, 1, 1, 64);
        assertParameter(vit, "pos_embed", ParameterRole.EMBEDDING, Init.TRUNCATED_NORMAL, 1, 50, 64);
        assertParameter(vit, "patch_embed.proj.weight", ParameterRole.WEIGHT, Init.TRUNCATED_NORMAL, 64, 1, 4, 4);
        assertParameter(vit, "patch_embed.proj.bias", ParameterRole.BIAS, Init.ZEROS, 64);
        assertParameter(vit, "blocks.3.attn.qkv.weight", ParameterRole.WEIGHT, Init.TRUNCATED_NORMAL, 192, 64);
        assertParameter(vit, "blocks.3.attn.qkv.bias", ParameterRole.BIAS, Init.ZEROS, 192);
        assertParameter(vit, "blocks.3.mlp.fc1.weight", ParameterRole.WEIGHT, Init.TRUNCATED_NORMAL, 128, 64);
        assertParameter(vit, "blocks.3.norm2.weight", ParameterRole.NORM_WEIGHT, Init.ONES, 64);
        assertParameter(vit, "head.weight", ParameterRole.WEIGHT, Init.TRUNCATED_NORMAL, 10, 64);
        assertParameter(vit, "head.bias", ParameterRole.BIAS, Init.ZEROS, 10);
        assertEquals(142_026, create("vit", CIFAR).parameterCount());
    }

    @Test
    void everySpecRebuildsTheSameArchitecture() throws Exception {
        // sequential has no default layer list
        Map<String, Map<String, String>> required = Map.of("sequential",
                Map.of("layers", "Conv2d(3, 4, 3), ReLU(), Flatten(), Linear(3600, 10)"));
        for (String id : ArchitectureCatalog.ids()) {
            Architecture first = create(id, required.getOrDefault(id, Map.of()), CIFAR);
            Architecture again = ArchitectureCatalog.create(first.spec(), CIFAR, 10);
            assertEquals(first.spec(), again.spec(), id);
            assertEquals(first.parameters(), again.parameters(), id);
        }
    }

    @Test
    void vitRefusesAnImageThatDoesNotDivideIntoPatches() {
        WfnetException e = assertThrows(WfnetException.class,
                () -> create("vit", Map.of("patch", "5"), MNIST));
        assertEquals("cannot build vit{patch=5} for 1x28x28 inputs and 10 classes: vit needs an image size divisible"
                + " by the patch size: 28x28 does not divide into 5x5 patches", e.getMessage());
        assertTrue(assertThrows(WfnetException.class, () -> create("vit", Map.of("heads", "3"), MNIST))
                .getMessage().contains("dim divisible by heads"));
    }

    @Test
    void resnet20RefusesADepthThatIsNotSixNPlusTwo() {
        WfnetException e = assertThrows(WfnetException.class, () -> create("resnet20", Map.of("depth", "21"), CIFAR));
        assertTrue(e.getMessage().contains("resnet20 needs depth = 6n+2"), e.getMessage());
        assertTrue(assertThrows(WfnetException.class, () -> create("resnet18", Map.of("width", "0"), CIFAR))
                .getMessage().contains("width must be positive"));
    }

    private static List<String> names(Architecture architecture) {
        return architecture.parameters().stream().map(ParameterSpec::name).collect(Collectors.toList());
    }

    private static List<String> blocksWithDownsample(Architecture architecture) {
        return architecture.parameters().stream().map(ParameterSpec::name)
                .filter(name -> name.endsWith(".downsample.0.weight"))
                .map(name -> name.substring(0, name.indexOf(".downsample")))
                .collect(Collectors.toList());
    }
}
