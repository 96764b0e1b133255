package dev.wfnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArchitectureCatalogTest {
    private static final ImageShape MNIST = new ImageShape(1, 28, 28);

    @Test
    void refusesAnUnknownIdListingTheKnownOnes() {
        WfnetException e = assertThrows(WfnetException.class,
                () -> ArchitectureCatalog.create(ArchitectureSpec.of("resnet101"), MNIST, 10));
        assertEquals("unknown architecture 'resnet101'; the catalogue has [small-cnn, mlp, resnet20, resnet18,"
                + " resnet34, resnet50, vit, sequential]", e.getMessage());
    }

    @Test
    void refusesAnArgumentThatIsNotAnInteger() {
        WfnetException e = assertThrows(WfnetException.class,
                () -> ArchitectureCatalog.create(ArchitectureSpec.of("mlp", Map.of("hidden", "256,wide")), MNIST, 10));
        assertEquals("cannot build mlp{hidden=256,wide} for 1x28x28 inputs and 10 classes: argument hidden=256,wide"
                + " is not a comma-separated list of integers", e.getMessage());
    }

    @Test
    void refusesAMisspeltArgumentNamingTheOnesItTakes() {
        WfnetException e = assertThrows(WfnetException.class,
                () -> ArchitectureCatalog.create(ArchitectureSpec.of("resnet20", Map.of("dpeth", "32")), MNIST, 10));
        assertEquals("cannot build resnet20{dpeth=32} for 1x28x28 inputs and 10 classes: unknown argument [dpeth];"
                + " resnet20 takes [depth, shortcut, stem, width]", e.getMessage());
        WfnetException none = assertThrows(WfnetException.class,
                () -> ArchitectureCatalog.create(ArchitectureSpec.of("small-cnn", Map.of("width", "2")), MNIST, 10));
        assertTrue(none.getMessage().endsWith("unknown argument [width]; small-cnn takes no arguments"));
    }

    @Test
    void buildsEachArchitectureWithItsArguments() throws Exception {
        Architecture resnet32 = ArchitectureCatalog.create(ArchitectureSpec.of("resnet20", Map.of("depth", "32")),
                MNIST, 10);
        assertEquals("layer3.4.bn2.running_var", resnet32.parameters().get(resnet32.parameters().size() - 3).name());
        Architecture vit = ArchitectureCatalog.create(ArchitectureSpec.of("vit", Map.of("patch", "7", "depth", "1")),
                MNIST, 10);
        assertEquals(ArchitectureSpec.of("vit", Map.of("patch", "7", "dim", "64", "depth", "1", "heads", "4",
                "mlp_ratio", "2")), vit.spec());
        assertEquals(17, vit.parameters().get(1).shape()[1]);
    }
}
