package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import dev.wfnet.imports.pickle.PyTuple;
import dev.wfnet.imports.pickle.Unpickler;
import dev.wfnet.io.ElementType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * PyTorch's zip layout, shared by {@code torch.save} archives and TorchScript: one top folder
 * ({@code archive/}) holding pickles ({@code data.pkl}, TorchScript's {@code constants.pkl}) whose
 * persistent ids name storages stored raw in {@code data/KEY} ({@code constants/KEY}), and an
 * optional {@code byteorder} entry. Storages are read when a tensor needs them, once each.
 */
final class TorchArchive implements AutoCloseable {
    /** A state_dict's pickle is kilobytes; a pickle this large is not one. */
    static final long MAX_PICKLE = 16L << 20;

    private final ZipArchive zip;
    private final String prefix;
    private final ByteOrder order;
    private final Map<String, ByteBuffer> storages = new HashMap<>();

    private TorchArchive(ZipArchive zip, String prefix, ByteOrder order) {
        this.zip = zip;
        this.prefix = prefix;
        this.order = order;
    }

    static TorchArchive open(ZipArchive zip) throws WfnetException {
        List<String> pickles = zip.names().stream()
                .filter(name -> name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - "/data.pkl".length())
                .toList();
        if (pickles.size() != 1) {
            throw new WfnetException(zip.file() + " is a zip file but not a PyTorch archive: it has "
                    + (pickles.isEmpty() ? "no" : pickles.size()) + " top-level data.pkl entries, PyTorch writes one");
        }
        String prefix = pickles.get(0).substring(0, pickles.get(0).length() - "data.pkl".length());
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (zip.has(prefix + "byteorder")) {
            String text = new String(zip.read(prefix + "byteorder", 16), StandardCharsets.US_ASCII).trim();
            if (text.equals("big")) {
                order = ByteOrder.BIG_ENDIAN;
            } else if (!text.equals("little")) {
                throw new WfnetException(zip.file() + ": unknown byte order '" + text + "'");
            }
        }
        return new TorchArchive(zip, prefix, order);
    }

    boolean has(String name) {
        return zip.has(prefix + name);
    }

    boolean hasFolder(String name) {
        return zip.names().stream().anyMatch(entry -> entry.startsWith(prefix + name + "/"));
    }

    /**
     * Reads one of the archive's pickles with the given rules; its persistent ids resolve to
     * storages in {@code storageFolder}.
     */
    Object unpickle(String name, String storageFolder,
                    Function<TorchPickleRules.Storages, TorchPickleRules> rules) throws WfnetException {
        byte[] pickle = zip.read(prefix + name, MAX_PICKLE);
        return Unpickler.load(zip.file() + " (" + name + ")", ByteBuffer.wrap(pickle),
                rules.apply((type, key, elements, view) -> resolve(storageFolder, type, key, elements, view)));
    }

    private StorageRef resolve(String folder, ElementType type, String key, long elements, PyTuple view) {
        if (view != null) {
            throw new IllegalArgumentException("storage '" + key + "' has legacy view metadata, which zip archives"
                    + " do not use");
        }
        String entry = prefix + folder + "/" + key;
        long bytes;
        try {
            bytes = Math.multiplyExact(elements, type.bytes());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("storage '" + key + "' of " + elements + " elements overflows", e);
        }
        long stored;
        try {
            stored = zip.size(entry);
            zip.checkInflation(entry);
        } catch (WfnetException e) {
            if (zip.has(entry)) {
                String prefix = zip.file() + ": ";
                String message = e.getMessage();
                throw new IllegalArgumentException(message.startsWith(prefix) ? message.substring(prefix.length())
                        : message, e);
            }
            throw new IllegalArgumentException("the pickle refers to storage '" + key + "', which the archive does"
                    + " not hold (no entry " + entry + ")", e);
        }
        if (stored != bytes) {
            throw new IllegalArgumentException("storage '" + key + "' is said to hold " + elements + " " + type
                    + " values (" + bytes + " bytes) but its entry holds " + stored + " bytes");
        }
        return new StorageRef(key, type, 0, elements, k -> storage(entry, bytes));
    }

    private ByteBuffer storage(String entry, long bytes) throws WfnetException {
        ByteBuffer cached = storages.get(entry);
        if (cached == null) {
            cached = ByteBuffer.wrap(zip.readExactly(entry, bytes)).order(order);
            storages.put(entry, cached);
        }
        return cached;
    }

    @Override
    public void close() {
        storages.clear();
        zip.close();
    }
}
