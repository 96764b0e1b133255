package dev.wfnet.data;

import dev.wfnet.WfnetException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opening dataset files, shared by the readers so that every one of them treats gzip, missing
 * files and unreadable files the same way, with messages that name the file.
 */
final class DataFiles {

    private static final int BUFFER = 1 << 16;

    private DataFiles() {
    }

    /**
     * Opens a file for reading, decompressing it when it starts with the gzip magic bytes
     * (0x1f 0x8b). The content decides, not the name: downloads are often unpacked by a browser
     * but keep their {@code .gz} name, or the other way round.
     */
    static InputStream open(Path file) throws WfnetException {
        InputStream raw = null;
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
            if (isGzip(raw)) {
                return new GZIPInputStream(raw, BUFFER);
            }
            return raw;
        } catch (EOFException e) {
            closeQuietly(raw);
            throw new WfnetException(file + " is truncated: its gzip header is incomplete", e);
        } catch (IOException e) {
            closeQuietly(raw);
            throw cannotRead(file, e);
        }
    }

    /** Whether the next two bytes of a stream are the gzip magic number; consumes nothing. */
    static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }

    static boolean isGzip(Path file) throws WfnetException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 16)) {
            return isGzip(in);
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    /**
     * Reads until {@code buffer} holds {@code length} bytes from {@code offset} or the input ends.
     * A gzip stream cut short throws {@link EOFException} in the middle; that is reported as an
     * early end too, so the caller can say how much of the file there was.
     *
     * @return the number of bytes read, less than {@code length} only at the end of the input
     */
    static int readUpTo(InputStream in, byte[] buffer, int offset, int length, Path file)
            throws WfnetException {
        int total = 0;
        try {
            while (total < length) {
                int n = in.read(buffer, offset + total, length - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (EOFException e) {
            return total;
        } catch (ZipException e) {
            throw new WfnetException(file + " is not a valid gzip file (" + e.getMessage()
                    + "); download it again", e);
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
        return total;
    }

    /** Counts and discards what is left of a stream. */
    static long remaining(InputStream in, Path file) throws WfnetException {
        try {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (EOFException e) {
            return 0;
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    static long size(Path file) throws WfnetException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    static WfnetException cannotRead(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new WfnetException(file + " does not exist", e);
        }
        if (e instanceof AccessDeniedException) {
            return new WfnetException(file + " cannot be read: permission denied", e);
        }
        if (e instanceof ZipException) {
            return new WfnetException(file + " is not a valid gzip file (" + e.getMessage()
                    + "); download it again", e);
        }
        return new WfnetException("cannot read " + file + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    }

    static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing after a read error: the read error is the one worth reporting
            }
        }
    }
}
