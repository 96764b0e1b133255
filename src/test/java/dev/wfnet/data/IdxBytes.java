package dev.wfnet.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** Hand-built IDX content for tests, written independently of {@link IdxWriter}. */
final class IdxBytes {

    private IdxBytes() {
    }

    static byte[] images(int magic, int count, int rows, int columns, byte[] pixels) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            out.writeInt(count);
            out.writeInt(rows);
            out.writeInt(columns);
            out.write(pixels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] images(int count, int rows, int columns, byte[] pixels) {
        return images(0x00000803, count, rows, columns, pixels);
    }

    static byte[] labelsWithHeader(int magic, int count, int... labels) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            out.writeInt(count);
            for (int label : labels) {
                out.writeByte(label);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] labels(int... labels) {
        return labelsWithHeader(0x00000801, labels.length, labels);
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
