package dev.wfnet.imports;

import dev.wfnet.io.HostTensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The accuracy TensorFlow itself gives a SavedModel on an IDX test set (Fashion-MNIST's
 * {@code t10k-*-ubyte.gz}), its images fed as the model's serving signature takes them (N x 28 x 28
 * x 1 or N x 28 x 28), divided by 255 unless {@code --raw}: the figure an import is compared with
 * ({@code wfnet evaluate} of the imported model on the same images). Usage:
 * {@code java -cp target/test-classes:target/classes:CLASSPATH dev.wfnet.imports.SavedModelAccuracy
 * IDX-DIR SAVEDMODEL... [--raw]}.
 */
public final class SavedModelAccuracy {
    private static final int BATCH = 500;

    private SavedModelAccuracy() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        boolean raw = java.util.Arrays.asList(args).contains("--raw");
        byte[] images = gunzip(data.resolve("t10k-images-idx3-ubyte.gz"));
        byte[] labels = gunzip(data.resolve("t10k-labels-idx1-ubyte.gz"));
        int count = labels.length - 8;
        int pixels = (images.length - 16) / count;
        for (int a = 1; a < args.length; a++) {
            if (args[a].equals("--raw")) {
                continue;
            }
            try (TensorFlowSavedModel model = TensorFlowSavedModel.open(Path.of(args[a]))) {
                int correct = 0;
                for (int from = 0; from < count; from += BATCH) {
                    int n = Math.min(BATCH, count - from);
                    long[] shape = model.inputShape();
                    shape[0] = n;
                    float[] x = new float[n * pixels];
                    for (int i = 0; i < x.length; i++) {
                        int value = images[16 + from * pixels + i] & 0xFF;
                        x[i] = raw ? value : value / 255f;
                    }
                    HostTensor out = model.run(new HostTensor(shape, x));
                    int classes = (int) out.shape()[1];
                    for (int i = 0; i < n; i++) {
                        int best = 0;
                        for (int c = 1; c < classes; c++) {
                            if (out.data()[i * classes + c] > out.data()[i * classes + best]) {
                                best = c;
                            }
                        }
                        correct += best == (labels[8 + from + i] & 0xFF) ? 1 : 0;
                    }
                }
                System.out.printf(Locale.ROOT, "%s: TensorFlow %.2f%% (%d of %d)%n", args[a], 100.0 * correct / count,
                        correct, count);
            }
        }
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }
}
