package dev.wfnet.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The workbench's version, from the one place it is set: the pom. The jar's manifest carries it as
 * Implementation-Version; classes run without a jar (tests, an IDE) read the same value from a
 * resource Maven filters at build time, so the version is never missing from a provenance record,
 * a figure or {@code --version}. Also the list of bundled third-party components and their licences.
 */
public final class WorkbenchVersion {
    /** What the version reads when neither the manifest nor the filtered resource has it. */
    public static final String UNKNOWN = "unknown";
    private static final String VERSION_RESOURCE = "wfnet-version.properties";
    private static final String COMPONENTS_RESOURCE = "bundled-components.txt";
    private static final String VERSION = find();

    /**
     * A bundled component.
     *
     * @param name what it is
     * @param version its version, or empty when it is not recorded
     * @param licence its licence, as an SPDX-like expression
     */
    public record Component(String name, String version, String licence) {
    }

    private WorkbenchVersion() {
    }

    /** "0.1.0", or "0.1.0-SNAPSHOT" for a development build; never null. */
    public static String current() {
        return VERSION;
    }

    /** "WF-Net Workbench 0.1.0": how the program names itself in files it writes. */
    public static String product() {
        return "WF-Net Workbench " + VERSION;
    }

    /** The third-party components an installed workbench bundles, in the order of the list. */
    public static List<Component> bundledComponents() {
        List<Component> components = new ArrayList<>();
        try (InputStream in = WorkbenchVersion.class.getResourceAsStream(COMPONENTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(COMPONENTS_RESOURCE + " is missing from the build");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\\|", -1);
                if (fields.length != 3) {
                    throw new IllegalStateException(COMPONENTS_RESOURCE + ": not 'name | version | licence': " + line);
                }
                components.add(new Component(fields[0].strip(), fields[1].strip(), fields[2].strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(components);
    }

    private static String find() {
        String fromManifest = WorkbenchVersion.class.getPackage().getImplementationVersion();
        if (fromManifest != null && !fromManifest.isBlank()) {
            return fromManifest;
        }
        return fromResource(WorkbenchVersion.class.getResourceAsStream(VERSION_RESOURCE));
    }

    /** The version in a filtered properties stream; {@link #UNKNOWN} when absent or left unfiltered. */
    static String fromResource(InputStream in) {
        if (in == null) {
            return UNKNOWN;
        }
        try (in) {
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").strip();
            return version.isEmpty() || version.contains("${") ? UNKNOWN : version;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
