package dev.wfnet.io;

import java.util.Locale;

/** RFC 4180 quoting and locale-independent numbers, so every CSV reads the same everywhere. */
public final class Csv {

    private Csv() {
    }

    public static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }

    public static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6f", value);
    }
}
