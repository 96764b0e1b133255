package dev.wfnet.imports;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wfnet.WfnetException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds pickles opcode by opcode and PyTorch-layout zip archives around them, for the fuzz tests,
 * and checks what an import of a hostile file ends in.
 */
final class HostileFiles {

    /** The import of a hostile file ends in a domain error whose one-line message contains {@code fragment}. */
    static String assertRefused(Path file, ImportSettings settings, String fragment) {
        WfnetException e = assertThrows(WfnetException.class, () -> ModelImporter.run(file, settings),
                () -> file + " should be refused");
        String message = e.getMessage();
        assertFalse(message.contains("\n"), "one line: " + message);
        assertTrue(message.contains(fragment), "'" + fragment + "' in: " + message);
        return message;
    }

    /** The outcome of importing a damaged file is an import or a domain error, nothing else. */
    static boolean importsOrRefuses(Path file, ImportSettings settings) {
        try {
            ModelImporter.run(file, settings);
            return true;
        } catch (WfnetException e) {
            assertFalse(e.getMessage().isBlank());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            return false;
        } catch (Throwable t) {
            fail(file + ": " + t, t);
            return false;
        }
    }

    private HostileFiles() {
    }

    /** A pickle written opcode by opcode. */
    static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        static Pickle protocol2() {
            return new Pickle().op(0x80).op(2);
        }

        Pickle op(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Pickle global(String module, String name) {
            return op('c').raw((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        }

        Pickle unicode(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            op('X');
            raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length).array());
            return raw(bytes);
        }

        Pickle integer(int value) {
            op('J');
            return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
        }

        /** A sequence of integers as a MARK ... TUPLE. */
        Pickle tuple(long... values) {
            op('(');
            for (long value : values) {
                integer((int) value);
            }
            return op('t');
        }

        Pickle raw(byte[] bytes) {
            out.write(bytes, 0, bytes.length);
            return this;
        }

        /** {@code ('storage', torch.<type>, key, 'cpu', numel)} as a persistent id. */
        Pickle storage(String type, String key, int elements) {
            op('(').unicode("storage").global("torch", type).unicode(key).unicode("cpu").integer(elements).op('t');
            return op('Q');
        }

        /** {@code _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())}. */
        Pickle tensor(String key, int elements, int offset, long[] size, long[] stride) {
            global("torch._utils", "_rebuild_tensor_v2").op('(').storage("FloatStorage", key, elements).integer(offset)
                    .tuple(size).tuple(stride).op(0x89).global("collections", "OrderedDict").op(')', 'R').op('t');
            return op('R');
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        /** A state_dict {name: tensor} with one tensor, then STOP. */
        static byte[] stateDict(String name, String key, int elements, int offset, long[] size, long[] stride) {
            return protocol2().op('}').unicode(name).tensor(key, elements, offset, size, stride).op('s', '.').bytes();
        }
    }

    /** Writes a zip with the given entries (STORED unless {@code deflate}), in order. */
    static Path zip(Path file, Map<String, byte[]> entries, boolean deflate) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(raw)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                if (!deflate) {
                    zipEntry.setMethod(ZipEntry.STORED);
                    zipEntry.setSize(entry.getValue().length);
                    CRC32 crc = new CRC32();
                    crc.update(entry.getValue());
                    zipEntry.setCrc(crc.getValue());
                }
                zip.putNextEntry(zipEntry);
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    /** A PyTorch archive: {@code archive/data.pkl}, the storages as {@code archive/data/KEY}, a version. */
    static Path torchZip(Path file, byte[] pickle, Map<String, byte[]> storages) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", pickle);
        storages.forEach((key, bytes) -> entries.put("archive/data/" + key, bytes));
        entries.put("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        return zip(file, entries, false);
    }

    /** The entries of a zip file, in order. */
    static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                try (java.io.InputStream in = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    static byte[] floats(int count) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            buffer.putFloat(i * 0.5f);
        }
        return buffer.array();
    }
}
