package dev.wfnet.figures;

import dev.wfnet.WfnetException;
import dev.wfnet.io.AtomicFiles;
import dev.wfnet.io.WorkbenchVersion;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemSource;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.util.PublicCloneable;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.general.Dataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.pdf.PDFDocument;
import org.jfree.pdf.PDFGraphics2D;
import org.jfree.pdf.Page;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes a chart to PNG, SVG or PDF, chosen by the file's extension. The figure is laid out at
 * {@code width x height} units, the same in every format: CSS pixels in SVG, points (1/72 inch)
 * in PDF, whose page is exactly the figure, and pixels times the scale in PNG, whose resolution
 * is recorded as 72 dpi times the scale, so a 2x PNG prints at the size of the PDF. Every figure
 * names the workbench version that made it ({@link WorkbenchVersion#product()}): a PNG "Software"
 * text chunk, a comment at the top of an SVG, the PDF's Author entry. Every write is atomic
 * ({@link AtomicFiles}): a failed export never leaves half a file or damages an old one.
 */
public final class FigureExport {
    /** Largest figure side, in layout units, and largest PNG side, in pixels. */
    public static final int MAX_SIDE = 10_000;
    public static final int MAX_PIXELS_PER_SIDE = 20_000;
    private static final String PNG_METADATA = "javax_imageio_png_1.0";
    /** The PNG text keyword for the program that made the image (PNG specification, 11.3.4.2). */
    public static final String PNG_SOFTWARE_KEYWORD = "Software";
    private static final String CREATED_BY = "Created by " + WorkbenchVersion.product();

    private FigureExport() {
    }

    /** Told of each file an export has written. */
    @FunctionalInterface
    public interface FileWritten {
        void written(Path file) throws WfnetException;
    }

    /**
     * A copy of a chart that draws as the chart draws now (its data, axis ranges, colours, legend)
     * and shares nothing that changes with it: it can be written on another thread while the
     * original stays on screen and keeps growing. {@code JFreeChart.clone} copies the plot and its
     * axes but shares the datasets, and a cloned legend still reads the original plot; both are
     * replaced by copies here.
     */
    public static JFreeChart snapshot(JFreeChart chart) {
        try {
            JFreeChart copy = (JFreeChart) chart.clone();
            Plot plot = copy.getPlot();
            if (plot instanceof XYPlot xy) {
                for (int i = 0; i < xy.getDatasetCount(); i++) {
                    xy.setDataset(i, (XYDataset) copyOf(xy.getDataset(i)));
                }
            } else if (plot instanceof CategoryPlot category) {
                for (int i = 0; i < category.getDatasetCount(); i++) {
                    category.setDataset(i, (CategoryDataset) copyOf(category.getDataset(i)));
                }
            }
            for (int i = 0; i < copy.getSubtitleCount(); i++) {
                if (copy.getSubtitle(i) instanceof LegendTitle legend) {
                    legend.setSources(new LegendItemSource[] {(LegendItemSource) plot});
                }
            }
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the chart '" + (chart.getTitle() == null ? "" : chart.getTitle()
                    .getText()) + "' cannot be copied for export: " + e.getMessage(), e);
        }
    }

    private static Object copyOf(Dataset dataset) throws CloneNotSupportedException {
        if (dataset == null) {
            return null;
        }
        if (dataset instanceof PublicCloneable cloneable) {
            return cloneable.clone();
        }
        throw new CloneNotSupportedException(dataset.getClass().getSimpleName() + " cannot be copied");
    }

    /** Writes a chart at 1x (a PNG gets {@code width x height} pixels). */
    public static void write(JFreeChart chart, Path file, int width, int height) throws WfnetException {
        write(chart, file, width, height, 1.0);
    }

    /**
     * Writes a chart; {@code pngScale} multiplies a PNG's pixels (2 for print) and is ignored by
     * the vector formats, which scale losslessly.
     */
    public static void write(JFreeChart chart, Path file, int width, int height, double pngScale)
            throws WfnetException {
        FigureFormat format = FigureFormat.of(file);
        checkSize(width, height, format == FigureFormat.PNG ? pngScale : 1.0);
        switch (format) {
            case PNG -> AtomicFiles.write(file, out -> writePng(chart, width, height, pngScale, out));
            case SVG -> AtomicFiles.write(file, out -> out.write(svg(chart, width, height)
                    .getBytes(StandardCharsets.UTF_8)));
            case PDF -> AtomicFiles.write(file, out -> out.write(pdf(chart, width, height)));
        }
    }

    /** The chart as a PNG image in memory, {@code round(width * scale) x round(height * scale)} pixels. */
    public static BufferedImage image(JFreeChart chart, int width, int height, double scale) {
        int pixelWidth = (int) Math.round(width * scale);
        int pixelHeight = (int) Math.round(height * scale);
        BufferedImage image = new BufferedImage(pixelWidth, pixelHeight, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g2 = image.createGraphics();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g2.scale((double) pixelWidth / width, (double) pixelHeight / height);
            chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g2.dispose();
        }
        return image;
    }

    /** The chart as an SVG document: an XML declaration and one {@code <svg>} element, no DTD. */
    public static String svg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        // no DOCTYPE: SVG 2 drops it, and a parser must not fetch a DTD from the network to read the file
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- " + CREATED_BY + " -->\n" + g2.getSVGElement()
                + "\n";
    }

    /** The chart as a one-page PDF whose page (MediaBox) is {@code width x height} points. */
    public static byte[] pdf(JFreeChart chart, int width, int height) {
        PDFDocument document = new PDFDocument();
        if (chart.getTitle() != null) {
            document.setTitle(chart.getTitle().getText());
        }
        // JFreePDF writes Title, Author and Producer (itself) into the Info dictionary, no Creator
        document.setAuthor(WorkbenchVersion.product());
        Page page = document.createPage(new Rectangle(0, 0, width, height));
        PDFGraphics2D g2 = page.getGraphics2D();
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        return document.getPDFBytes();
    }

    private static void writePng(JFreeChart chart, int width, int height, double scale, OutputStream out)
            throws IOException {
        BufferedImage image = image(chart, width, height, scale);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        // in memory, not ImageIO's cache file; closing it flushes to out but leaves out open for AtomicFiles
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                    param);
            setResolutionAndSoftware(metadata, 72 * scale);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
        }
    }

    /**
     * Records dots per inch in the PNG pHYs chunk, so print tools size the image right, and the
     * workbench version in a tEXt chunk. Written in the PNG-native metadata tree: the JDK's
     * conversion of the standard tree's pixel size is wrong.
     */
    private static void setResolutionAndSoftware(IIOMetadata metadata, double dpi) throws IIOInvalidTreeException {
        String pixelsPerMetre = Long.toString(Math.round(dpi / 0.0254));
        IIOMetadataNode physical = new IIOMetadataNode("pHYs");
        physical.setAttribute("pixelsPerUnitXAxis", pixelsPerMetre);
        physical.setAttribute("pixelsPerUnitYAxis", pixelsPerMetre);
        physical.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
        entry.setAttribute("keyword", PNG_SOFTWARE_KEYWORD);
        entry.setAttribute("value", WorkbenchVersion.product());
        IIOMetadataNode text = new IIOMetadataNode("tEXt");
        text.appendChild(entry);
        IIOMetadataNode root = new IIOMetadataNode(PNG_METADATA);
        root.appendChild(physical);
        root.appendChild(text);
        metadata.mergeTree(PNG_METADATA, root);
    }

    private static void checkSize(int width, int height, double scale) throws WfnetException {
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new WfnetException("a figure must be between 1 and " + MAX_SIDE + " units wide and high, got "
                    + width + " x " + height);
        }
        if (!(scale > 0) || Math.round(width * scale) < 1 || Math.round(height * scale) < 1
                || width * scale > MAX_PIXELS_PER_SIDE || height * scale > MAX_PIXELS_PER_SIDE) {
            throw new WfnetException(String.format(Locale.ROOT,
                    "a PNG scale of %s makes a %d x %d figure %.0f x %.0f pixels; keep each side between 1 and %d",
                    scale, width, height, width * scale, height * scale, MAX_PIXELS_PER_SIDE));
        }
    }

    /**
     * Writes charts, keyed by file name without extension, in every {@link FigureFormat}, each at
     * {@code width x height}.
     *
     * @param written told of each file once it is written, for progress; it may stop the writing
     *     by throwing (a cancel)
     * @return the files, in the order written
     */
    public static List<Path> writeEveryFormat(Map<String, JFreeChart> charts, Path directory, int width, int height,
                                              FileWritten written) throws WfnetException {
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, JFreeChart> chart : charts.entrySet()) {
            for (FigureFormat format : FigureFormat.all()) {
                Path file = format.file(directory, chart.getKey());
                write(chart.getValue(), file, width, height);
                files.add(file);
                written.written(file);
            }
        }
        return files;
    }

    /** The PNG bytes of a chart, for callers that keep figures in memory. */
    public static byte[] png(JFreeChart chart, int width, int height, double scale) throws WfnetException {
        checkSize(width, height, scale);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writePng(chart, width, height, scale, bytes);
        } catch (IOException e) {
            throw new WfnetException("cannot encode the figure as PNG: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }
}
