package dev.wfnet.imports;

import dev.wfnet.WfnetException;
import dev.wfnet.io.ElementType;
import java.nio.ByteBuffer;

/**
 * A PyTorch storage named by a pickle's persistent id: where its bytes are, their element type,
 * and how many elements it holds (checked against the file before any tensor may refer to it).
 *
 * @param key the storage's key in the file ("0" in a zip archive's {@code data/0})
 * @param type the element type
 * @param offset the first element of this storage within the stored block (legacy views), else 0
 * @param elements the number of elements
 * @param bytes reads the stored block the storage lies in
 */
record StorageRef(String key, ElementType type, long offset, long elements, Bytes bytes) {

    /** Reads a stored block of bytes by key, in the file's byte order. */
    @FunctionalInterface
    interface Bytes {
        ByteBuffer read(String key) throws WfnetException;
    }
}
