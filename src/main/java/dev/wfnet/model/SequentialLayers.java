package dev.wfnet.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a layer list written the way PyTorch code and {@code print(model)} write it:
 * {@code Conv2d(1, 32, 3, padding=1), ReLU(), MaxPool2d(2), Flatten(), Linear(6272, 10)}. Layers
 * are separated by commas, semicolons or new lines; a layer may be named ({@code conv1: Conv2d(...)},
 * or {@code (conv1): Conv2d(...)} as {@code print(model)} shows it, nested {@code Sequential(}
 * blocks included); a parameterised layer without a name takes its index in the list, as in an
 * {@code nn.Sequential}. {@code #} starts a comment. Keyword arguments that do not change the
 * computation ({@code inplace}, {@code momentum}, {@code dim=1}) are accepted and ignored; ones that
 * would change it and are not supported ({@code dilation=2}, {@code groups=2}) are refused by name.
 */
public final class SequentialLayers {
    private static final Pattern NAMED = Pattern.compile("^\\(?([A-Za-z0-9_.]+)\\)?\\s*[:=]\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern CALL = Pattern.compile("^([A-Za-z][A-Za-z0-9_]*)\\s*(?:\\((.*)\\))?$", Pattern.DOTALL);

    private SequentialLayers() {
    }

    /** The canonical text of a layer list, which {@link #parse} reads back to the same list. */
    public static String text(List<SequentialLayer> layers) {
        return layers.stream().map(SequentialLayer::text).collect(Collectors.joining("; "));
    }

    /**
     * @throws IllegalArgumentException naming the layer that cannot be read and why
     */
    public static List<SequentialLayer> parse(String text) {
        List<SequentialLayer> layers = new ArrayList<>();
        for (String item : items(text)) {
            String name = "";
            String call = item;
            Matcher named = NAMED.matcher(item);
            if (named.matches()) {
                name = named.group(1);
                call = named.group(2).trim();
            }
            SequentialLayer layer = layer(call, name.isEmpty() ? Integer.toString(layers.size()) : name);
            if (layer != null) {
                layers.add(layer);
            }
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("the layer list is empty; give it as --arch-arg layers='Conv2d(1, 32,"
                    + " 3), ReLU(), ...' or in a file");
        }
        return layers;
    }

    /**
     * The layer items of a text: split at separators outside parentheses, with print(model)'s
     * nested containers ({@code (features): Sequential(} ... {@code )}) turned into name prefixes.
     */
    static List<String> items(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            int comment = line.indexOf('#');
            lines.add(comment >= 0 ? line.substring(0, comment) : line);
        }
        if (lines.stream().anyMatch(line -> line.trim().matches("^\\([A-Za-z0-9_.]+\\)\\s*:.*"))) {
            return printedItems(lines);
        }
        List<String> items = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        String joined = String.join("\n", lines);
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
                if (depth < 0) {
                    throw new IllegalArgumentException("unbalanced ')' in the layer list near '"
                            + context(joined, i) + "'");
                }
            }
            if (depth == 0 && (c == ',' || c == ';' || c == '\n')) {
                addItem(items, current);
            } else {
                current.append(c);
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced '(' in the layer list");
        }
        addItem(items, current);
        return items;
    }

    /** The lines of {@code print(model)}: one layer per line, containers opening and closing. */
    private static List<String> printedItems(List<String> lines) {
        List<String> items = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        Pattern container = Pattern.compile("^\\(([A-Za-z0-9_.]+)\\)\\s*:\\s*[A-Za-z][A-Za-z0-9_]*\\($");
        Pattern layer = Pattern.compile("^\\(([A-Za-z0-9_.]+)\\)\\s*:\\s*(.*)$");
        boolean first = true;
        for (String raw : lines) {
            String line = raw.trim();
            if (line.isEmpty()) {
                continue;
            }
            Matcher open = container.matcher(line);
            Matcher entry = layer.matcher(line);
            if (open.matches()) {
                prefixes.add(open.group(1) + ".");
            } else if (line.equals(")")) {
                if (!prefixes.isEmpty()) {
                    prefixes.remove(prefixes.size() - 1);
                }
            } else if (entry.matches()) {
                items.add(String.join("", prefixes) + entry.group(1) + ": " + entry.group(2));
            } else if (!(first && line.endsWith("("))) {
                throw new IllegalArgumentException("cannot read the line '" + line + "' of the printed model");
            }
            first = false;
        }
        return items;
    }

    private static void addItem(List<String> items, StringBuilder current) {
        String item = current.toString().trim();
        if (!item.isEmpty()) {
            items.add(item);
        }
        current.setLength(0);
    }

    private static String context(String text, int at) {
        return text.substring(Math.max(0, at - 20), Math.min(text.length(), at + 20)).replace('\n', ' ');
    }

    /** One layer, or null for layers that compute nothing (Identity). */
    private static SequentialLayer layer(String call, String name) {
        Matcher matcher = CALL.matcher(call.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("cannot read the layer '" + call + "': write it as PyTorch does,"
                    + " e.g. Conv2d(1, 32, 3, padding=1)");
        }
        String type = matcher.group(1).toLowerCase(Locale.ROOT);
        Arguments args = new Arguments(call, matcher.group(2) == null ? "" : matcher.group(2));
        SequentialLayer layer = switch (type) {
            case "conv2d" -> {
                int in = args.integer(0, "in_channels", -1);
                int out = args.integer(1, "out_channels", -1);
                int kernel = args.square(2, "kernel_size", -1);
                int stride = args.square(3, "stride", 1);
                Object padding = args.value(4, "padding");
                requireDefault(args.square(5, "dilation", 1), 1, "dilation", call);
                requireDefault(args.integer(6, "groups", 1), 1, "groups", call);
                boolean bias = args.bool(7, "bias", true);
                String mode = args.string(8, "padding_mode", "zeros");
                if (!mode.equals("zeros")) {
                    throw new IllegalArgumentException(call + ": padding_mode '" + mode + "' is not supported, only"
                            + " zeros");
                }
                int pad;
                if (padding instanceof String text) {
                    if (text.equals("valid")) {
                        pad = 0;
                    } else if (text.equals("same") && stride == 1 && kernel % 2 == 1) {
                        pad = kernel / 2;
                    } else {
                        throw new IllegalArgumentException(call + ": padding '" + text + "' is supported only as"
                                + " 'valid' or as 'same' with stride 1 and an odd kernel");
                    }
                } else {
                    pad = padding == null ? 0 : Arguments.squareValue(padding, "padding", call);
                }
                requirePositive(in, "in_channels", call);
                requirePositive(out, "out_channels", call);
                requirePositive(kernel, "kernel_size", call);
                requirePositive(stride, "stride", call);
                yield new SequentialLayer.Conv2d(name, in, out, kernel, stride, pad, bias);
            }
            case "linear" -> {
                int in = args.integer(0, "in_features", -1);
                int out = args.integer(1, "out_features", -1);
                boolean bias = args.bool(2, "bias", true);
                requirePositive(in, "in_features", call);
                requirePositive(out, "out_features", call);
                yield new SequentialLayer.Linear(name, in, out, bias);
            }
            case "batchnorm2d", "batchnorm1d" -> {
                int features = args.integer(0, "num_features", -1);
                double eps = args.number(1, "eps", 1e-5);
                args.number(2, "momentum", 0.1);
                if (!args.bool(3, "affine", true) || !args.bool(4, "track_running_stats", true)) {
                    throw new IllegalArgumentException(call + ": batch norm without affine parameters or running"
                            + " statistics is not supported");
                }
                requirePositive(features, "num_features", call);
                yield new SequentialLayer.BatchNorm(name, features, eps, type.endsWith("2d"));
            }
            case "relu", "tanh", "sigmoid", "gelu" -> {
                args.bool(0, "inplace", false);
                if (type.equals("gelu") && !args.string(0, "approximate", "none").equals("none")) {
                    throw new IllegalArgumentException(call + ": only the exact GELU is supported");
                }
                yield new SequentialLayer.Activation(switch (type) {
                    case "relu" -> SequentialLayer.Activation.Kind.RELU;
                    case "tanh" -> SequentialLayer.Activation.Kind.TANH;
                    case "sigmoid" -> SequentialLayer.Activation.Kind.SIGMOID;
                    default -> SequentialLayer.Activation.Kind.GELU;
                }, 0);
            }
            case "leakyrelu" -> {
                double slope = args.number(0, "negative_slope", 0.01);
                args.bool(1, "inplace", false);
                yield new SequentialLayer.Activation(SequentialLayer.Activation.Kind.LEAKY_RELU, slope);
            }
            case "maxpool2d", "avgpool2d" -> {
                boolean max = type.equals("maxpool2d");
                int kernel = args.square(0, "kernel_size", -1);
                Object strideValue = args.value(1, "stride");
                int stride = strideValue == null ? kernel : Arguments.squareValue(strideValue, "stride", call);
                int padding = args.square(2, "padding", 0);
                boolean ceil;
                if (max) {
                    requireDefault(args.square(3, "dilation", 1), 1, "dilation", call);
                    if (args.bool(4, "return_indices", false)) {
                        throw new IllegalArgumentException(call + ": return_indices=True is not supported");
                    }
                    ceil = args.bool(5, "ceil_mode", false);
                } else {
                    ceil = args.bool(3, "ceil_mode", false);
                    if (!args.bool(4, "count_include_pad", true) || args.value(5, "divisor_override") != null) {
                        throw new IllegalArgumentException(call + ": only count_include_pad=True without a divisor"
                                + " override is supported");
                    }
                }
                requirePositive(kernel, "kernel_size", call);
                requirePositive(stride, "stride", call);
                if (padding < 0 || padding > kernel / 2) {
                    throw new IllegalArgumentException(call + ": padding must be between 0 and half the kernel");
                }
                yield new SequentialLayer.Pool(max, kernel, stride, padding, ceil);
            }
            case "zeropad2d" -> {
                Object padding = args.value(0, "padding");
                if (padding instanceof List<?> four && four.size() == 4) {
                    int[] p = new int[4];
                    for (int i = 0; i < 4; i++) {
                        p[i] = Arguments.squareValue(four.get(i), "padding", call);
                    }
                    yield new SequentialLayer.ZeroPad(p[0], p[1], p[2], p[3]);
                }
                if (padding == null) {
                    throw new IllegalArgumentException(call + ": padding is missing");
                }
                int p = Arguments.squareValue(padding, "padding", call);
                yield new SequentialLayer.ZeroPad(p, p, p, p);
            }
            case "adaptiveavgpool2d" -> {
                if (args.square(0, "output_size", -1) != 1) {
                    throw new IllegalArgumentException(call + ": only AdaptiveAvgPool2d(1) (global average pooling)"
                            + " is supported");
                }
                yield new SequentialLayer.GlobalAveragePool();
            }
            case "flatten" -> {
                requireDefault(args.integer(0, "start_dim", 1), 1, "start_dim", call);
                requireDefault(args.integer(1, "end_dim", -1), -1, "end_dim", call);
                yield new SequentialLayer.Flatten();
            }
            case "dropout", "dropout2d" -> {
                double p = args.number(0, "p", 0.5);
                args.bool(1, "inplace", false);
                if (p < 0 || p >= 1) {
                    throw new IllegalArgumentException(call + ": p must be in [0, 1)");
                }
                yield new SequentialLayer.Dropout(p, type.equals("dropout2d"));
            }
            case "logsoftmax", "softmax" -> {
                int dim = args.integer(0, "dim", 1);
                if (dim != 1 && dim != -1) {
                    throw new IllegalArgumentException(call + ": the softmax must run over the classes (dim=1)");
                }
                yield new SequentialLayer.Output(type.equals("logsoftmax"));
            }
            case "identity" -> null;
            default -> throw new IllegalArgumentException("layer type " + matcher.group(1) + " is not supported; the"
                    + " sequential architecture reads Conv2d, BatchNorm2d, BatchNorm1d, ReLU, LeakyReLU, Tanh,"
                    + " Sigmoid, GELU, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d(1), ZeroPad2d, Flatten, Linear, Dropout,"
                    + " Dropout2d, Identity and a final LogSoftmax or Softmax");
        };
        args.refuseUnread();
        return layer;
    }

    private static void requireDefault(int value, int expected, String key, String call) {
        if (value != expected) {
            throw new IllegalArgumentException(call + ": " + key + "=" + value + " is not supported");
        }
    }

    private static void requirePositive(int value, String key, String call) {
        if (value <= 0) {
            throw new IllegalArgumentException(call + ": " + key + (value == -1 ? " is missing" : " must be positive"));
        }
    }

    /** The positional and keyword arguments of one call, by PyTorch's parameter order and names. */
    private static final class Arguments {
        private final String call;
        private final List<Object> positional = new ArrayList<>();
        private final Map<String, Object> keywords = new LinkedHashMap<>();
        private final java.util.Set<Integer> readPositions = new java.util.HashSet<>();
        private final java.util.Set<String> readKeywords = new java.util.HashSet<>();

        Arguments(String call, String text) {
            this.call = call;
            for (String part : items(text.replace(';', ','))) {
                int equals = topLevelEquals(part);
                if (equals > 0) {
                    keywords.put(part.substring(0, equals).trim(), literal(part.substring(equals + 1).trim()));
                } else {
                    if (!keywords.isEmpty()) {
                        throw new IllegalArgumentException(call + ": a positional argument follows a keyword argument");
                    }
                    positional.add(literal(part));
                }
            }
        }

        private static int topLevelEquals(String part) {
            int depth = 0;
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                depth += c == '(' || c == '[' ? 1 : c == ')' || c == ']' ? -1 : 0;
                if (c == '=' && depth == 0) {
                    return i;
                }
            }
            return -1;
        }

        private Object literal(String text) {
            String value = text.trim();
            if ((value.startsWith("(") && value.endsWith(")")) || (value.startsWith("[") && value.endsWith("]"))) {
                List<Object> tuple = new ArrayList<>();
                for (String item : items(value.substring(1, value.length() - 1))) {
                    tuple.add(literal(item));
                }
                return tuple;
            }
            if ((value.startsWith("'") && value.endsWith("'")) || (value.startsWith("\"") && value.endsWith("\""))) {
                return value.length() >= 2 ? value.substring(1, value.length() - 1) : "";
            }
            switch (value) {
                case "True", "true" -> {
                    return Boolean.TRUE;
                }
                case "False", "false" -> {
                    return Boolean.FALSE;
                }
                case "None" -> {
                    return null;
                }
                default -> {
                }
            }
            try {
                return value.matches("[-+]?\\d+") ? (Object) Long.parseLong(value) : (Object) Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(call + ": cannot read the argument '" + value + "'", e);
            }
        }

        Object value(int position, String key) {
            readPositions.add(position);
            readKeywords.add(key);
            if (keywords.containsKey(key)) {
                if (position < positional.size()) {
                    throw new IllegalArgumentException(call + ": " + key + " is given twice");
                }
                return keywords.get(key);
            }
            return position < positional.size() ? positional.get(position) : null;
        }

        int integer(int position, String key, int defaultValue) {
            Object value = value(position, key);
            if (value == null) {
                return defaultValue;
            }
            if (!(value instanceof Long number) || number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(call + ": " + key + " must be an integer, got " + value);
            }
            return (int) (long) number;
        }

        int square(int position, String key, int defaultValue) {
            Object value = value(position, key);
            return value == null ? defaultValue : squareValue(value, key, call);
        }

        static int squareValue(Object value, String key, String call) {
            if (value instanceof List<?> pair) {
                if (pair.isEmpty() || pair.stream().anyMatch(v -> !v.equals(pair.get(0)))) {
                    throw new IllegalArgumentException(call + ": " + key + " " + pair + " is not square; only square"
                            + " kernels, strides and paddings are supported");
                }
                value = pair.get(0);
            }
            if (!(value instanceof Long number) || number < 0 || number > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(call + ": " + key + " must be a non-negative integer, got " + value);
            }
            return (int) (long) number;
        }

        double number(int position, String key, double defaultValue) {
            Object value = value(position, key);
            if (value == null) {
                return defaultValue;
            }
            if (!(value instanceof Number number)) {
                throw new IllegalArgumentException(call + ": " + key + " must be a number, got " + value);
            }
            return number.doubleValue();
        }

        boolean bool(int position, String key, boolean defaultValue) {
            Object value = value(position, key);
            if (value == null) {
                return defaultValue;
            }
            if (!(value instanceof Boolean flag)) {
                throw new IllegalArgumentException(call + ": " + key + " must be True or False, got " + value);
            }
            return flag;
        }

        String string(int position, String key, String defaultValue) {
            Object value = value(position, key);
            return value == null ? defaultValue : value.toString();
        }

        /** Every argument must have been read; harmless PyTorch keywords are allowed and ignored. */
        void refuseUnread() {
            for (int i = 0; i < positional.size(); i++) {
                if (!readPositions.contains(i)) {
                    throw new IllegalArgumentException(call + ": too many arguments");
                }
            }
            for (String key : keywords.keySet()) {
                if (!readKeywords.contains(key) && !List.of("inplace", "device", "dtype").contains(key)) {
                    throw new IllegalArgumentException(call + ": unknown or unsupported argument " + key);
                }
            }
        }
    }
}
