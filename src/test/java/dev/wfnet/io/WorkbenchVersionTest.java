package dev.wfnet.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The version every artifact records is the pom's, with or without a jar manifest. */
class WorkbenchVersionTest {

    @Test
    void theVersionIsThePomsEvenWithoutAJarManifest() {
        // the tests run from target/classes: no manifest, so this is the filtered resource
        assertEquals(PomFile.version(), WorkbenchVersion.current());
        assertEquals("WF-Net Workbench " + PomFile.version(), WorkbenchVersion.product());
    }

    @Test
    void provenanceRecordsTheVersion() {
        assertEquals(PomFile.version(), Provenance.runtimeVersions("PyTorch 2.7.1").get("wfnet"));
    }

    @Test
    void anUnfilteredOrMissingResourceReadsUnknownRatherThanNull() {
        assertEquals(WorkbenchVersion.UNKNOWN, WorkbenchVersion.fromResource(null));
        assertEquals(WorkbenchVersion.UNKNOWN, WorkbenchVersion.fromResource(
                new ByteArrayInputStream("version=${project.version}\n".getBytes(StandardCharsets.ISO_8859_1))));
        assertEquals("1.2.3", WorkbenchVersion.fromResource(
                new ByteArrayInputStream("version=1.2.3\n".getBytes(StandardCharsets.ISO_8859_1))));
    }

    @Test
    void everyBundledComponentHasALicenceAndFilteredVersions() {
        List<WorkbenchVersion.Component> components = WorkbenchVersion.bundledComponents();
        assertTrue(components.size() > 10, components.toString());
        for (WorkbenchVersion.Component component : components) {
            assertFalse(component.licence().isBlank(), component.toString());
            assertFalse(component.version().contains("${"), component.toString());
        }
        assertTrue(components.stream().anyMatch(c -> c.name().startsWith("PyTorch") && c.version().equals("2.7.1")),
                components.toString());
    }
}
