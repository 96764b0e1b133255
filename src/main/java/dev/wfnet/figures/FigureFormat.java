package dev.wfnet.figures;

import dev.wfnet.WfnetException;
import java.nio.file.Path;
import java.util.Locale;

/** The file formats a figure exports to, chosen by the file's extension. */
public enum FigureFormat {
    /** A raster image, for slides and the web; drawn at a scale (2x for print). */
    PNG,
    /** Vector graphics with real text, for the web and editing. */
    SVG,
    /** Vector graphics, one page the size of the figure, for papers. */
    PDF;

    public String extension() {
        return "." + name().toLowerCase(Locale.ROOT);
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
                + ": name it with .png, .svg or .pdf");
    }
}
