package dev.wfnet.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The element types tensors are stored in (safetensors names; PyTorch storages map onto them),
 * and their conversion to float. Files are read as float whatever their stored type.
 */
public enum ElementType {
    F32(4), F64(8), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    private final int bytes;

    ElementType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /**
     * The type of a safetensors {@code dtype} name.
     *
     * @throws IllegalArgumentException naming the types this reader takes, if {@code name} is none of them
     */
    public static ElementType of(String name) {
        for (ElementType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unsupported dtype " + name + " (this reader takes "
                + java.util.Arrays.toString(values()) + ")");
    }

    /** Element {@code index} of a buffer whose element 0 is at byte {@code start}, in the buffer's byte order. */
    public float read(ByteBuffer buffer, int start, int index) {
        int at = start + index * bytes;
        return switch (this) {
            case F32 -> buffer.getFloat(at);
            case F64 -> (float) buffer.getDouble(at);
            case F16 -> halfToFloat(buffer.getShort(at));
            case BF16 -> Float.intBitsToFloat((buffer.getShort(at) & 0xFFFF) << 16);
            case I64 -> buffer.getLong(at);
            case I32 -> buffer.getInt(at);
            case I16 -> buffer.getShort(at);
            case I8 -> buffer.get(at);
            case U8, BOOL -> buffer.get(at) & 0xFF;
        };
    }

    /** {@code count} consecutive elements from byte {@code start}, in the buffer's byte order. */
    public float[] decode(ByteBuffer buffer, int start, int count) {
        float[] values = new float[count];
        if (this == F32) {
            buffer.slice(start, count * 4).order(buffer.order()).asFloatBuffer().get(values);
            return values;
        }
        for (int i = 0; i < count; i++) {
            values[i] = read(buffer, start, i);
        }
        return values;
    }

    /** Little-endian decoding, the order of safetensors and of PyTorch files on every common machine. */
    public float[] decodeLittleEndian(ByteBuffer buffer, int start, int count) {
        return decode(buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN), start, count);
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short half) {
        int bits = half & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
