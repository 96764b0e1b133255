package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import dev.wfnet.imports.pickle.PickleRules;
import dev.wfnet.imports.pickle.PyGlobal;
import dev.wfnet.imports.pickle.PyTuple;
import dev.wfnet.imports.pickle.Unpickler;
import dev.wfnet.io.ElementType;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The format of {@code torch.save} before PyTorch 1.6 (and with
 * {@code _use_new_zipfile_serialization=False} since): five things in a row in one file, the
 * magic number {@code 0x1950a86a20f9469cfc6c}, the protocol version 1001 and a system-information
 * dictionary (each a small pickle), the object's pickle whose persistent ids name storages, the
 * pickled list of storage keys, and then each storage in that order as an 8-byte little-endian
 * element count and its raw little-endian bytes. The same restricted rules read the object.
 */
final class TorchLegacyReader implements SourceReader {
    static final String ID = "pytorch-legacy";
    static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    static final long PROTOCOL_VERSION = 1001;
    private static final int[] MAGIC_LITTLE_ENDIAN = {0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19};

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "PyTorch torch.save file, legacy format (before 1.6)";
    }

    /** The file starts with PROTO, for protocols 4 and 5 a FRAME, then the magic number as LONG1. */
    @Override
    public boolean accepts(FileProbe probe) {
        byte[] head = probe.head();
        int at = 2;
        if (head.length > at && (head[at] & 0xFF) == 0x95) {
            at += 9;
        }
        if (head.length < at + 12 || (head[0] & 0xFF) != 0x80 || (head[at] & 0xFF) != 0x8a || head[at + 1] != 10) {
            return false;
        }
        for (int i = 0; i < MAGIC_LITTLE_ENDIAN.length; i++) {
            if ((head[at + 2 + i] & 0xFF) != MAGIC_LITTLE_ENDIAN[i]) {
                return false;
            }
        }
        return true;
    }

    /** The storages the object's pickle names, by key, and where each one's bytes begin. */
    private static final class Storages {
        final Map<String, ElementType> types = new HashMap<>();
        final Map<String, Long> elements = new HashMap<>();
        final Map<String, ByteBuffer> blocks = new HashMap<>();
    }

    @Override
    public SourceContent read(Path file) throws WfnetException {
        ByteBuffer bytes = map(file);
        String source = file.toString();
        Object magic = Unpickler.load(source, bytes, DATA_ONLY);
        if (!MAGIC.equals(magic instanceof Long l ? BigInteger.valueOf(l) : magic)) {
            throw new WfnetException(source + " is not a PyTorch file: its first pickle is not PyTorch's magic number");
        }
        Object protocol = Unpickler.load(source, bytes, DATA_ONLY);
        if (!Long.valueOf(PROTOCOL_VERSION).equals(protocol)) {
            throw new WfnetException(source + ": legacy serialisation protocol " + protocol + " is not "
                    + PROTOCOL_VERSION + ", the only one PyTorch ever wrote");
        }
        Object systemInfo = Unpickler.load(source, bytes, DATA_ONLY);
        if (!(systemInfo instanceof Map<?, ?>)) {
            throw new WfnetException(source + ": the system information of a legacy PyTorch file is not a dict");
        }
        Storages storages = new Storages();
        Object root = Unpickler.load(source, bytes,
                TorchPickleRules.weightsOnly((type, key, count, view) -> resolve(storages, type, key, count, view)));
        Object keys = Unpickler.load(source, bytes, DATA_ONLY);
        if (!(keys instanceof List<?> keyList)) {
            throw new WfnetException(source + ": the storage key list of a legacy PyTorch file is not a list");
        }
        for (Object key : keyList) {
            readBlock(source, bytes, storages, key);
        }
        for (String key : storages.types.keySet()) {
            if (!storages.blocks.containsKey(key)) {
                throw new WfnetException(source + ": storage '" + key + "' is named by the pickle but not stored");
            }
        }
        return new SourceContent(ID, root, List.of(), null);
    }

    private static StorageRef resolve(Storages storages, ElementType type, String key, long count, PyTuple view) {
        ElementType known = storages.types.putIfAbsent(key, type);
        Long knownCount = storages.elements.putIfAbsent(key, count);
        if ((known != null && known != type) || (knownCount != null && knownCount != count)) {
            throw new IllegalArgumentException("storage '" + key + "' is named twice with different types or sizes");
        }
        long offset = 0;
        long elements = count;
        if (view != null) {
            if (view.size() != 3 || !(view.get(1) instanceof Long viewOffset) || !(view.get(2) instanceof Long size)
                    || viewOffset < 0 || size < 0 || viewOffset > count - size) {
                throw new IllegalArgumentException("storage '" + key + "' has a view outside it");
            }
            offset = viewOffset;
            elements = size;
        }
        return new StorageRef(key, type, offset, elements, k -> {
            ByteBuffer block = storages.blocks.get(k);
            if (block == null) {
                throw new WfnetException("storage '" + k + "' is named by the pickle but not stored");
            }
            return block;
        });
    }

    private static void readBlock(String source, ByteBuffer bytes, Storages storages, Object key)
            throws WfnetException {
        ElementType type = key instanceof String k ? storages.types.get(k) : null;
        if (type == null) {
            throw new WfnetException(source + ": the storage list names " + TorchPickleRules.describe(key)
                    + ", which the pickle does not use");
        }
        if (bytes.remaining() < 8) {
            throw new WfnetException(source + " is truncated: storage '" + key + "' is missing");
        }
        long count = bytes.order(ByteOrder.LITTLE_ENDIAN).getLong();
        long expected = storages.elements.get((String) key);
        if (count != expected) {
            throw new WfnetException(source + ": storage '" + key + "' is stored with " + count
                    + " elements, the pickle says " + expected);
        }
        long length = count * type.bytes();
        if (length > bytes.remaining()) {
            throw new WfnetException(source + " is truncated: storage '" + key + "' needs " + length + " bytes, "
                    + bytes.remaining() + " remain");
        }
        storages.blocks.put((String) key, bytes.slice(bytes.position(), (int) length).order(ByteOrder.LITTLE_ENDIAN));
        bytes.position(bytes.position() + (int) length);
    }

    private static ByteBuffer map(Path file) throws WfnetException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() > Integer.MAX_VALUE - 8) {
                throw new WfnetException(file + " is larger than 2 GB, which the legacy reader does not load");
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()).order(ByteOrder.LITTLE_ENDIAN);
        } catch (NoSuchFileException e) {
            throw new WfnetException(file + ": no such file", e);
        } catch (IOException e) {
            throw new WfnetException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The rules of the header pickles: plain data only. */
    private static final PickleRules DATA_ONLY = new PickleRules() {
        @Override
        public Object global(PyGlobal global) {
            throw new IllegalArgumentException("the header refers to the Python global " + global
                    + ", which is not allowed");
        }

        @Override
        public Object call(Object callable, PyTuple arguments) {
            throw new IllegalArgumentException("the header calls a function, which is not allowed");
        }

        @Override
        public Object newObject(Object type, PyTuple arguments) {
            throw new IllegalArgumentException("the header creates an object, which is not allowed");
        }

        @Override
        public Object build(Object instance, Object state) {
            throw new IllegalArgumentException("the header sets an object's state, which is not allowed");
        }

        @Override
        public Object persistentLoad(Object id) {
            throw new IllegalArgumentException("the header refers to a persistent object, which is not allowed");
        }
    };
}
