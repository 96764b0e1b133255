package dev.wfnet.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Every figure kind exports to PNG, SVG and PDF that other tools read back at the right size. */
class FigureExportTest {
    private static final int WIDTH = 480;
    private static final int HEIGHT = 320;

    static JFreeChart heatmap() {
        return HeatmapFigure.unitRange("Mean alpha & friends", "filter", "class", List.of("a", "b"), List.of(),
                new double[][] {{0, 0.5, 1}, {1, Double.NaN, 0.25}}, "mean alpha").withValuesShown(true).toChart();
    }

    static JFreeChart bars() {
        return BarFigure.of("Accuracy per class", "class", "accuracy", List.of("T-shirt", "Trouser", "Bag"),
                List.of(new BarFigure.Series("original", new double[] {0.9, 0.95, 0.97}),
                        new BarFigure.Series("filtered", new double[] {0.88, 0.0, 0.96}))).withRange(0, 1).toChart();
    }

    static JFreeChart lines() {
        return LineFigure.of("Loss during untraining", "step", "loss", List.of(
                LineFigure.Line.indexed("total", new double[] {3, 2, 1.5, 1.2}),
                new LineFigure.Line("retain", new double[] {0, 2, 3}, new double[] {1, 0.5, 0.4}))).withLogY(true)
                .toChart();
    }

