package dev.wfnet.io;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The project's version as written in pom.xml, read independently of the build's filtering. */
public final class PomFile {
    private PomFile() {
    }

    /** The text of {@code <project><version>} of the pom in the working directory (the project root). */
    public static String version() {
        try {
            Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(Path.of("pom.xml").toFile()).getDocumentElement();
            for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
                if ("version".equals(child.getNodeName())) {
                    return child.getTextContent().strip();
                }
            }
            throw new IllegalStateException("pom.xml has no project version");
        } catch (Exception e) {
            throw new IllegalStateException("cannot read pom.xml: " + e.getMessage(), e);
        }
    }
}
