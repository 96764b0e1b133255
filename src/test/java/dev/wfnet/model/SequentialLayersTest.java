package dev.wfnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Layer lists written as PyTorch code and print(model) write them. */
class SequentialLayersTest {
    private static final ImageShape MNIST = new ImageShape(1, 28, 28);

    @Test
    void readsCodeStyleListsAndNamesUnnamedLayersByTheirIndex() {
        List<SequentialLayer> layers = SequentialLayers.parse("Conv2d(1, 32, 3, padding=1), ReLU(),"
                + " MaxPool2d(2); Flatten()\n Linear(6272, 10)");
        assertEquals(List.of(new SequentialLayer.Conv2d("0", 1, 32, 3, 1, 1, true),
                new SequentialLayer.Activation(SequentialLayer.Activation.Kind.RELU, 0),
                new SequentialLayer.Pool(true, 2, 2, 0, false), new SequentialLayer.Flatten(),
                new SequentialLayer.Linear("4", 6272, 10, true)), layers);
    }

    @Test
    void readsPrintModelOutputWithNestedContainersAsNamePrefixes() {
        String printed = """
                Net(
                  (features): Sequential(
                    (0): Conv2d(1, 8, kernel_size=(5, 5), stride=(1, 1))
                    (1): ReLU(inplace=True)
                    (2): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
                  )
                  (flatten): Flatten(start_dim=1, end_dim=-1)
                  (fc): Linear(in_features=1152, out_features=10, bias=True)
                )
                """;
        List<SequentialLayer> layers = SequentialLayers.parse(printed);
        assertEquals(new SequentialLayer.Conv2d("features.0", 1, 8, 5, 1, 0, true), layers.get(0));
        assertEquals(new SequentialLayer.Linear("fc", 1152, 10, true), layers.get(4));
    }

    @Test
    void theCanonicalTextReadsBackToTheSameLayers() {
        List<SequentialLayer> layers = SequentialLayers.parse("c: Conv2d(3, 8, (3, 3), stride=2, padding='valid',"
                + " bias=False), BatchNorm2d(8, eps=1e-3), LeakyReLU(0.2), AvgPool2d(3, 1, 1, ceil_mode=True),"
                + " AdaptiveAvgPool2d((1, 1)), Flatten(), Dropout(p=0.3), Linear(8, 4), Sigmoid(), Tanh(), GELU(),"
                + " Linear(4, 2, bias=False), Softmax(dim=1)");
        assertEquals(layers, SequentialLayers.parse(SequentialLayers.text(layers)));
    }

    @Test
    void refusesWhatWouldChangeTheComputationNamingIt() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SequentialLayers.parse("Conv2d(1, 4, 3, dilation=2)")).getMessage().contains("dilation=2"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SequentialLayers.parse("Conv2d(1, 4, (3, 5))")).getMessage().contains("not square"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SequentialLayers.parse("LSTM(10, 20)")).getMessage().contains("layer type LSTM is not supported"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SequentialLayers.parse("Linear(10, 20, wide=True)")).getMessage().contains("wide"));
    }

    @Test
    void shapesAreCheckedLayerByLayerWithTheLayerThatBreaksThem() {
        WfnetException e = assertThrows(WfnetException.class, () -> ArchitectureCatalog.create(ArchitectureSpec.of(
                "sequential", Map.of("layers", "Conv2d(1, 4, 3), ReLU(), MaxPool2d(2), Flatten(), Linear(784, 10)")),
                MNIST, 10));
        assertTrue(e.getMessage().contains("layer 4 (4:Linear(784,10,bias=True)) takes 784 features, the layers"
                + " before it give 676 features"), e.getMessage());
        WfnetException classes = assertThrows(WfnetException.class, () -> ArchitectureCatalog.create(
                ArchitectureSpec.of("sequential", Map.of("layers", "Flatten(), Linear(784, 5)")), MNIST, 10));
        assertTrue(classes.getMessage().contains("end with 5 features, but the model has 10 classes"));
    }

    @Test
    void poolingFollowsPyTorchsOutputSizeRules() {
        SequentialLayer.Pool ceil = new SequentialLayer.Pool(true, 3, 2, 1, true);
        // torch 1.13: MaxPool2d(3, 2, 1, ceil_mode=True) on 8x8 gives 5x5, without ceil_mode 4x4;
        // AvgPool2d(2, 2, 0, ceil_mode=True) on 5x5 gives 3x3
        assertEquals(5, ceil.outputSize(8));
        assertEquals(4, new SequentialLayer.Pool(true, 3, 2, 1, false).outputSize(8));
        assertEquals(3, new SequentialLayer.Pool(false, 2, 2, 0, true).outputSize(5));
    }

    @Test
    void zeroPaddingReadsAsPyTorchWritesItEvenOrUneven() {
        assertEquals(List.of(new SequentialLayer.ZeroPad(0, 1, 0, 1)), SequentialLayers.parse("ZeroPad2d((0, 1, 0, 1))"));
        assertEquals(List.of(new SequentialLayer.ZeroPad(2, 2, 2, 2)), SequentialLayers.parse("ZeroPad2d(2)"));
        SequentialLayer uneven = new SequentialLayer.ZeroPad(1, 0, 2, 3);
        assertEquals(List.of(uneven), SequentialLayers.parse(uneven.text()));
        assertThrows(IllegalArgumentException.class, () -> SequentialLayers.parse("ZeroPad2d((0, 1, 2))"));
    }
}