    static Stream<Arguments> charts() {
        return Stream.of(Arguments.of("heatmap", heatmap()), Arguments.of("bars", bars()),
                Arguments.of("lines", lines()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void pngDecodesAtTheFigureSizeTimesTheScale(String kind, JFreeChart chart, @TempDir Path dir) throws Exception {
        Path one = dir.resolve(kind + ".png");
        FigureExport.write(chart, one, WIDTH, HEIGHT);
        BufferedImage image = ImageIO.read(one.toFile());
        assertNotNull(image, "ImageIO cannot decode " + one);
        assertEquals(WIDTH, image.getWidth());
        assertEquals(HEIGHT, image.getHeight());

        Path two = dir.resolve(kind + "@2x.PNG");
        FigureExport.write(chart, two, WIDTH, HEIGHT, 2.0);
        BufferedImage doubled = ImageIO.read(two.toFile());
        assertEquals(2 * WIDTH, doubled.getWidth());
        assertEquals(2 * HEIGHT, doubled.getHeight());
        assertEquals(144, dotsPerInch(two), 0.5, "a 2x PNG says 144 dpi so it prints at the PDF's size");
        assertDrawn(doubled);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void svgIsWellFormedXmlWithTheTitleAsText(String kind, JFreeChart chart, @TempDir Path dir) throws Exception {
        Path file = dir.resolve(kind + ".svg");
        FigureExport.write(chart, file, WIDTH, HEIGHT);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(file.toFile());
        Element root = document.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertEquals(WIDTH, Double.parseDouble(root.getAttribute("width").replace("px", "")));
        assertEquals(HEIGHT, Double.parseDouble(root.getAttribute("height").replace("px", "")));
        assertTrue(root.getTextContent().contains(chart.getTitle().getText()),
                "the title is real text in the SVG: " + chart.getTitle().getText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void pdfPageIsTheFigureSizeInPoints(String kind, JFreeChart chart, @TempDir Path dir) throws Exception {
        Path file = dir.resolve(kind + ".pdf");
        FigureExport.write(chart, file, WIDTH, HEIGHT);
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("%PDF"), "starts with %PDF");
        Matcher mediaBox = Pattern.compile("/MediaBox\\s*\\[\\s*([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s*]")
                .matcher(text);
        assertTrue(mediaBox.find(), "a MediaBox");
        double[] box = new double[4];
        for (int i = 0; i < 4; i++) {
            box[i] = Double.parseDouble(mediaBox.group(i + 1));
        }
        assertArrayEquals(new double[] {0, 0, WIDTH, HEIGHT}, box, 1e-9);
        assertFalse(mediaBox.find(), "one page");
        assertTrue(text.contains("%%EOF"), "a complete file");
    }

    @Test
    void everyChartIsWrittenInEveryFormatInOrderAndEachFileIsReported(@TempDir Path dir) throws Exception {
        java.util.Map<String, JFreeChart> charts = new java.util.LinkedHashMap<>();
        charts.put("first", bars());
        charts.put("second", bars());
        java.util.List<Path> reported = new java.util.ArrayList<>();
        java.util.List<Path> written = FigureExport.writeEveryFormat(charts, dir, 400, 300, reported::add);
        java.util.List<Path> expected = java.util.List.of(dir.resolve("first.png"), dir.resolve("first.svg"),
                dir.resolve("first.pdf"), dir.resolve("second.png"), dir.resolve("second.svg"),
                dir.resolve("second.pdf"));
        assertEquals(expected, written);
        assertEquals(expected, reported);
        for (Path file : expected) {
            assertTrue(Files.size(file) > 0, file.toString());
        }
        assertEquals("PNG, SVG and PDF", FigureFormat.names());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void aSnapshotDrawsAsTheChartDidWhateverHappensToTheChartAfterwards(String kind, JFreeChart chart)
            throws Exception {
        byte[] before = FigureExport.png(chart, WIDTH, HEIGHT, 1);
        JFreeChart snapshot = FigureExport.snapshot(chart);
        // what a live view does to its chart meanwhile: more data, another zoom, another title
        if (chart.getPlot() instanceof org.jfree.chart.plot.XYPlot xy) {
            if (xy.getDataset() instanceof org.jfree.data.xy.XYSeriesCollection series) {
                series.getSeries(0).add(10, 0.01);
                series.addSeries(new org.jfree.data.xy.XYSeries("late"));
            } else {
                ((org.jfree.data.xy.DefaultXYZDataset) xy.getDataset()).addSeries("cells",
                        new double[][] {{0}, {0}, {0.7}});
            }
            xy.getDomainAxis().setRange(-5, 50);
        } else {
            ((org.jfree.data.category.DefaultCategoryDataset) chart.getCategoryPlot().getDataset())
                    .addValue(0.5, "filtered", "Coat");
            chart.getCategoryPlot().getRangeAxis().setRange(0, 3);
        }
        chart.setTitle("changed");
        assertFalse(java.util.Arrays.equals(before, FigureExport.png(chart, WIDTH, HEIGHT, 1)),
                "the change shows in the chart itself");
        assertArrayEquals(before, FigureExport.png(snapshot, WIDTH, HEIGHT, 1), "but not in the snapshot");
    }

    @Test
    void anUnknownExtensionIsRefusedAndNothingIsWritten(@TempDir Path dir) {
        Path file = dir.resolve("figure.jpg");
        WfnetException error = assertThrows(WfnetException.class, () -> FigureExport.write(bars(), file, 400, 300));
        assertTrue(error.getMessage().contains(".png, .svg or .pdf"), error.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void aBadSizeLeavesTheExistingFileUntouched(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("figure.png");
        FigureExport.write(bars(), file, 200, 100);
        byte[] before = Files.readAllBytes(file);
        assertThrows(WfnetException.class, () -> FigureExport.write(bars(), file, 0, 100));
        assertThrows(WfnetException.class, () -> FigureExport.write(bars(), file, 5000, 100, 10));
        assertThrows(WfnetException.class, () -> FigureExport.write(bars(), file, 200, 100, -1));
        assertArrayEquals(before, Files.readAllBytes(file));
        try (var listing = Files.list(dir)) {
            assertEquals(1, listing.count(), "no temporary file is left behind");
        }
    }

    @Test
    void inMemoryPngMatchesTheRequestedPixels() throws Exception {
        byte[] png = FigureExport.png(heatmap(), 300, 200, 1.5);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(450, image.getWidth());
        assertEquals(300, image.getHeight());
    }

    /** Not one flat colour: the chart was drawn, not just the background. */
    private static void assertDrawn(BufferedImage image) {
        int first = image.getRGB(0, 0);
        boolean varied = false;
        for (int y = 0; y < image.getHeight() && !varied; y += 7) {
            for (int x = 0; x < image.getWidth() && !varied; x += 7) {
                varied = image.getRGB(x, y) != first;
            }
        }
        assertTrue(varied, "the image is blank");
    }

    private static double dotsPerInch(Path png) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in);
                IIOMetadata metadata = reader.getImageMetadata(0);
                Element root = (Element) metadata.getAsTree("javax_imageio_png_1.0");
                Element physical = (Element) root.getElementsByTagName("pHYs").item(0);
                assertEquals("meter", physical.getAttribute("unitSpecifier"));
                return Double.parseDouble(physical.getAttribute("pixelsPerUnitXAxis")) * 0.0254;
            } finally {
                reader.dispose();
            }
        }
    }
}
