package dev.wfnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Values made by {@link EngineValues} stay valid while the engine holds them, through garbage
 * collections that free the Java buffers DJL hands to the engine. Each test runs DJL's own way of
 * doing the same next to it, as a control: if the control stops going wrong, the test no longer
 * frees those buffers (or DJL has started copying) and says so instead of passing vacuously.
 */
class EngineValuesTest {
    private static final int TRIES = 5;

    @Test
    void scalarOperandsKeptForTheBackwardPassSurviveACollectionBetweenForwardAndBackward() throws Exception {
        int controlWrong = 0;
        try (NDManager manager = TorchRuntime.newManager()) {
            for (int t = 0; t < TRIES; t++) {
                try (NDScope scope = new NDScope()) {
                    NDArray scaled = manager.ones(new Shape(3));
                    NDArray inverted = manager.full(new Shape(3), 2f);
                    NDArray control = manager.ones(new Shape(3));
                    for (NDArray x : List.of(scaled, inverted, control)) {
                        x.setRequiresGradient(true);
                    }
                    List<ByteBuffer> reuse;
                    try (GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
                        // autograd keeps the 3 of x * 3 and the -1 of x ^ -1 to compute the gradients
                        NDArray loss = EngineValues.times(scaled, 3).sum()
                                .add(EngineValues.power(inverted, -1).sum())
                                .add(control.mul(3f).sum());
                        reuse = FreedBuffers.collectAndReuse();
                        collector.backward(loss);
                    }
                    assertArrayEquals(new float[] {3, 3, 3}, scaled.getGradient().toFloatArray(), 0f, "d(3x)/dx");
                    assertArrayEquals(new float[] {-0.25f, -0.25f, -0.25f}, inverted.getGradient().toFloatArray(),
                            0f, "d(1/x)/dx at 2 is -1/4");
                    controlWrong += Arrays.equals(new float[] {3, 3, 3}, control.getGradient().toFloatArray()) ? 0 : 1;
                    assertEquals(256, reuse.size());
                }
            }
        }
        assertTrue(controlWrong > 0, "control: DJL's x.mul(3f) kept a right gradient in all " + TRIES
                + " tries, so this test did not free its scalar between forward and backward");
    }

    @Test
    void aCopiedInputOutlivesTheJavaMemoryItCameFrom() throws Exception {
        float[] data = {1, 2, 3, 4};
        int controlWrong = 0;
        try (NDManager manager = TorchRuntime.newManager()) {
            for (int t = 0; t < TRIES; t++) {
                try (NDScope scope = new NDScope()) {
                    NDArray copy = EngineValues.copyOf(manager, data, new Shape(2, 2)).reshape(4);
                    NDArray control;
                    // DJL's array over Java memory, closed while a view of it (as a slice or an
                    // autograd record would be) lives on
                    try (NDArray borrowed = manager.create(data, new Shape(2, 2))) {
                        control = borrowed.reshape(4);
                    }
                    List<ByteBuffer> reuse = FreedBuffers.collectAndReuse();
                    assertArrayEquals(data, copy.toFloatArray(), 0f);
                    controlWrong += Arrays.equals(data, control.toFloatArray()) ? 0 : 1;
                    assertEquals(256, reuse.size());
                }
            }
        }
        assertTrue(controlWrong > 0, "control: a view of DJL's closed array kept its values in all " + TRIES
                + " tries, so this test did not free the memory under it");
    }

    @Test
    void fillsAndCopiesWriteInPlaceWhateverWasThere() {
        try (NDManager manager = TorchRuntime.newManager()) {
            NDArray target = manager.create(new Shape(2, 3));
            EngineValues.copyInto(target, new float[] {Float.NaN, -2, 0.5f, 7, 1, Float.POSITIVE_INFINITY});
            assertArrayEquals(new float[] {Float.NaN, -2, 0.5f, 7, 1, Float.POSITIVE_INFINITY}, target.toFloatArray(),
                    0f);
            try (NDArray above = target.gt(EngineValues.scalar(target, 1))) {
                EngineValues.fill(target, new NDIndex("{}", above), 1);
            }
            assertArrayEquals(new float[] {Float.NaN, -2, 0.5f, 1, 1, 1}, target.toFloatArray(), 0f);
            EngineValues.fill(target, 0);
            assertArrayEquals(new float[6], target.toFloatArray(), 0f, "NaN is overwritten, not multiplied");
            assertArrayEquals(new long[] {2, 3}, target.getShape().getShape());
        }
    }
}
