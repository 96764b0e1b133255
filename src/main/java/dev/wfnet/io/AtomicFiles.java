package dev.wfnet.io;

import dev.wfnet.WfnetException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file through a temporary sibling and a rename, so a crash, a cancel or a full disk
 * never leaves a half-written file and never damages the one already there.
 */
public final class AtomicFiles {

    /** Produces a file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, Content content) throws WfnetException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = createTemporarySibling(dir, absolute.getFileName().toString());
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                content.writeTo(out);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new WfnetException("cannot write " + target + ": " + describe(e)
                    + " (any existing file was left untouched)", e);
        } catch (RuntimeException | Error e) {
            // content may fail unchecked (a cancel, a bug): still leave no half-written temporary file
            deleteQuietly(temp);
            throw e;
        }
    }

    public static void writeString(Path target, String text) throws WfnetException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (message != null && message.contains("No space left")) {
            return "the disk is full";
        }
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }

    /**
     * An empty hidden file next to the target. Unlike Files.createTempFile, which makes it
     * owner-only (0600), it gets an ordinary new file's permissions (the umask's), which the
     * rename then gives the written file: a model or report others may read stays readable.
     */
    private static Path createTemporarySibling(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = dir.resolve("." + name + "."
                    + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".part");
            try {
                return Files.createFile(candidate);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the temporary file is hidden and harmless; the original error matters more
            }
        }
    }
}
