package dev.wfnet.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The walk over a TF1-style graph, on graphs written out here as plain data (no TensorFlow): what
 * each op becomes in Keras's terms, and the refusals.
 */
class GraphLayersTest {
    private final List<SavedModelGraph.GraphNode> nodes = new ArrayList<>();

    private void node(String name, String op, List<String> inputs, Map<String, long[]> ints, Map<String, String> strings,
                      long... shape) {
        nodes.add(new SavedModelGraph.GraphNode(name, op, inputs, ints, strings, Map.of(), shape));
    }

    private void variable(String name, long... shape) {
        node(name, "VariableV2", List.of(), Map.of(), Map.of(), shape);
        node(name + "/read", "Identity", List.of(name), Map.of(), Map.of());
    }

    private SavedModelLayout.Layout walk(String output, long... input) throws WfnetException {
        SavedModelGraph.Signature signature = new SavedModelGraph.Signature("serving_default", "x", "x:0", input, "y",
                output + ":0", new long[] {-1, 10});
        return GraphLayers.fromGraph(new SavedModelGraph(signature, List.of(), Map.of(), nodes), "model");
    }

    /** x -> conv (+bias) -> relu -> MaxPoolV2 (window as constants) -> reshape -> dense (+bias). */
    private void cnn(String poolOp) {
        node("x", "Placeholder", List.of(), Map.of(), Map.of(), -1, 8, 8, 1);
        variable("c/kernel", 3, 3, 1, 2);
        variable("c/bias", 2);
        node("conv", "Conv2D", List.of("x", "c/kernel/read"), Map.of("strides", new long[] {1, 1, 1, 1}),
                Map.of("padding", "SAME", "data_format", "NHWC"));
        node("add", "BiasAdd", List.of("conv", "c/bias/read"), Map.of(), Map.of());
        node("relu", "Relu", List.of("add:0"), Map.of(), Map.of());
        node("ksize", "Const", List.of(), Map.of("value", new long[] {1, 2, 2, 1}), Map.of());
        node("pstrides", "Const", List.of(), Map.of("value", new long[] {1, 2, 2, 1}), Map.of());
        if (poolOp.equals("MaxPoolV2")) {
            node("pool", "MaxPoolV2", List.of("relu", "ksize", "pstrides"), Map.of(), Map.of("padding", "VALID"));
        } else {
            node("pool", poolOp, List.of("relu", "^ksize"), Map.of(), Map.of("padding", "VALID"));
        }
        node("shape", "Const", List.of(), Map.of("value", new long[] {-1, 32}), Map.of());
        node("flat", "Reshape", List.of("pool", "shape"), Map.of(), Map.of());
        variable("d/kernel", 32, 10);
        variable("d/bias", 10);
        node("mm", "MatMul", List.of("flat", "d/kernel/read"), Map.of(), Map.of());
        node("y", "BiasAdd", List.of("mm", "d/bias/read"), Map.of(), Map.of());
    }

    @Test
    void opsBecomeTheKerasLayersTheyAre() throws WfnetException {
        cnn("MaxPoolV2");
        SavedModelLayout.Layout layout = walk("y", -1, 8, 8, 1);
        assertEquals(List.of("Conv2D", "ReLU", "MaxPooling2D", "Flatten", "Dense"),
                layout.layers().stream().map(SavedModelLayout.Layer::className).toList());
        SavedModelLayout.Layer conv = layout.layers().get(0);
        assertEquals("c", conv.name());
        assertEquals("same", conv.config().get("padding").getAsString());
        assertEquals(2, conv.config().get("filters").getAsInt());
        assertEquals(List.of("kernel", "bias"), conv.weights().stream().map(SavedModelLayout.Weight::shortName).toList());
        assertEquals(List.of("c/kernel", "c/bias"), conv.weights().stream().map(SavedModelLayout.Weight::key).toList());
        SavedModelLayout.Layer pool = layout.layers().get(2);
        assertEquals("[2,2]", pool.config().get("pool_size").toString());
        assertEquals("[2,2]", pool.config().get("strides").toString());
        assertEquals(10, layout.layers().get(4).config().get("units").getAsInt());
        assertTrue(!layout.fromCheckpoint(), "TF1 weights are variable ops");
    }

    @Test
    void aPoolingWithoutItsWindowIsRefused() {
        cnn("MaxPool");
        WfnetException e = assertThrows(WfnetException.class, () -> walk("y", -1, 8, 8, 1));
        assertTrue(e.getMessage().contains("MaxPool pool has ksize null; expected [1, h, w, 1]"), e.getMessage());
    }

    @Test
    void anOpTheImportDoesNotReadIsNamed() {
        cnn("MaxPoolV2");
        nodes.add(new SavedModelGraph.GraphNode("odd", "Elu", List.of("y"), Map.of(), Map.of(), Map.of(), new long[0]));
        WfnetException e = assertThrows(WfnetException.class, () -> walk("odd", -1, 8, 8, 1));
        assertTrue(e.getMessage().contains("the graph computes Elu (odd)"), e.getMessage());
    }

    @Test
    void aBiasThatFollowsNoConvolutionOrMatMulIsRefused() {
        node("x", "Placeholder", List.of(), Map.of(), Map.of(), -1, 4);
        variable("b", 4);
        node("t", "Tanh", List.of("x"), Map.of(), Map.of());
        node("y", "BiasAdd", List.of("t", "b/read"), Map.of(), Map.of());
        WfnetException e = assertThrows(WfnetException.class, () -> walk("y", -1, 4));
        assertTrue(e.getMessage().contains("the bias b (y) follows Tanh t"), e.getMessage());
    }

    @Test
    void aWeightThatIsNoVariableIsRefused() {
        node("x", "Placeholder", List.of(), Map.of(), Map.of(), -1, 4);
        node("w", "Const", List.of(), Map.of(), Map.of());
        node("y", "MatMul", List.of("x", "w"), Map.of(), Map.of());
        WfnetException e = assertThrows(WfnetException.class, () -> walk("y", -1, 4));
        assertTrue(e.getMessage().contains("MatMul y takes Const w where the import expects a variable"), e.getMessage());
    }

    @Test
    void aComputedReshapeAndChannelsFirstAreRefused() {
        node("x", "Placeholder", List.of(), Map.of(), Map.of(), -1, 8, 8, 1);
        node("s", "Shape", List.of("x"), Map.of(), Map.of());
        node("y", "Reshape", List.of("x", "s"), Map.of(), Map.of());
        assertTrue(assertThrows(WfnetException.class, () -> walk("y", -1, 8, 8, 1)).getMessage()
                .contains("takes a computed shape"));
        nodes.clear();
        node("x", "Placeholder", List.of(), Map.of(), Map.of(), -1, 1, 8, 8);
        variable("k", 3, 3, 1, 2);
        node("y", "Conv2D", List.of("x", "k/read"), Map.of("strides", new long[] {1, 1, 1, 1}),
                Map.of("padding", "VALID", "data_format", "NCHW"));
        assertTrue(assertThrows(WfnetException.class, () -> walk("y", -1, 1, 8, 8)).getMessage()
                .contains("works on NCHW data"));
    }
}
