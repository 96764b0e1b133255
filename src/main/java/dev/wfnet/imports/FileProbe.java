package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a file looks like from outside, enough for each reader to say whether it is its format:
 * its name, whether it is a directory, its first bytes and, for a zip file, its entry names.
 *
 * @param file the file
 * @param directory whether it is a directory (a TensorFlow SavedModel is one)
 * @param head up to {@link #HEAD} first bytes
 * @param zipEntries the entry names of a zip file (checked by {@link ZipArchive}), else empty
 */
public record FileProbe(Path file, boolean directory, byte[] head, List<String> zipEntries) {
    static final int HEAD = 512;

    public FileProbe {
        head = head.clone();
        zipEntries = List.copyOf(zipEntries);
    }

    public static FileProbe of(Path file) throws WfnetException {
        if (Files.isDirectory(file)) {
            return new FileProbe(file, true, new byte[0], List.of());
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD);
        } catch (NoSuchFileException e) {
            throw new WfnetException(file + ": no such file", e);
        } catch (IOException e) {
            throw new WfnetException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<String> entries = List.of();
        if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6)) {
            try (ZipArchive zip = ZipArchive.open(file)) {
                entries = zip.names();
            }
        }
        return new FileProbe(file, false, head, entries);
    }

    @Override
    public byte[] head() {
        return head.clone();
    }

    public boolean isZip() {
        return !zipEntries.isEmpty();
    }

    /** The file name in lower case, for extension checks. */
    public String lowerCaseName() {
        Path name = file.getFileName();
        return name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    }

    /** Whether the file begins with the given bytes. */
    public boolean startsWith(int... bytes) {
        return startsWith(head, bytes);
    }

    private static boolean startsWith(byte[] head, int... bytes) {
        if (head.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether some zip entry's name ends with the given suffix ("/data.pkl"). */
    public boolean hasZipEntryEndingWith(String suffix) {
        return zipEntries.stream().anyMatch(name -> name.endsWith(suffix));
    }
}
