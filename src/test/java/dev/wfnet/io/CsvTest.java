package dev.wfnet.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** RFC 4180 quoting and numbers that read the same in every locale. */
class CsvTest {

    @Test
    void leavesPlainFieldsAlone() {
        assertEquals("Ankle boot", Csv.quote("Ankle boot"));
        assertEquals("T-shirt/top", Csv.quote("T-shirt/top"));
        assertEquals("", Csv.quote(""));
    }

    @Test
    void quotesFieldsWithSeparatorsQuotesAndLineBreaks() {
        assertEquals("\"a,b\"", Csv.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.quote("say \"hi\""));
        assertEquals("\"\"\"\"", Csv.quote("\""));
        assertEquals("\"two\nlines\"", Csv.quote("two\nlines"));
        assertEquals("\"carriage\rreturn\"", Csv.quote("carriage\rreturn"));
        assertEquals("\"x, \"\"y\"\"\r\n\"", Csv.quote("x, \"y\"\r\n"));
    }

    @Test
    void writesNumbersWithSixDecimalsAndAPointInAnyLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("0.500000", Csv.number(0.5));
            assertEquals("1234567.125000", Csv.number(1234567.125));
            assertEquals("-0.000001", Csv.number(-0.0000012));
            assertEquals("0.333333", Csv.number(1.0 / 3));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void writesNaNAsAnEmptyField() {
        assertEquals("", Csv.number(Double.NaN));
    }
}
