package dev.wfnet.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfnet.WfnetException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors container: exact layout on write, every stored type on read, corrupt files refused. */
class SafeTensorsTest {
    @TempDir
    Path dir;

    /** A safetensors file from a header written by hand and raw data bytes, padded as the format requires. */
    private Path handBuilt(String name, String headerJson, byte[] data) throws Exception {
        byte[] json = headerJson.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
        file.write(json);
        file.write(data);
        Path path = dir.resolve(name);
        Files.write(path, file.toByteArray());
        return path;
    }

    private static byte[] littleEndian(int bytesPerValue, long... values) {
        ByteBuffer buffer = ByteBuffer.allocate(bytesPerValue * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            switch (bytesPerValue) {
                case 1 -> buffer.put((byte) value);
                case 2 -> buffer.putShort((short) value);
                case 4 -> buffer.putInt((int) value);
                case 8 -> buffer.putLong(value);
                default -> throw new IllegalArgumentException();
            }
        }
        return buffer.array();
    }

    private static int[] rawBits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    @Test
    void roundTripIsBitExactForSpecialValuesScalarsAndEmptyTensors() throws Exception {
        float[] special = {
            Float.intBitsToFloat(0x7FC00000), // canonical quiet NaN
            Float.intBitsToFloat(0x7FC12345), // quiet NaN with a payload
            Float.intBitsToFloat(0xFFC00001), // negative NaN with a payload
            -0.0f, 0.0f,
            Float.MIN_VALUE, // smallest subnormal, 2^-149
            Float.intBitsToFloat(0x807FFFFF), // largest negative subnormal
            Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1.0f / 3.0f, -123.456f,
        };
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put("special", new HostTensor(new long[] {2, 7}, special));
        tensors.put("scalar", new HostTensor(new long[] {}, new float[] {Float.intBitsToFloat(0x80000001)}));
        tensors.put("empty", new HostTensor(new long[] {0}, new float[0]));
        tensors.put("empty.matrix", new HostTensor(new long[] {3, 0}, new float[0]));
        float[] ramp = new float[3 * 4 * 5];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (float) Math.sin(i) * 1e-3f;
        }
        tensors.put("ramp", new HostTensor(new long[] {3, 4, 5}, ramp));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("unicode", "Ä ∑ \"quoted\" \\ back");
        Path file = dir.resolve("round.safetensors");

        SafeTensors.write(file, metadata, tensors);
        SafeTensors.Content read = SafeTensors.read(file);

