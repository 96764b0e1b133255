package dev.wfnet.app.common;

import java.util.List;

/** The file formats a figure exports to, in the order menus list them. */
public enum ExportFormat {
    PNG("png", "PNG image"), SVG("svg", "SVG vector drawing"), PDF("pdf", "PDF document");

    private final String extension;
    private final String description;

    ExportFormat(String extension, String description) {
        this.extension = extension;
        this.description = description;
    }

    public String extension() {
        return extension;
    }

    public String description() {
        return description;
    }

    public static List<ExportFormat> all() {
        return List.of(values());
    }
}
