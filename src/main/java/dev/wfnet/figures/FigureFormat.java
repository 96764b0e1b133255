package dev.wfnet.figures;

import dev.wfnet.WfnetException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The file formats a figure exports to, in the order menus list them: the one list every export
 * (a chart, a view, the command line's figure sets) writes.
 */
public enum FigureFormat {
    /** A raster image, for slides and the web; drawn at a scale (2x for print). */
    PNG("PNG image"),
    /** Vector graphics with real text, for the web and editing. */
    SVG("SVG vector drawing"),
    /** Vector graphics, one page the size of the figure, for papers. */
    PDF("PDF document");

    private final String description;

    FigureFormat(String description) {
        this.description = description;
    }

    /** What a file chooser calls files of this format. */
    public String description() {
        return description;
    }

    /** ".png" */
    public String extension() {
        return "." + name().toLowerCase(Locale.ROOT);
    }

    /** The file of a figure in a folder: {@code folder/baseName.png}. */
    public Path file(Path folder, String baseName) {
        return folder.resolve(baseName + extension());
    }

    public static List<FigureFormat> all() {
        return List.of(values());
    }

    /** "PNG, SVG and PDF", for help texts and tooltips. */
    public static String names() {
        return listed(FigureFormat::name, " and ");
    }

    /** The format of a file name's extension (case-insensitive). */
    public static FigureFormat of(Path file) throws WfnetException {
        Path name = file.getFileName();
        String text = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        for (FigureFormat format : values()) {
            if (text.endsWith(format.extension())) {
                return format;
            }
        }
        throw new WfnetException("cannot tell the figure format of " + file
                + ": name it with " + listed(FigureFormat::extension, " or "));
    }

    private static String listed(Function<FigureFormat, String> word, String lastSeparator) {
        List<String> words = Arrays.stream(values()).map(word).toList();
        return words.subList(0, words.size() - 1).stream().collect(Collectors.joining(", ")) + lastSeparator
                + words.get(words.size() - 1);
    }
}
