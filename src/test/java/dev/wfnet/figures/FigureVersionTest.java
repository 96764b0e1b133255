package dev.wfnet.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.io.PomFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.data.general.DefaultPieDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Comment;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every exported figure names the workbench version that made it, in each format's own metadata. */
class FigureVersionTest {
    private static final String PRODUCT = "WF-Net Workbench " + PomFile.version();

    private static JFreeChart chart() {
        DefaultPieDataset<String> data = new DefaultPieDataset<>();
        data.setValue("a", 1);
        data.setValue("b", 2);
        return ChartFactory.createPieChart("Versioned", data);
    }

    @Test
    void pngCarriesASoftwareTextChunkWithTheVersion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("figure.png");
        FigureExport.write(chart(), file, 200, 150);
        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            Element root = (Element) metadata.getAsTree("javax_imageio_png_1.0");
            NodeList entries = root.getElementsByTagName("tEXtEntry");
            assertEquals(1, entries.getLength());
            Element entry = (Element) entries.item(0);
            assertEquals("Software", entry.getAttribute("keyword"));
            assertEquals(PRODUCT, entry.getAttribute("value"));
        } finally {
            reader.dispose();
        }
        // and as the PNG specification lays the chunk out: keyword, a zero byte, the text
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertTrue(bytes.contains("tEXtSoftware\0" + PRODUCT), "a tEXt chunk with the version");
    }

    @Test
    void svgStartsWithACommentNamingTheVersionAndStaysWellFormed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("figure.svg");
        FigureExport.write(chart(), file, 200, 150);
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Comment comment = (Comment) document.getFirstChild();
        assertEquals(" Created by " + PRODUCT + " ", comment.getData());
        assertEquals("svg", document.getDocumentElement().getNodeName());
    }

    @Test
    void pdfInfoNamesTheVersion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("figure.pdf");
        FigureExport.write(chart(), file, 200, 150);
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("/Author (" + PRODUCT + ")"), "the Info dictionary names the version");
        assertTrue(text.contains("/Title (Versioned)"), "and keeps the title");
    }
}
