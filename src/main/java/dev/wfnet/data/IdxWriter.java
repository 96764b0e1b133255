package dev.wfnet.data;

import dev.wfnet.WfnetException;
import dev.wfnet.io.AtomicFiles;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a single-channel dataset as a pair of IDX files, the inverse of {@link IdxReader}; used
 * to make the bundled subset and small fixtures. Files are written atomically, and gzipped output
 * is byte-for-byte reproducible (Java writes no time stamp into the gzip header).
 */
public final class IdxWriter {

    private IdxWriter() {
    }

    /**
     * Writes the images and labels of {@code data}, gzipped when {@code gzip} is set.
     *
     * @throws WfnetException if the images have more than one channel or a label exceeds 255
     */
    public static void write(ImageDataset data, Path images, Path labels, boolean gzip)
            throws WfnetException {
        ImageShape shape = data.shape();
        if (shape.channels() != 1) {
            throw new WfnetException("IDX holds single-channel images; " + data.name() + " has "
                    + shape);
        }
        for (int label : data.labels()) {
            if (label > 255) {
                throw new WfnetException("IDX labels are single bytes; " + data.name()
                        + " has label " + label);
            }
        }
        AtomicFiles.write(images, out -> writeTo(out, gzip, idx -> {
            idx.writeInt(IdxReader.IMAGE_MAGIC);
            idx.writeInt(data.size());
            idx.writeInt(shape.height());
            idx.writeInt(shape.width());
            idx.write(data.pixels());
        }));
        AtomicFiles.write(labels, out -> writeTo(out, gzip, idx -> {
            idx.writeInt(IdxReader.LABEL_MAGIC);
            idx.writeInt(data.size());
            for (int label : data.labels()) {
                idx.writeByte(label);
            }
        }));
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static void writeTo(OutputStream target, boolean gzip, Body body) throws IOException {
        if (gzip) {
            GZIPOutputStream zipped = new GZIPOutputStream(target, 1 << 16);
            DataOutputStream out = new DataOutputStream(zipped);
            body.write(out);
            out.flush();
            zipped.finish();
        } else {
            DataOutputStream out = new DataOutputStream(target);
            body.write(out);
            out.flush();
        }
    }
}
