package dev.wfnet.explain;

import dev.wfnet.io.HostTensor;
import dev.wfnet.io.Provenance;
import dev.wfnet.unlearn.BankCheckpoint;
import dev.wfnet.unlearn.BankLayout;
import dev.wfnet.unlearn.FilteredTensor;
import dev.wfnet.unlearn.Granularity;
import dev.wfnet.unlearn.UntrainConfig;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Banks whose analysis is known by hand. {@link #rowThreeSwitchesOffFiveFilters}: four rows
 * (classes 0-3), two filtered tensors, conv1.weight (8 x 2 x 3 x 3) and fc.weight (4 x 6); every
 * alpha is 1 except row 3's filters 0-4 of conv1, which are 0.25 over their whole kernel.
 */
public final class HandMadeBanks {
    public static final List<String> NAMES = List.of("T-shirt", "Trouser", "Pullover", "bag, leather");
    public static final String CONV = "conv1.weight";
    public static final String FC = "fc.weight";
    public static final float SWITCHED = 0.25f;
    public static final String MODEL_SHA = "ab".repeat(32);

    private HandMadeBanks() {
    }

    public static BankCheckpoint rowThreeSwitchesOffFiveFilters(Granularity granularity) {
        FilteredTensor conv = tensor(CONV, new long[] {8, 2, 3, 3}, granularity);
        FilteredTensor fc = tensor(FC, new long[] {4, 6}, granularity);
        BankLayout layout = new BankLayout(new int[] {0, 1, 2, 3}, 4, granularity, List.of(conv, fc));
        float[] convAlphas = ones(conv);
        int kernel = granularity == Granularity.WEIGHT ? 18 : 1;
        int perRow = 8 * kernel;
        Arrays.fill(convAlphas, 3 * perRow, 3 * perRow + 5 * kernel, SWITCHED);
        Map<String, HostTensor> alphas = new LinkedHashMap<>();
        alphas.put(CONV, new HostTensor(conv.alphaShape(), convAlphas));
        alphas.put(FC, new HostTensor(fc.alphaShape(), ones(fc)));
        return new BankCheckpoint(layout, MODEL_SHA, NAMES, UntrainConfig.defaults(), 400, alphas, Map.of(), Map.of(),
                new Provenance("untrain", Map.of(), 1L, Map.of(), Map.of(), Instant.EPOCH, 1.0));
    }

    static FilteredTensor tensor(String name, long[] shape, Granularity granularity) {
        long[] alpha = new long[shape.length + 1];
        alpha[0] = 4;
        for (int i = 0; i < shape.length; i++) {
            alpha[i + 1] = granularity == Granularity.WEIGHT || i == 0 ? shape[i] : 1;
        }
        return new FilteredTensor(name, shape, alpha);
    }

    private static float[] ones(FilteredTensor tensor) {
        float[] values = new float[(int) HostTensor.elementCount(tensor.alphaShape())];
        Arrays.fill(values, 1f);
        return values;
    }
}
