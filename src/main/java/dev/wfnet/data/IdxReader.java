package dev.wfnet.data;

import dev.wfnet.WfnetException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the IDX format of MNIST, Fashion-MNIST, KMNIST and their relatives: an image file
 * (magic 0x00000803, then count, rows, columns) and a label file (magic 0x00000801, then count),
 * big-endian, unsigned bytes, either gzipped or plain.
 *
 * <p>Everything the header promises is checked against what the file holds, because a
 * half-finished download otherwise turns into a dataset with silently missing images, and
 * swapped or mismatched files into a model trained on wrong labels.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes with three dimensions (images). */
    public static final int IMAGE_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with one dimension (labels). */
    public static final int LABEL_MAGIC = 0x00000801;

    static final int IMAGE_HEADER_BYTES = 16;
    static final int LABEL_HEADER_BYTES = 8;
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 64;

    private IdxReader() {
    }

    /** The content of one IDX image file: {@code count} images of {@code rows x columns} bytes. */
    public record IdxImages(int count, int rows, int columns, byte[] pixels) {
    }

    /**
     * Reads a pair of IDX files into a dataset of 1 x rows x columns images.
     *
     * @param name the dataset's name, for messages and provenance ("fashion-mnist/train")
     * @param classNames the name of every label value; a label outside it is an error
     */
    public static ImageDataset read(String name, Path images, Path labels, List<String> classNames)
            throws WfnetException {
        IdxImages content = readImages(images);
        int[] labelValues = readLabels(labels);
        if (content.count() != labelValues.length) {
            throw new WfnetException(images + " has " + content.count() + " images but " + labels
                    + " has " + labelValues.length + " labels: each image needs exactly one label"
                    + " (are these files from different splits?)");
        }
        for (int i = 0; i < labelValues.length; i++) {
            if (labelValues[i] >= classNames.size()) {
                throw new WfnetException(labels + " has label " + labelValues[i] + " for image " + i
                        + ", but only " + classNames.size() + " classes are named (labels 0 to "
                        + (classNames.size() - 1) + ")");
            }
        }
        return new ImageDataset(name, new ImageShape(1, content.rows(), content.columns()),
                content.pixels(), labelValues, classNames);
    }

    /** Reads an IDX image file (magic 0x00000803). */
    public static IdxImages readImages(Path file) throws WfnetException {
        try (InputStream in = DataFiles.open(file)) {
            boolean gzip = DataFiles.isGzip(file);
            byte[] header = readHeader(in, file, IMAGE_HEADER_BYTES, IMAGE_MAGIC, "image");
            int count = intAt(header, 4);
            int rows = intAt(header, 8);
            int columns = intAt(header, 12);
            if (count < 0) {
                throw new WfnetException(file + " has a corrupt header: image count " + count);
            }
            if (rows <= 0 || columns <= 0) {
                throw new WfnetException(file + " has a corrupt header: images of " + rows + "x"
                        + columns);
            }
            long promised = (long) count * rows * columns;
            String promise = count + " images of " + rows + "x" + columns;
            byte[] pixels = readBody(in, file, gzip, IMAGE_HEADER_BYTES, promised, promise);
            return new IdxImages(count, rows, columns, pixels);
        } catch (IOException e) {
            throw DataFiles.cannotRead(file, e);
        }
    }

    /** Reads an IDX label file (magic 0x00000801) as label values 0-255. */
    public static int[] readLabels(Path file) throws WfnetException {
        try (InputStream in = DataFiles.open(file)) {
            boolean gzip = DataFiles.isGzip(file);
            byte[] header = readHeader(in, file, LABEL_HEADER_BYTES, LABEL_MAGIC, "label");
            int count = intAt(header, 4);
            if (count < 0) {
                throw new WfnetException(file + " has a corrupt header: label count " + count);
            }
            byte[] bytes = readBody(in, file, gzip, LABEL_HEADER_BYTES, count, count + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xFF;
            }
            return labels;
        } catch (IOException e) {
            throw DataFiles.cannotRead(file, e);
        }
    }

    /**
     * Reads and checks the magic number before the rest of the header, so that a short file of
     * the wrong kind is reported as the wrong kind rather than as truncated.
     */
    private static byte[] readHeader(InputStream in, Path file, int length, int magic, String kind)
            throws WfnetException {
        byte[] header = new byte[length];
        int n = DataFiles.readUpTo(in, header, 0, 4, file);
        if (n == 4) {
            checkMagic(file, intAt(header, 0), magic, kind);
            n += DataFiles.readUpTo(in, header, 4, length - 4, file);
        }
        if (n < length) {
            throw new WfnetException(file + " is truncated: it has " + n + " bytes, but an IDX "
                    + kind + " file starts with a " + length + "-byte header");
        }
        return header;
    }

    private static void checkMagic(Path file, int magic, int expected, String kind)
            throws WfnetException {
        if (magic == expected) {
            return;
        }
        String message = String.format("%s has magic number 0x%08x, but an IDX %s file has 0x%08x",
                file, magic, kind, expected);
        int other = expected == IMAGE_MAGIC ? LABEL_MAGIC : IMAGE_MAGIC;
        if (magic == other) {
            message += " (this is an IDX " + (other == IMAGE_MAGIC ? "image" : "label")
                    + " file: are the image and label files swapped?)";
        } else if ((magic >>> 16) != 0) {
            message += " (this is not an IDX file at all)";
        } else if (((magic >>> 8) & 0xFF) != 0x08) {
            message += String.format(" (IDX element type 0x%02x; only unsigned bytes, 0x08, are"
                    + " supported)", (magic >>> 8) & 0xFF);
        }
        throw new WfnetException(message);
    }

    /**
     * Reads exactly the {@code promised} bytes after the header and makes sure nothing follows.
     * The buffer grows as data actually arrives, so a corrupt header promising gigabytes does
     * not allocate them.
     */
    private static byte[] readBody(InputStream in, Path file, boolean gzip, int headerBytes,
                                   long promised, String promise) throws WfnetException {
        if (promised > MAX_ARRAY) {
            throw new WfnetException(file + " promises " + promise + " (" + promised
                    + " bytes), more than one array can hold; split the file");
        }
        long sizeHint = DataFiles.size(file) * (gzip ? 4 : 1);
        int capacity = (int) Math.min(promised, Math.max(sizeHint, 1 << 16));
        byte[] data = new byte[capacity];
        int have = 0;
        while (true) {
            int want = data.length - have;
            int n = DataFiles.readUpTo(in, data, have, want, file);
            have += n;
            if (n < want) {
                throw new WfnetException(file + " is truncated: header promises " + promise + " ("
                        + promised + " bytes), file has " + have + " bytes after the "
                        + headerBytes + "-byte header" + (gzip ? " once decompressed" : "")
                        + "; download it again");
            }
            if (have == promised) {
                break;
            }
            data = Arrays.copyOf(data, (int) Math.min(promised, (long) data.length * 2));
        }
        long extra = DataFiles.remaining(in, file);
        if (extra > 0) {
            throw new WfnetException(file + " is longer than its header says: header promises "
                    + promise + " (" + promised + " bytes), file has " + (promised + extra)
                    + " bytes after the " + headerBytes + "-byte header"
                    + (gzip ? " once decompressed" : ""));
        }
        return data;
    }

    private static int intAt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 24) | ((bytes[offset + 1] & 0xFF) << 16)
                | ((bytes[offset + 2] & 0xFF) << 8) | (bytes[offset + 3] & 0xFF);
    }
}
