package dev.wfnet.imports;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.wfnet.data.ImageShape;
import dev.wfnet.io.HostTensor;
import dev.wfnet.model.EngineValues;
import dev.wfnet.model.TorchRuntime;
import java.nio.file.Path;
import java.util.Random;

/**
 * A TorchScript archive is also a reference: the engine runs the module itself (in eval mode) on
 * probe inputs, and the imported network must give the same outputs. This runs the archive's
 * TorchScript code in the PyTorch engine (never Python), which a hostile archive could abuse (its
 * code may touch files when loaded), so it happens only when the user asks
 * ({@link ImportSettings#runTorchScript()}). When the module cannot be run this way (it takes
 * other inputs, returns a tuple) the import falls back to probe inputs and says so.
 */
final class TorchScriptReference {
    static final int PROBES = 4;

    /** Probe inputs and the module's outputs on them, or why there are none. */
    record Outputs(HostTensor inputs, HostTensor outputs, String failure) {
    }

    private TorchScriptReference() {
    }

    static Outputs run(Path file, ImageShape input) {
        long[] shape = input.asBatchShape(PROBES);
        float[] values = new float[PROBES * input.pixelCount()];
        Random random = new Random(0);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        HostTensor inputs = new HostTensor(shape, values);
        try (NDManager manager = TorchRuntime.newManager(); Model model = Model.newInstance("source", Device.cpu(),
                TorchRuntime.engine().getEngineName())) {
            model.load(file);
            NDArray x = EngineValues.copyOf(manager, values, new Shape(shape));
            NDList out = model.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false);
            if (out.size() != 1 || out.singletonOrThrow().getShape().dimension() != 2) {
                return new Outputs(inputs, null, "the TorchScript module does not return one N x classes tensor");
            }
            NDArray result = out.singletonOrThrow();
            return new Outputs(inputs, new HostTensor(result.getShape().getShape(), result.toFloatArray()), null);
        } catch (Exception | LinkageError e) {
            return new Outputs(inputs, null, "the TorchScript module could not be run on " + input + " inputs ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()))
                    + ")");
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
