package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A zip file read defensively: entry names are checked (no {@code ..} segments, absolute paths,
 * backslashes or duplicates), the number of entries is bounded, and an entry is read only up to
 * the size asked for, never more than its stated size, and never inflating more than
 * {@link #MAX_RATIO} times its compressed size (a zip bomb is refused, not expanded). Nothing is
 * ever extracted to disk.
 */
public final class ZipArchive implements AutoCloseable {
    static final int MAX_ENTRIES = 100_000;
    /** The largest inflation ratio accepted (PyTorch stores its entries uncompressed). */
    static final int MAX_RATIO = 16;
    /** Small entries may inflate further: the bound is ratio x compressed + this. */
    static final long RATIO_SLACK = 1 << 20;

    private final Path file;
    private final ZipFile zip;
    private final Map<String, ZipEntry> entries;

    private ZipArchive(Path file, ZipFile zip, Map<String, ZipEntry> entries) {
        this.file = file;
        this.zip = zip;
        this.entries = entries;
    }

    public static ZipArchive open(Path file) throws WfnetException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new WfnetException(file + ": no such file", e);
        } catch (IOException | RuntimeException e) {
            throw new WfnetException(file + " is not a readable zip archive (" + e.getMessage()
                    + "); the file is damaged or truncated", e);
        }
        try {
            Map<String, ZipEntry> entries = new LinkedHashMap<>();
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                String name = entry.getName();
                checkName(file, name);
                if (entries.put(name, entry) != null) {
                    throw new WfnetException(file + " has two zip entries named '" + name + "': refused as"
                            + " malformed (which one a reader sees would depend on the reader)");
                }
                if (entries.size() > MAX_ENTRIES) {
                    throw new WfnetException(file + " has more than " + MAX_ENTRIES + " zip entries: refused");
                }
            }
            return new ZipArchive(file, zip, entries);
        } catch (WfnetException e) {
            closeQuietly(zip);
            throw e;
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw new WfnetException(file + " is not a readable zip archive (" + e.getMessage() + ")", e);
        }
    }

    private static void checkName(Path file, String name) throws WfnetException {
        boolean traversal = name.startsWith("/") || name.contains("\\") || name.indexOf('\0') >= 0
                || name.matches("^[A-Za-z]:.*") || List.of(name.split("/")).contains("..");
        if (traversal || name.isEmpty()) {
            throw new WfnetException(file + " has a zip entry named '" + name.replace("\0", "\\0")
                    + "', a path outside the archive: refused as malformed or hostile");
        }
    }

    /** Every entry name, in the archive's order. */
    public List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    public boolean has(String name) {
        return entries.containsKey(name);
    }

    /** The entry's stated uncompressed size in bytes. */
    public long size(String name) throws WfnetException {
        return entry(name).getSize();
    }

    /** A whole entry, refused if it states or inflates to more than {@code maxBytes}. */
    public byte[] read(String name, long maxBytes) throws WfnetException {
        ZipEntry entry = entry(name);
        long size = entry.getSize();
        if (size > maxBytes) {
            throw new WfnetException(file + ": entry '" + name + "' is " + size + " bytes, more than the "
                    + maxBytes + " this reader accepts for it");
        }
        return readBounded(entry, size < 0 ? maxBytes : size, false);
    }

    /** Exactly {@code bytes} bytes: the entry must state and hold that size. */
    public byte[] readExactly(String name, long bytes) throws WfnetException {
        ZipEntry entry = entry(name);
        if (entry.getSize() != bytes) {
            throw new WfnetException(file + ": entry '" + name + "' holds " + entry.getSize() + " bytes, "
                    + bytes + " were expected; the file is damaged or not what its index says");
        }
        return readBounded(entry, bytes, true);
    }

    /** Refuses an entry that would inflate far more than real weights do, before reading it. */
    public void checkInflation(String name) throws WfnetException {
        ZipEntry entry = entry(name);
        checkInflation(entry, entry.getSize());
    }

    private void checkInflation(ZipEntry entry, long size) throws WfnetException {
        long compressed = entry.getCompressedSize();
        if (entry.getMethod() != ZipEntry.STORED && compressed >= 0 && size > MAX_RATIO * compressed + RATIO_SLACK) {
            throw new WfnetException(file + ": entry '" + entry.getName() + "' would inflate from " + compressed
                    + " to " + size + " bytes, more than " + MAX_RATIO + " times: refused as a possible zip bomb");
        }
    }

    private byte[] readBounded(ZipEntry entry, long limit, boolean exact) throws WfnetException {
        if (limit > Integer.MAX_VALUE - 8) {
            throw new WfnetException(file + ": entry '" + entry.getName() + "' is larger than 2 GB, which this"
                    + " reader does not load");
        }
        checkInflation(entry, limit);
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] data = in.readNBytes((int) limit);
            if (exact && data.length != limit) {
                throw new WfnetException(file + ": entry '" + entry.getName() + "' ends after " + data.length
                        + " of its " + limit + " bytes; the file is truncated or damaged");
            }
            if (in.read() != -1) {
                throw new WfnetException(file + ": entry '" + entry.getName() + "' holds more data than its stated"
                        + " size: refused as damaged or hostile");
            }
            return data;
        } catch (IOException | RuntimeException e) {
            throw new WfnetException(file + ": cannot read zip entry '" + entry.getName() + "' ("
                    + e.getMessage() + "); the file is damaged or truncated", e);
        }
    }

    private ZipEntry entry(String name) throws WfnetException {
        ZipEntry entry = entries.get(name);
        if (entry == null) {
            throw new WfnetException(file + " has no entry '" + name + "'");
        }
        return entry;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // read-only: nothing is lost
        }
    }
}
