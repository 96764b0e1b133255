package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import dev.wfnet.io.HostTensor;
import dev.wfnet.model.Architecture;
import java.util.Map;
import java.util.Random;

/**
 * Checks an import against the source model itself: seeded probe images, in the source's layout
 * and value range (0..1, or 0..255 when the model rescales its inputs itself), go through the
 * source model ({@link SourceModel}) and, turned into the network's layout and normalisation by
 * {@link SourceArchitecture#networkInputs}, through the imported network; the outputs must agree
 * (as {@link ImportVerifier} compares them: directly, or as probabilities).
 */
final class SourceModelReference {
    static final int PROBES = 8;

    private SourceModelReference() {
    }

    static ImportVerifier.Verification verify(SourceModel model, SourceArchitecture stated, Architecture architecture,
                                              Map<String, HostTensor> weights, double tolerance)
            throws WfnetException {
        long[] shape = model.inputShape();
        shape[0] = PROBES;
        float[] values = new float[Math.toIntExact(HostTensor.elementCount(shape))];
        Random random = new Random(0);
        float range = stated.rawPixels() ? 255f : 1f;
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() * range;
        }
        HostTensor probes = new HostTensor(shape, values);
        HostTensor outputs = model.run(probes);
        return ImportVerifier.againstReference(architecture, weights, stated.networkInputs(probes), outputs, tolerance,
                model.description());
    }
}
