package dev.wfnet.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.wfnet.io.Hashing;
import dev.wfnet.io.HostTensor;
import dev.wfnet.model.Architecture;
import dev.wfnet.model.ModelCheckpoint;
import dev.wfnet.model.NetworkWeights;
import dev.wfnet.model.TorchRuntime;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every SavedModel fixture written by TensorFlow Java ({@link SavedModelFixtureGenerator}) imports,
 * and the imported network reproduces TensorFlow's probabilities on the probe inputs stored beside
 * it to within 1e-4. Those outputs were computed by TensorFlow when the fixture was written; here the
 * probes are put into the network's layout by this test's own arithmetic (channels first, and the
 * fixture's 1/255 rescaling), not by the importer's code.
 */
class SavedModelImportTest {
    private static final double TOLERANCE = 1e-4;

    static Path fixture(String name) {
        try {
            return Path.of(SavedModelImportTest.class.getResource("/imports/savedmodel/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // fixture, input scale applied by the model's own Rescaling, ends in softmax, a fragment of its layer list
        "tf1-cnn-bn, 1, true, 'bn1:BatchNorm2d(4,eps=0.0010000000474974513); ReLU(); MaxPool2d(kernel_size=2'",
        "tf1-mlp-channelless, 1, false, 'Flatten(); hidden:Linear(784,16,bias=True); Tanh()'",
        "tf1-cnn-channelless, 1, false, 'conv:Conv2d(1,3,kernel_size=5,stride=1,padding=2,bias=True); ReLU(); AvgPool2d'",
        "keras-objectgraph, 0.00392156862745098, true, 'conv2d:Conv2d(1,5,kernel_size=3,stride=1,padding=0,bias=True)'",
        "keras-metadata, 1, false, 'conv2d_7:Conv2d(1,4,kernel_size=3,stride=2,padding=0,bias=True); ReLU(); Flatten()'",
    })
    void importedSavedModelsComputeTensorFlowsProbabilities(String name, double scale, boolean softmax,
                                                             String layers) throws Exception {
        Path source = fixture(name);
        ImportedModel imported = ModelImporter.run(source, ImportSettings.defaults());
        ModelCheckpoint checkpoint = imported.checkpoint();
        assertEquals(SavedModelReader.ID, imported.report().format());
        assertTrue(checkpoint.architecture().arguments().get("layers").contains(layers),
                checkpoint.architecture().arguments().get("layers"));
        assertTrue(imported.report().verification().referenced(), imported.report().verification().summary());
        assertTrue(imported.report().verification().summary().contains("serving signature"));
        assertEquals(Hashing.sha256OfDirectory(source), checkpoint.provenance().inputs().get("source"));

        HostTensor inputs = npy(name + ".inputs.npy");
        HostTensor expected = npy(name + ".outputs.npy");
        double error = maxProbabilityError(checkpoint, channelsFirst(inputs, scale), expected, softmax);
        System.out.printf("%s: max abs error vs TensorFlow's probabilities %.3g%n", name, error);
        assertTrue(error <= TOLERANCE, name + ": max abs error " + error);
    }

    @Test
    void aSavedModelImportsFromItsSavedModelPbToo() throws Exception {
        ImportedModel imported = ModelImporter.run(fixture("tf1-mlp-channelless/saved_model.pb"),
                ImportSettings.defaults());
        assertEquals(Hashing.sha256OfDirectory(fixture("tf1-mlp-channelless")),
                imported.checkpoint().provenance().inputs().get("source"));
    }

    @Test
    void realKerasLayoutsStateWhereTheirConfigsCameFrom() throws Exception {
        assertTrue(ModelImporter.run(fixture("keras-objectgraph"), ImportSettings.defaults()).report().steps()
                .stream().anyMatch(s -> s.contains("object graph's metadata")));
        assertTrue(ModelImporter.run(fixture("keras-metadata"), ImportSettings.defaults()).report().steps()
                .stream().anyMatch(s -> s.contains("keras_metadata.pb")));
        assertTrue(ModelImporter.run(fixture("tf1-cnn-bn"), ImportSettings.defaults()).report().steps()
                .stream().anyMatch(s -> s.contains("TF1-style graph")));
    }

    static HostTensor npy(String name) throws Exception {
        return NpyReader.read(fixture(name));
    }

    /** N x H x W x C (or N x H x W) to N x C x H x W, times the model's own input scale. */
    static HostTensor channelsFirst(HostTensor inputs, double scale) {
        long[] shape = inputs.shape();
        int n = (int) shape[0];
        int h = (int) shape[1];
        int w = (int) shape[2];
        int c = shape.length == 4 ? (int) shape[3] : 1;
        float[] in = inputs.data();
        float[] out = new float[in.length];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int ch = 0; ch < c; ch++) {
                        out[((i * c + ch) * h + y) * w + x] = (float) (in[((i * h + y) * w + x) * c + ch] * scale);
                    }
                }
            }
        }
        return new HostTensor(new long[] {n, c, h, w}, out);
    }

    /** The largest difference between the network's probabilities and TensorFlow's. */
    static double maxProbabilityError(ModelCheckpoint checkpoint, HostTensor inputs, HostTensor expected,
                                      boolean expectedAreProbabilities) throws Exception {
        Architecture architecture = checkpoint.buildArchitecture();
        try (NDManager manager = TorchRuntime.newManager()) {
            NetworkWeights weights = NetworkWeights.load(architecture, checkpoint.tensors(), manager, "imported");
            float[] ours = architecture.forward(weights, dev.wfnet.model.EngineValues.copyOf(manager, inputs.data(),
                    new Shape(inputs.shape())), false).toFloatArray();
            int classes = architecture.classCount();
            assertEquals(expected.size(), ours.length);
            double max = 0;
            for (int row = 0; row < ours.length / classes; row++) {
                float[] mine = java.util.Arrays.copyOfRange(ours, row * classes, (row + 1) * classes);
                float[] theirs = java.util.Arrays.copyOfRange(expected.data(), row * classes, (row + 1) * classes);
                double[] p = ImportVerifier.softmax(mine);
                double[] q = expectedAreProbabilities ? ImportVerifier.toDouble(theirs) : ImportVerifier.softmax(theirs);
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, Math.abs(p[c] - q[c]));
                }
            }
            return max;
        }
    }
}
