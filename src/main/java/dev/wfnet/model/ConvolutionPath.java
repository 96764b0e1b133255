package dev.wfnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which kernel PyTorch, as loaded through DJL, runs a convolution with on this machine: oneDNN
 * ({@code aten::mkldnn_convolution}), NNPACK ({@code aten::_nnpack_spatial_convolution}) or the
 * im2col fallback ({@code aten::_slow_conv2d_forward}). DJL exposes none of PyTorch's backend flags,
 * so one convolution is run under the engine's profiler and the operators it recorded are read back.
 */
public final class ConvolutionPath {
    /** The operators that name a convolution kernel, in the order PyTorch tries them. */
    private static final List<String> KERNELS = List.of("aten::mkldnn_convolution", "aten::_nnpack_spatial_convolution",
            "aten::_slow_conv2d_forward", "aten::slow_conv_dilated2d", "aten::thnn_conv2d");

    private ConvolutionPath() {
    }

    /**
     * The kernel operator of a 3x3, padding 1 convolution of {@code batch} images with
     * {@code channels} channels of {@code size x size} into {@code filters} maps, in the given layout;
     * empty when the profiler recorded none of the known kernels.
     */
    public static Optional<String> of(int batch, int channels, int size, int filters, MemoryLayout layout) {
        Path trace = null;
        try (NDManager manager = TorchRuntime.newManager()) {
            NDArray x = layout.apply(manager.ones(new Shape(batch, channels, size, size)));
            NDArray w = manager.ones(new Shape(filters, channels, 3, 3));
            trace = Files.createTempFile("wfnet-convolution-path", ".json");
            JniUtils.startProfile(false, false, false);
            try {
                Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow().close();
            } finally {
                JniUtils.stopProfile(trace.toString());
            }
            return kernelIn(operators(trace));
        } catch (IOException | RuntimeException e) {
            // the profiler is a diagnostic: a build without it leaves the path unknown, nothing else
            org.slf4j.LoggerFactory.getLogger(ConvolutionPath.class).debug("cannot profile a convolution", e);
            return Optional.empty();
        } finally {
            if (trace != null) {
                trace.toFile().delete();
            }
        }
    }

    /** The first known kernel among {@code operators}. */
    static Optional<String> kernelIn(java.util.Collection<String> operators) {
        return KERNELS.stream().filter(operators::contains).findFirst();
    }

    /** What a kernel operator is, for people: "oneDNN (aten::mkldnn_convolution)". */
    public static String describe(Optional<String> kernel) {
        return kernel.map(name -> switch (name) {
            case "aten::mkldnn_convolution" -> "oneDNN";
            case "aten::_nnpack_spatial_convolution" -> "NNPACK";
            case "aten::_slow_conv2d_forward", "aten::thnn_conv2d" -> "im2col + GEMM (PyTorch's fallback)";
            default -> "dilated fallback";
        } + " (" + name + ")").orElse("unknown (the profiler recorded no known kernel)");
    }

    /** The names of the operators in a Chrome trace written by the engine's profiler. */
    private static TreeSet<String> operators(Path trace) throws IOException {
        JsonElement root = JsonParser.parseString(Files.readString(trace));
        Iterable<JsonElement> events = root.isJsonArray() ? root.getAsJsonArray()
                : root.getAsJsonObject().getAsJsonArray("traceEvents");
        TreeSet<String> names = new TreeSet<>();
        for (JsonElement event : events) {
            JsonObject object = event.getAsJsonObject();
            if (object.has("name")) {
                names.add(object.get("name").getAsString());
            }
        }
        return names;
    }
}
