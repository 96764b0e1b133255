package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import dev.wfnet.io.ElementType;
import dev.wfnet.io.HostTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format for reference inputs and outputs ({@code np.save('x.npy', x)}): a
 * magic string, a header dictionary in text, raw C-order data. Numeric types only: an object
 * array would be a pickle and is refused.
 */
public final class NpyReader {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fiub])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {
    }

    static boolean isNpy(byte[] head) {
        return head.length >= 6 && (head[0] & 0xFF) == 0x93 && new String(head, 1, 5, StandardCharsets.US_ASCII)
                .equals("NUMPY");
    }

    public static HostTensor read(Path file) throws WfnetException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new WfnetException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!isNpy(bytes) || bytes.length < 10) {
            throw new WfnetException(file + " is not a .npy file");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = bytes[6];
        long headerLength = major == 1 ? buffer.getShort(8) & 0xFFFF : buffer.getInt(8) & 0xFFFFFFFFL;
        int start = major == 1 ? 10 : 12;
        if (start + headerLength > bytes.length) {
            throw new WfnetException(file + " is truncated: its header runs past the end");
        }
        String header = new String(bytes, start, (int) headerLength, StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeText = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeText.find()) {
            throw new WfnetException(file + ": a .npy header this reader does not understand (only numeric arrays"
                    + " are read): " + header.trim());
        }
        if (fortran.group(1).equals("True")) {
            throw new WfnetException(file + " is stored in Fortran order; save it with np.ascontiguousarray");
        }
        ElementType type = switch (descr.group(2) + descr.group(3)) {
            case "f4" -> ElementType.F32;
            case "f8" -> ElementType.F64;
            case "f2" -> ElementType.F16;
            case "i8" -> ElementType.I64;
            case "i4" -> ElementType.I32;
            case "u1" -> ElementType.U8;
            case "b1" -> ElementType.BOOL;
            default -> throw new WfnetException(file + ": element type " + descr.group(2) + descr.group(3)
                    + " is not read; save float32");
        };
        String[] dims = shapeText.group(1).split(",");
        long[] shape = java.util.Arrays.stream(dims).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        long count;
        try {
            count = HostTensor.elementCount(shape);
        } catch (IllegalArgumentException e) {
            throw new WfnetException(file + ": " + e.getMessage(), e);
        }
        long data = bytes.length - start - headerLength;
        if (count * type.bytes() != data) {
            throw new WfnetException(file + " holds " + data + " bytes of data, its shape needs " + count * type.bytes());
        }
        ByteBuffer values = ByteBuffer.wrap(bytes).order(descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN);
        return new HostTensor(shape, type.decode(values, (int) (start + headerLength), (int) count));
    }
}
