package dev.wfnet.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.wfnet.WfnetException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors container (an 8-byte little-endian header length, a JSON header, raw
 * little-endian data): no pickle, memory-mappable, read by every ecosystem. Tensors are read as
 * float whatever their stored type (F32, F64, F16, BF16 and the integer types); written as F32.
 */
public final class SafeTensors {
    private static final String METADATA = "__metadata__";
    private static final long MAX_HEADER = 100L << 20;

    /** The content of one file: string metadata and named tensors in file order. */
    public record Content(Map<String, String> metadata, Map<String, HostTensor> tensors) {
        public Content {
            metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
            tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        }
    }

    private SafeTensors() {
    }

    public static Content read(Path file) throws WfnetException {
        return parse(file.toString(), map(file));
    }

    /**
     * Only the {@code __metadata__} of a file, without decoding its tensors: what a file is can be
     * told from it at the cost of the header alone.
     */
    public static Map<String, String> readMetadata(Path file) throws WfnetException {
        JsonObject header = header(file.toString(), map(file));
        Map<String, String> metadata = new LinkedHashMap<>();
        if (header.has(METADATA)) {
            try {
                metadata.putAll(Json.strings(header.get(METADATA), METADATA));
            } catch (JsonParseException e) {
                throw malformed(file.toString(), METADATA, e);
            }
        }
        return metadata;
    }

    /** The file's bytes, mapped read-only, little-endian as the format is. */
    private static ByteBuffer map(Path file) throws WfnetException {
        ByteBuffer bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        } catch (NoSuchFileException e) {
            throw new WfnetException(file + ": no such file", e);
        } catch (IOException e) {
            throw new WfnetException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return bytes.order(ByteOrder.LITTLE_ENDIAN);
    }

    private static WfnetException malformed(String source, String entry, Exception cause) {
        return new WfnetException(source + ": malformed header entry '" + entry + "': " + cause.getMessage(), cause);
    }

    /** The JSON header, after checking that its length fits the file. */
    private static JsonObject header(String source, ByteBuffer bytes) throws WfnetException {
        if (bytes.remaining() < 8) {
            throw new WfnetException(source + " is not a safetensors file: only " + bytes.remaining()
                    + " bytes, too short for a header");
        }
        long headerLength = bytes.getLong(0);
        if (headerLength <= 1 || headerLength > MAX_HEADER || headerLength > bytes.limit() - 8L) {
            throw new WfnetException(source + " is not a safetensors file or is truncated: header length "
                    + headerLength + " does not fit a file of " + bytes.limit() + " bytes");
        }
        byte[] headerBytes = new byte[(int) headerLength];
        bytes.get(8, headerBytes);
        JsonObject header;
        try {
            JsonElement parsed = JsonParser.parseString(new String(headerBytes, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) {
                throw new JsonParseException("the header is not a JSON object");
            }
            header = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new WfnetException(source + " is not a safetensors file: its header is not valid JSON", e);
        }
        return header;
    }

    static Content parse(String source, ByteBuffer bytes) throws WfnetException {
        JsonObject header = header(source, bytes);
        long headerLength = bytes.getLong(0);
        int dataStart = 8 + (int) headerLength;
        long dataLength = bytes.limit() - (long) dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : header.entrySet()) {
            String name = entry.getKey();
            if (name.equals(METADATA)) {
                try {
                    metadata.putAll(Json.strings(entry.getValue(), METADATA));
                } catch (JsonParseException e) {
                    throw malformed(source, name, e);
                }
                continue;
            }
            ElementType dtype;
            long[] shape;
            long begin;
            long end;
            long count;
            try {
                JsonObject info = Json.asObject(entry.getValue(), "the entry");
                dtype = ElementType.of(Json.string(info, "dtype"));
                shape = Json.longs(info, "shape");
                long[] offsets = Json.longs(info, "data_offsets");
                if (offsets.length != 2) {
                    throw new JsonParseException("\"data_offsets\" has " + offsets.length + " numbers, not 2");
                }
                begin = offsets[0];
                end = offsets[1];
                // refuses negative dimensions and a count that overflows
                count = HostTensor.elementCount(shape);
            } catch (JsonParseException | IllegalArgumentException e) {
                throw malformed(source, name, e);
            }
            if (begin < 0 || end < begin || end - begin != count * dtype.bytes()) {
                throw new WfnetException(source + ": tensor '" + name + "' has offsets [" + begin + ", "
                        + end + "] that do not match " + count + " values of " + dtype);
            }
            if (end > dataLength) {
                throw new WfnetException(source + " is truncated: tensor '" + name + "' ends at byte "
                        + end + " of a data section of " + dataLength);
            }
            if (count > Integer.MAX_VALUE - 8) {
                throw new WfnetException(source + ": tensor '" + name + "' is too large to load");
            }
            tensors.put(name, new HostTensor(shape, dtype.decodeLittleEndian(bytes, dataStart + (int) begin, (int) count)));
        }
        return new Content(metadata, tensors);
    }

    /** Writes tensors as F32 with string metadata, atomically. */
    public static void write(Path file, Map<String, String> metadata, Map<String, HostTensor> tensors)
            throws WfnetException {
        JsonObject header = new JsonObject();
        JsonObject meta = new JsonObject();
        metadata.forEach(meta::addProperty);
        header.add(METADATA, meta);
        long offset = 0;
        for (Map.Entry<String, HostTensor> entry : tensors.entrySet()) {
            if (entry.getKey().equals(METADATA)) {
                throw new IllegalArgumentException("a tensor may not be named " + METADATA);
            }
            JsonObject info = new JsonObject();
            info.addProperty("dtype", "F32");
            JsonArray shape = new JsonArray();
            for (long dim : entry.getValue().shape()) {
                shape.add(dim);
            }
            info.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offset += 4L * entry.getValue().size();
            offsets.add(offset);
            info.add("data_offsets", offsets);
            header.add(entry.getKey(), info);
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = new byte[padded];
        java.util.Arrays.fill(headerBytes, (byte) ' ');
        System.arraycopy(json, 0, headerBytes, 0, json.length);
        AtomicFiles.write(file, out -> {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(length.array());
            out.write(headerBytes);
            ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (HostTensor tensor : tensors.values()) {
                for (float value : tensor.data()) {
                    if (chunk.remaining() < 4) {
                        out.write(chunk.array(), 0, chunk.position());
                        chunk.clear();
                    }
                    chunk.putFloat(value);
                }
            }
            out.write(chunk.array(), 0, chunk.position());
        });
    }
}