        assertEquals(metadata, read.metadata());
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(read.tensors().keySet()), "names in file order");
        for (Map.Entry<String, HostTensor> entry : tensors.entrySet()) {
            HostTensor back = read.tensors().get(entry.getKey());
            assertArrayEquals(entry.getValue().shape(), back.shape(), entry.getKey() + " shape");
            assertArrayEquals(rawBits(entry.getValue().data()), rawBits(back.data()), entry.getKey() + " bits");
        }
        assertEquals("scalar", read.tensors().get("scalar").shapeText());
    }

    @Test
    void writesTheDocumentedLayoutByteForByte() throws Exception {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put("w", new HostTensor(new long[] {2}, new float[] {1.0f, -2.0f}));
        Path file = dir.resolve("tiny.safetensors");

        SafeTensors.write(file, Map.of("k", "v"), tensors);

        String json = "{\"__metadata__\":{\"k\":\"v\"},\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertEquals(79, json.length());
        // 79 bytes of JSON padded with one space to 80, a multiple of 8
        byte[] expected = new byte[8 + 80 + 8];
        expected[0] = 80; // little-endian u64 header length: 80, 0, 0, 0, 0, 0, 0, 0
        byte[] jsonBytes = json.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(jsonBytes, 0, expected, 8, jsonBytes.length);
        expected[8 + 79] = ' ';
        // 1.0f = 0x3F800000 and -2.0f = 0xC0000000, little-endian
        byte[] data = {0x00, 0x00, (byte) 0x80, 0x3F, 0x00, 0x00, 0x00, (byte) 0xC0};
        System.arraycopy(data, 0, expected, 88, 8);

        assertArrayEquals(expected, Files.readAllBytes(file));
    }

    @Test
    void headerIsPaddedToAMultipleOfEightWhateverItsLength() throws Exception {
        for (int nameLength = 1; nameLength <= 9; nameLength++) {
            Path file = dir.resolve("pad" + nameLength + ".safetensors");
            SafeTensors.write(file, Map.of(), Map.of("x".repeat(nameLength), new HostTensor(new long[] {1},
                    new float[] {5f})));
            byte[] bytes = Files.readAllBytes(file);
            long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            assertEquals(0, headerLength % 8, "header length " + headerLength);
            assertEquals(8 + headerLength + 4, bytes.length);
            String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
            assertTrue(header.stripTrailing().endsWith("}"), header);
            assertEquals(5f, SafeTensors.read(file).tensors().get("x".repeat(nameLength)).data()[0]);
        }
    }

    @Test
    void readsHalfPrecisionIncludingSubnormalsAndInfinities() throws Exception {
        long[] halves = {0x3C00, 0xC000, 0x0001, 0x03FF, 0x8000, 0x7BFF, 0x7C00, 0xFC00, 0x3555};
        Path file = handBuilt("f16.safetensors",
                "{\"h\":{\"dtype\":\"F16\",\"shape\":[9],\"data_offsets\":[0,18]}}", littleEndian(2, halves));

        float[] values = SafeTensors.read(file).tensors().get("h").data();

        float[] expected = {1.0f, -2.0f, 0x1p-24f, 1023 * 0x1p-24f, -0.0f, 65504f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            // 0x3555: exponent 13 - 15 = -2, mantissa 0x155 = 341 -> (1 + 341/1024) / 4
            (1 + 341f / 1024) / 4};
        assertArrayEquals(rawBits(expected), rawBits(values));
    }

    @Test
    void readsHalfPrecisionNaN() throws Exception {
        Path file = handBuilt("nan16.safetensors",
                "{\"h\":{\"dtype\":\"F16\",\"shape\":[],\"data_offsets\":[0,2]}}", littleEndian(2, 0x7E00));
        assertTrue(Float.isNaN(SafeTensors.read(file).tensors().get("h").data()[0]));
    }

    @Test
    void readsBrainFloatDoubleAndIntegerTypes() throws Exception {
        byte[] bf16 = littleEndian(2, 0x3F80, 0xC040, 0x0001, 0xFF80);
        byte[] f64 = littleEndian(8, Double.doubleToRawLongBits(0.1), Double.doubleToRawLongBits(-1e300),
                Double.doubleToRawLongBits(1e-320));
        byte[] i64 = littleEndian(8, -5, 1L << 40, Long.MIN_VALUE);
        byte[] i32 = littleEndian(4, -7, Integer.MAX_VALUE);
        byte[] u8 = littleEndian(1, 0xFF, 0x01);
        byte[] i8 = littleEndian(1, 0xFF, 0x80);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (byte[] part : List.of(bf16, f64, i64, i32, u8, i8)) {
            data.write(part);
        }
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[2,2],\"data_offsets\":[0,8]},"
                + "\"d\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[8,32]},"
                + "\"l\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[32,56]},"
                + "\"i\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[56,64]},"
                + "\"u\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[64,66]},"
                + "\"b\":{\"dtype\":\"I8\",\"shape\":[2],\"data_offsets\":[66,68]}}";
        Path file = handBuilt("mixed.safetensors", header, data.toByteArray());

        SafeTensors.Content content = SafeTensors.read(file);

        assertEquals(Map.of("format", "pt"), content.metadata());
        HostTensor bf = content.tensors().get("bf");
        assertArrayEquals(new long[] {2, 2}, bf.shape());
        // BF16 is the top half of an F32: 0x3F80 -> 1.0, 0xC040 -> -3.0, 0x0001 -> 2^-133, 0xFF80 -> -inf
        assertArrayEquals(rawBits(new float[] {1.0f, -3.0f, 0x1p-133f, Float.NEGATIVE_INFINITY}), rawBits(bf.data()));
        assertArrayEquals(rawBits(new float[] {0.1f, Float.NEGATIVE_INFINITY, 0.0f}),
                rawBits(content.tensors().get("d").data()));
        assertArrayEquals(new float[] {-5f, 1099511627776f, -0x1p63f}, content.tensors().get("l").data());
        assertArrayEquals(new float[] {-7f, 2147483648f}, content.tensors().get("i").data());
        assertArrayEquals(new float[] {255f, 1f}, content.tensors().get("u").data());
        assertArrayEquals(new float[] {-1f, -128f}, content.tensors().get("b").data());
    }

    private WfnetException refused(Path file) {
        return assertThrows(WfnetException.class, () -> SafeTensors.read(file));
    }

    @Test
    void metadataAloneIsReadFromTheHeaderEvenWhenTheDataIsCutShort() throws Exception {
        Path file = dir.resolve("meta.safetensors");
        SafeTensors.write(file, Map.of("wfnet", "{\"kind\": \"wfnet-bank\"}", "k", "v"),
                Map.of("w", new HostTensor(new long[] {4}, new float[] {1, 2, 3, 4})));
        assertEquals(SafeTensors.read(file).metadata(), SafeTensors.readMetadata(file));
        byte[] whole = Files.readAllBytes(file);
        Path cut = Files.write(dir.resolve("cut.safetensors"), java.util.Arrays.copyOf(whole, whole.length - 8));
        assertEquals(Map.of("wfnet", "{\"kind\": \"wfnet-bank\"}", "k", "v"), SafeTensors.readMetadata(cut));
        assertTrue(assertThrows(WfnetException.class, () -> SafeTensors.read(cut)).getMessage()
                .startsWith(cut + " is truncated"));
        byte[] bytes = new byte[20];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(1000);
        Path broken = Files.write(dir.resolve("long.safetensors"), bytes);
        assertEquals(broken + " is not a safetensors file or is truncated: header length 1000 does not fit a file"
                + " of 20 bytes", assertThrows(WfnetException.class, () -> SafeTensors.readMetadata(broken))
                .getMessage());
    }

    @Test
    void refusesAnEmptyFile() throws Exception {
        Path file = Files.write(dir.resolve("empty.safetensors"), new byte[0]);
        assertEquals(file + " is not a safetensors file: only 0 bytes, too short for a header",
                refused(file).getMessage());
    }

    @Test
    void refusesAFourByteFile() throws Exception {
        Path file = Files.write(dir.resolve("four.safetensors"), new byte[] {1, 2, 3, 4});
        assertEquals(file + " is not a safetensors file: only 4 bytes, too short for a header",
                refused(file).getMessage());
    }

    @Test
    void refusesAMissingFile() {
        Path file = dir.resolve("absent.safetensors");
        assertEquals(file + ": no such file", refused(file).getMessage());
    }

    @Test
    void refusesAHeaderLengthBeyondTheFile() throws Exception {
        byte[] bytes = new byte[20];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(1000);
        Path file = Files.write(dir.resolve("long.safetensors"), bytes);
        assertEquals(file + " is not a safetensors file or is truncated: header length 1000 does not fit a file of"
                + " 20 bytes", refused(file).getMessage());
    }

    @Test
    void refusesANegativeHeaderLength() throws Exception {
        byte[] bytes = new byte[16];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(-8);
        Path file = Files.write(dir.resolve("negative.safetensors"), bytes);
        assertTrue(refused(file).getMessage().contains("header length -8 does not fit"));
    }

    @Test
    void refusesAHeaderThatIsNotJson() throws Exception {
        Path file = handBuilt("text.safetensors", "{this is not json at all", new byte[0]);
        assertEquals(file + " is not a safetensors file: its header is not valid JSON", refused(file).getMessage());
        Path array = handBuilt("array.safetensors", "[1,2,3]  ", new byte[0]);
        assertEquals(array + " is not a safetensors file: its header is not valid JSON", refused(array).getMessage());
    }

    @Test
    void refusesAPickleFileReadAsSafetensors() throws Exception {
        // the first bytes of a zip-based torch.save file: the "header length" is absurd
        byte[] zip = {0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
        Path file = Files.write(dir.resolve("model.bin"), zip);
        assertTrue(refused(file).getMessage().contains("is not a safetensors file or is truncated"));
    }

    @Test
    void refusesTruncatedData() throws Exception {
        Path file = handBuilt("cut.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", new byte[8]);
        assertEquals(file + " is truncated: tensor 'w' ends at byte 16 of a data section of 8",
                refused(file).getMessage());
    }

    @Test
    void refusesAWrittenFileCutShort() throws Exception {
        Path file = dir.resolve("whole.safetensors");
        SafeTensors.write(file, Map.of(), Map.of("w", new HostTensor(new long[] {100}, new float[100])));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 1));
        String message = refused(file).getMessage();
        assertTrue(message.contains("is truncated: tensor 'w' ends at byte 400 of a data section of 399"), message);
    }

    @Test
    void refusesOffsetsThatDisagreeWithTheShape() throws Exception {
        Path file = handBuilt("offsets.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[8]);
        assertEquals(file + ": tensor 'w' has offsets [0, 4] that do not match 2 values of F32",
                refused(file).getMessage());
    }

    @Test
    void refusesAnUnknownDtypeAsMalformed() throws Exception {
        Path file = handBuilt("dtype.safetensors",
                "{\"w\":{\"dtype\":\"F8_E4M3X\",\"shape\":[2],\"data_offsets\":[0,2]}}", new byte[2]);
        assertEquals(file + ": malformed header entry 'w': unsupported dtype F8_E4M3X (this reader takes [F32, F64,"
                + " F16, BF16, I64, I32, I16, I8, U8, BOOL])", refused(file).getMessage());
    }

    @Test
    void refusesEntriesWithMissingOrMistypedFields() throws Exception {
        Path noDtype = handBuilt("nodtype.safetensors", "{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}",
                new byte[4]);
        assertEquals(noDtype + ": malformed header entry 'w': missing \"dtype\"", refused(noDtype).getMessage());
        Path oneOffset = handBuilt("oneoffset.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", new byte[4]);
        assertEquals(oneOffset + ": malformed header entry 'w': \"data_offsets\" has 1 numbers, not 2",
                refused(oneOffset).getMessage());
        Path textShape = handBuilt("textshape.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[\"two\"],\"data_offsets\":[0,8]}}", new byte[8]);
        assertEquals(textShape + ": malformed header entry 'w': \"shape\" entry 0 is not a whole number",
                refused(textShape).getMessage());
        Path notAnObject = handBuilt("notobject.safetensors", "{\"w\":[1]}", new byte[0]);
        assertEquals(notAnObject + ": malformed header entry 'w': the entry is not a JSON object",
                refused(notAnObject).getMessage());
        Path halfShape = handBuilt("halfshape.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", new byte[4]);
        assertEquals(halfShape + ": malformed header entry 'w': \"shape\" entry 0 is not a whole number: 1.5",
                refused(halfShape).getMessage());
        Path badMetadata = handBuilt("meta.safetensors", "{\"__metadata__\":[1,2]}", new byte[0]);
        assertEquals(badMetadata + ": malformed header entry '__metadata__': __metadata__ is not a JSON object",
                refused(badMetadata).getMessage());
        Path nestedMetadata = handBuilt("nested.safetensors", "{\"__metadata__\":{\"wfnet\":{}}}", new byte[0]);
        assertEquals(nestedMetadata + ": malformed header entry '__metadata__': __metadata__ entry \"wfnet\" is not a"
                + " string", refused(nestedMetadata).getMessage());
    }

    @Test
    void refusesANegativeDimensionAsMalformedRatherThanCrashing() throws Exception {
        Path file = handBuilt("negdim.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[-2,-2],\"data_offsets\":[0,16]}}", new byte[16]);
        assertEquals(file + ": malformed header entry 'w': negative dimension in [-2, -2]", refused(file).getMessage());
    }

    @Test
    void refusesAShapeWhoseElementCountOverflows() throws Exception {
        // 2^40 x 2^40 wraps to 0 in a long: it must not pass as an empty tensor
        Path file = handBuilt("overflow.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1099511627776,1099511627776],\"data_offsets\":[0,0]}}",
                new byte[0]);
        assertEquals(file + ": malformed header entry 'w': shape [1099511627776, 1099511627776] has too many values",
                refused(file).getMessage());
    }

    @Test
    void refusesATensorNamedLikeTheMetadata() {
        Map<String, HostTensor> tensors = Map.of("__metadata__", new HostTensor(new long[] {1}, new float[1]));
        assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(dir.resolve("bad.safetensors"), Map.of(), tensors));
    }
}
