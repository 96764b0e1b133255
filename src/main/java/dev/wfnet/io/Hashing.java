package dev.wfnet.io;

import dev.wfnet.WfnetException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files and bytes, in lower-case hex, for provenance and bank-to-model binding. */
public final class Hashing {

    private Hashing() {
    }

    public static String sha256(Path file) throws WfnetException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new WfnetException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * SHA-256 of a directory (a TensorFlow SavedModel): of one line per regular file below it,
     * sorted by relative path ({@code /}-separated), each {@code path NUL sha256-of-the-file LF}.
     */
    public static String sha256OfDirectory(Path directory) throws WfnetException {
        java.util.List<Path> files;
        try (java.util.stream.Stream<Path> walk = Files.walk(directory, 8)) {
            files = walk.filter(Files::isRegularFile).limit(100_001).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new WfnetException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        if (files.size() > 100_000) {
            throw new WfnetException(directory + " holds more than 100000 files; it is not a model directory");
        }
        java.util.TreeMap<String, Path> sorted = new java.util.TreeMap<>();
        files.forEach(file -> sorted.put(directory.relativize(file).toString().replace('\\', '/'), file));
        MessageDigest digest = newDigest();
        for (var entry : sorted.entrySet()) {
            digest.update((entry.getKey() + "\0" + sha256(entry.getValue()) + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** SHA-256 of the concatenation of the given byte arrays. */
    public static String sha256(byte[]... parts) {
        MessageDigest digest = newDigest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
