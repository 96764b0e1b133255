package dev.wfnet.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import dev.wfnet.io.HostTensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where training scripts put the weights, and how they are found. */
class StateDictLocatorTest {
    private static final SourceTensor T = SourceTensor.of(new HostTensor(new long[] {1}, new float[] {1}), "F32");

    private static StateDict locate(Object root, String entry) throws WfnetException {
        return StateDictLocator.locate(new SourceContent("test", root, List.of(), null), "file", entry);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void aKnownWrapperWinsOverStrayTensorsBesideIt() throws Exception {
        StateDict state = locate(map("state_dict", map("conv.weight", T, "conv.bias", T), "best_acc1", T,
                "epoch", 90L), null);
        assertEquals(List.of("conv.weight", "conv.bias"), List.copyOf(state.tensors().keySet()));
        assertTrue(state.steps().contains("weights under entry 'state_dict'"));
    }

    @Test
    void nestedWrappersAreFollowedAndAnUnknownSingleEntryTaken() throws Exception {
        assertEquals(List.of("w"), List.copyOf(locate(map("model", map("state_dict", map("w", T))), null)
                .tensors().keySet()));
        assertEquals(List.of("w"), List.copyOf(locate(map("generator_weights", map("w", T), "step", 3L), null)
                .tensors().keySet()));
    }

    @Test
    void severalCandidatesNeedTheUsersChoice() throws Exception {
        Map<String, Object> gan = map("generator", map("g", T), "discriminator", map("d", T));
        assertTrue(assertThrows(WfnetException.class, () -> locate(gan, null)).getMessage()
                .contains("several entries (generator, discriminator); name the one"));
        assertEquals(List.of("d"), List.copyOf(locate(gan, "discriminator").tensors().keySet()));
        assertTrue(assertThrows(WfnetException.class, () -> locate(gan, "critic")).getMessage()
                .contains("has no entry 'critic'"));
    }

    @Test
    void aSingleTensorOrNoTensorsAreNotWeights() {
        assertTrue(assertThrows(WfnetException.class, () -> locate(T, null)).getMessage()
                .contains("a single tensor"));
        assertTrue(assertThrows(WfnetException.class, () -> locate(map("epoch", 3L), null)).getMessage()
                .contains("no named tensors"));
    }
}
