package dev.wfnet.imports.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import dev.wfnet.io.HostTensor;
import dev.wfnet.model.SequentialLayer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mapping of Keras layers onto the sequential architecture, layer by layer, against values
 * worked out by hand from Keras's and TensorFlow's definitions: kernel and dense layouts, the
 * flatten order, TensorFlow's 'same' padding, and the refusals of what cannot be reproduced.
 */
class KerasStackMapperTest {

    private static JsonObject config(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }

    private static HostTensor counting(long... shape) {
        float[] data = new float[(int) HostTensor.elementCount(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        return new HostTensor(shape, data);
    }

    private static KerasLayer layer(String className, String name, String json, KerasLayer.Weight... weights) {
        return new KerasLayer(className, name, config(json), List.of(weights));
    }

    private static KerasLayer.Weight weight(String name, HostTensor value) {
        return new KerasLayer.Weight(name, value);
    }

    private static KerasStackMapper.Mapped map(List<Long> input, KerasLayer... layers) throws WfnetException {
        return KerasStackMapper.map(new KerasModelSpec(input, List.of(layers)), "test.h5");
    }

    private static String refusal(List<Long> input, KerasLayer... layers) {
        return assertThrows(WfnetException.class, () -> map(input, layers)).getMessage();
    }

    @Test
    void tensorflowsSamePaddingPutsTheOddPixelAtTheEnd() {
        // out = ceil(in / s), total = max((out - 1) * s + k - in, 0), top = total / 2
        assertArrayEquals(new int[] {0, 1}, KerasStackMapper.Walk.samePadding(28, 3, 2));
        assertArrayEquals(new int[] {1, 1}, KerasStackMapper.Walk.samePadding(13, 3, 2));
        assertArrayEquals(new int[] {0, 1}, KerasStackMapper.Walk.samePadding(26, 2, 1));
        assertArrayEquals(new int[] {1, 1}, KerasStackMapper.Walk.samePadding(28, 3, 1));
        assertArrayEquals(new int[] {2, 3}, KerasStackMapper.Walk.samePadding(224, 7, 2));
        assertArrayEquals(new int[] {0, 0}, KerasStackMapper.Walk.samePadding(28, 2, 2));
    }

    @Test
    void kernelsBecomeOihwAndTheFirstDenseAfterFlattenTakesChannelsFirst() throws WfnetException {
        // input 2x2x2 (H, W, C); a 1x1 conv from 2 to 3 channels; flatten; dense 12 -> 2
        HostTensor kernel = counting(1, 1, 2, 3);
        HostTensor dense = counting(12, 2);
        KerasStackMapper.Mapped mapped = map(KerasModelSpec.shape(-1, 2, 2, 2),
                layer("Conv2D", "c", "{\"filters\": 3, \"kernel_size\": [1, 1], \"use_bias\": false}",
                        weight("kernel", kernel)),
                layer("Flatten", "f", "{}"),
                layer("Dense", "d", "{\"units\": 2, \"activation\": \"softmax\"}", weight("kernel", dense),
                        weight("bias", new HostTensor(new long[] {2}, new float[] {0, 0}))));
        assertEquals(new ImageShape(2, 2, 2), mapped.input());
        HostTensor w = mapped.tensors().get("c.weight");
        assertArrayEquals(new long[] {3, 2, 1, 1}, w.shape());
        // OIHW [o][i] = HWIO [0][0][i][o] = i * 3 + o
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, w.data());
        // network input t = c * 4 + y * 2 + x is Keras's (y * 2 + x) * 3 + c; weight [o][t] = kernel[keras][o]
        HostTensor d = mapped.tensors().get("d.weight");
        assertArrayEquals(new long[] {2, 12}, d.shape());
        int[] keras = {0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11};
        for (int t = 0; t < 12; t++) {
            assertEquals(keras[t] * 2, d.data()[t], "row 0, input " + t);
            assertEquals(keras[t] * 2 + 1, d.data()[12 + t], "row 1, input " + t);
        }
        assertTrue(mapped.layers().get(mapped.layers().size() - 1) instanceof SequentialLayer.Output);
    }

    @Test
    void aStrideTwoSameConvolutionGetsAnUnevenZeroPadding() throws WfnetException {
        KerasStackMapper.Mapped mapped = map(KerasModelSpec.shape(-1, 28, 28),
                layer("Conv2D", "c", "{\"filters\": 1, \"kernel_size\": 3, \"strides\": 2, \"padding\": \"same\","
                        + " \"use_bias\": false}", weight("kernel", counting(3, 3, 1, 1))),
                layer("Flatten", "f", "{}"),
                layer("Dense", "d", "{\"units\": 2, \"use_bias\": false}", weight("kernel", counting(196, 2))));
        assertEquals(new SequentialLayer.ZeroPad(0, 1, 0, 1), mapped.layers().get(0));
        assertEquals(new ImageShape(1, 28, 28), mapped.input());
    }

    @Test
    void batchNormKeepsKerasEpsilonAndFillsAMissingScale() throws WfnetException {
        HostTensor ones = new HostTensor(new long[] {4}, new float[] {1, 1, 1, 1});
        KerasStackMapper.Mapped mapped = map(KerasModelSpec.shape(-1, 4),
                layer("BatchNormalization", "bn", "{\"epsilon\": 0.001, \"scale\": false}", weight("beta", ones),
                        weight("moving_mean", ones), weight("moving_variance", ones)),
                layer("Dense", "d", "{\"units\": 2}", weight("kernel", counting(4, 2)), weight("bias", counting(2))));
        SequentialLayer.BatchNorm norm = (SequentialLayer.BatchNorm) mapped.layers().get(1);
        assertEquals(0.001, norm.eps());
        assertArrayEquals(new float[] {1, 1, 1, 1}, mapped.tensors().get("bn.weight").data());
        assertEquals(new ImageShape(1, 2, 2), mapped.input());
    }

    @Test
    void whatCannotBeReproducedExactlyIsRefusedByName() {
        List<Long> image = KerasModelSpec.shape(-1, 7, 7, 1);
        KerasLayer flatten = layer("Flatten", "f", "{}");
        KerasLayer dense = layer("Dense", "d", "{\"units\": 2, \"use_bias\": false}", weight("kernel", counting(16, 2)));
        // an average over 3x3 windows, stride 2, 'same' on 7: TensorFlow pads 1 on the top and counts real pixels only
        String average = refusal(image, layer("AveragePooling2D", "avg", "{\"pool_size\": 3, \"strides\": 2,"
                + " \"padding\": \"same\"}"), flatten, dense);
        assertTrue(average.contains("'avg' (AveragePooling2D): padding='same' pads 1 on the top"), average);
        String mapsDense = refusal(image, layer("Dense", "d", "{\"units\": 2}"));
        assertTrue(mapsDense.contains("without a Flatten before it"), mapsDense);
        String activation = refusal(image, flatten, layer("Dense", "d", "{\"units\": 2, \"activation\": \"selu\"}",
                weight("kernel", counting(49, 2)), weight("bias", counting(2))));
        assertTrue(activation.contains("activation 'selu' is not supported"), activation);
        String missing = refusal(image, flatten, layer("Dense", "d", "{\"units\": 2}", weight("kernel",
                counting(49, 2))));
        assertTrue(missing.contains("'d' (Dense) has no weight 'bias'"), missing);
        String late = refusal(image, flatten, layer("Rescaling", "r", "{\"scale\": 0.5}"), dense);
        assertTrue(late.contains("'r' (Rescaling) comes after layers that compute"), late);
        String branch = refusal(KerasModelSpec.shape(-1, 784), layer("Add", "add", "{}"));
        assertTrue(branch.contains("'add' (Add) is not supported"), branch);
    }

    @Test
    void aFunctionalChainIsPutInDataOrderAndABranchIsRefused() throws WfnetException {
        String chain = "{\"class_name\": \"Functional\", \"config\": {\"layers\": ["
                + "{\"class_name\": \"Dense\", \"name\": \"out\", \"config\": {\"name\": \"out\"},"
                + " \"inbound_nodes\": [[[\"hidden\", 0, 0, {}]]]},"
                + "{\"class_name\": \"InputLayer\", \"name\": \"in\", \"config\": {\"batch_input_shape\": [null, 4]},"
                + " \"inbound_nodes\": []},"
                + "{\"class_name\": \"Dense\", \"name\": \"hidden\", \"config\": {\"name\": \"hidden\"},"
                + " \"inbound_nodes\": [[[\"in\", 0, 0, {}]]]}]}}";
        KerasConfig.Chain read = KerasConfig.parse(chain, "m.h5");
        List<String> names = new ArrayList<>();
        read.layers().forEach(l -> names.add(l.name()));
        assertEquals(List.of("in", "hidden", "out"), names);
        assertEquals(KerasModelSpec.shape(-1, 4), read.inputShape());
        String twice = chain.replace("[[[\"in\", 0, 0, {}]]]", "[[[\"in\", 0, 0, {}], [\"out\", 0, 0, {}]]]");
        WfnetException e = assertThrows(WfnetException.class, () -> KerasConfig.parse(twice, "m.h5"));
        assertTrue(e.getMessage().contains("layer 'hidden' takes inputs from in, out"), e.getMessage());
    }

    @Test
    void keras3NamesWeightGroupsAfterTheLayerClass() {
        assertEquals("conv2d", KerasConfig.snakeCase("Conv2D"));
        assertEquals("batch_normalization", KerasConfig.snakeCase("BatchNormalization"));
        assertEquals("max_pooling2d", KerasConfig.snakeCase("MaxPooling2D"));
        assertEquals("dense", KerasConfig.snakeCase("Dense"));
    }
}
