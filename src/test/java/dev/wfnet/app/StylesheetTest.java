package dev.wfnet.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one stylesheet stays parseable: JavaFX drops every rule after a syntax error with only a log line. */
class StylesheetTest {

    @Test
    void everyRuleIsClosedBeforeTheNextOpens() throws Exception {
        String css;
        try (InputStream in = MainWindow.class.getResourceAsStream("workbench.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?s)/\\*.*?\\*/", "");
        }
        int depth = 0;
        int rules = 0;
        for (char c : css.toCharArray()) {
            if (c == '{') {
                depth++;
                rules++;
                assertEquals(1, depth, "a rule opens inside another");
            } else if (c == '}') {
                depth--;
                assertEquals(0, depth, "a brace closes nothing");
            }
        }
        assertEquals(0, depth, "the last rule is not closed");
        assertTrue(rules > 10, "the stylesheet has its rules: " + rules);
    }
}
