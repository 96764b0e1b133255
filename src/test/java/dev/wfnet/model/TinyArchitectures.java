package dev.wfnet.model;

import dev.wfnet.data.ImageDataset;
import dev.wfnet.data.ImageShape;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/** Each architecture of the catalogue at a tiny width, for tests that run many batches quickly. */
public final class TinyArchitectures {
    public static final ImageShape INPUT = new ImageShape(1, 28, 28);
    public static final int CLASSES = 10;

    private TinyArchitectures() {
    }

    public static List<ArchitectureSpec> specs() {
        return List.of(ArchitectureSpec.of(SmallCnn.ID, Map.of()),
                ArchitectureSpec.of(Mlp.ID, Map.of("hidden", "16")),
                ArchitectureSpec.of(ResNet.RESNET20, Map.of("depth", "8", "width", "4")),
                ArchitectureSpec.of(ResNet.RESNET18, Map.of("width", "4")),
                ArchitectureSpec.of(VisionTransformer.ID, Map.of("patch", "7", "dim", "8", "depth", "2", "heads",
                        "2", "mlp_ratio", "2")));
    }

    public static Architecture build(ArchitectureSpec spec) throws dev.wfnet.WfnetException {
        return ArchitectureCatalog.create(spec, INPUT, CLASSES);
    }

    /** {@code count} images of random pixels, labels cycling through the classes. */
    public static ImageDataset randomImages(int count) {
        byte[] pixels = new byte[count * INPUT.pixelCount()];
        new Random(5).nextBytes(pixels);
        int[] labels = IntStream.range(0, count).map(i -> i % CLASSES).toArray();
        List<String> names = IntStream.range(0, CLASSES).mapToObj(i -> "class " + i).toList();
        return new ImageDataset("random", INPUT, pixels, labels, names);
    }
}
