package dev.wfnet.data;

import dev.wfnet.WfnetException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A dataset named the way the command line names it: {@code kind} or {@code kind:DIR}. Parsing is
 * separate from loading so that a command can reject a mistyped spec before any slow work, and
 * so that provenance can record the spec in its canonical form ({@link #toString()}).
 *
 * @param kind which reader and which class names
 * @param directory where the files are; empty for the kinds that know where to look
 */
public record DatasetSpec(Kind kind, Optional<Path> directory) {

    /** The kinds of dataset the workbench reads. */
    public enum Kind {
        FASHION_MNIST("fashion-mnist", Directory.OPTIONAL,
                "Fashion-MNIST: the full set if installed, else the bundled subset; with DIR, the"
                        + " four IDX files in DIR"),
        FASHION_MNIST_BUNDLED("fashion-mnist-bundled", Directory.NONE,
                "the Fashion-MNIST subset bundled with the workbench (600/200 images per class)"),
        MNIST("mnist", Directory.REQUIRED, "MNIST's four IDX files in DIR, classes \"0\" to \"9\""),
        IDX("idx", Directory.REQUIRED,
                "any IDX set with the standard four file names in DIR, classes \"0\" to \"9\""),
        CIFAR10("cifar10", Directory.REQUIRED, "CIFAR-10, binary version, unpacked in DIR"),
        CIFAR100("cifar100", Directory.REQUIRED,
                "CIFAR-100, binary version, unpacked in DIR (fine labels)"),
        FOLDER("folder", Directory.REQUIRED,
                "images in DIR/train/<class>/ and DIR/test/<class>/ (png, jpg), resized to the"
                        + " model's input shape");

        private final String prefix;
        private final Directory directory;
        private final String description;

        Kind(String prefix, Directory directory, String description) {
            this.prefix = prefix;
            this.directory = directory;
            this.description = description;
        }

        /** The name as written in a spec. */
        public String prefix() {
            return prefix;
        }

        /** What the spec means, for help texts. */
        public String description() {
            return description;
        }

        /** How the spec is written: {@code cifar10:DIR}, {@code fashion-mnist[:DIR]}. */
        public String usage() {
            return switch (directory) {
                case NONE -> prefix;
                case OPTIONAL -> prefix + "[:DIR]";
                case REQUIRED -> prefix + ":DIR";
            };
        }
    }

    private enum Directory { NONE, OPTIONAL, REQUIRED }

    public DatasetSpec {
        if (kind == null || directory == null) {
            throw new NullPointerException("kind and directory (maybe empty) are required");
        }
        if (directory.isPresent() && kind.directory == Directory.NONE) {
            throw new IllegalArgumentException(kind.prefix + " takes no directory");
        }
        if (directory.isEmpty() && kind.directory == Directory.REQUIRED) {
            throw new IllegalArgumentException(kind.prefix + " needs a directory");
        }
    }

    /**
     * Parses {@code kind} or {@code kind:DIR}. The kind is case-insensitive; everything after the
     * first colon is the directory, with a leading {@code ~/} meaning the home directory.
     */
    public static DatasetSpec parse(String spec) throws WfnetException {
        String text = spec == null ? "" : spec.strip();
        int colon = text.indexOf(':');
        String prefix = (colon < 0 ? text : text.substring(0, colon)).toLowerCase(Locale.ROOT);
        Optional<Kind> kind = Arrays.stream(Kind.values())
                .filter(candidate -> candidate.prefix.equals(prefix)).findFirst();
        if (kind.isEmpty()) {
            throw new WfnetException("unknown dataset '" + text + "'; accepted forms:\n"
                    + acceptedForms());
        }
        Kind k = kind.get();
        if (colon < 0) {
            if (k.directory == Directory.REQUIRED) {
                throw new WfnetException("dataset '" + text + "' needs a directory: " + k.usage()
                        + ", for example " + k.prefix + ":/data/" + k.prefix);
            }
            return new DatasetSpec(k, Optional.empty());
        }
        String dir = text.substring(colon + 1).strip();
        if (k.directory == Directory.NONE) {
            throw new WfnetException("dataset '" + k.prefix + "' takes no directory; for"
                    + " Fashion-MNIST files in a directory use fashion-mnist:DIR");
        }
        if (dir.isEmpty()) {
            throw new WfnetException("dataset '" + text + "' has nothing after ':'; write "
                    + k.usage());
        }
        return new DatasetSpec(k, Optional.of(expandHome(dir)));
    }

    /** Every accepted form, one per line, for error messages and help texts. */
    public static String acceptedForms() {
        return Arrays.stream(Kind.values())
                .map(kind -> String.format("  %-24s %s", kind.usage(), kind.description))
                .collect(Collectors.joining("\n"));
    }

    private static Path expandHome(String dir) {
        if (dir.equals("~") || dir.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + dir.substring(1));
        }
        return Path.of(dir);
    }

    /** The spec as it would be written: {@code cifar10:/data/cifar}. */
    @Override
    public String toString() {
        return kind.prefix + directory.map(dir -> ":" + dir).orElse("");
    }
}
