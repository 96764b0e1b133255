package dev.wfnet.imports;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.wfnet.WfnetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code keras_metadata.pb}, which Keras (TensorFlow 2.5 and later) writes beside a SavedModel: for
 * each Keras object of the object graph, its node id and its JSON metadata (class name, name,
 * config). The message ({@code SavedMetadata}: repeated {@code SavedObject} at field 1, each with
 * {@code node_id} at field 2 and {@code metadata} at field 5) is Keras's, not in TensorFlow Java's
 * jar, so it is read here from the wire format; other fields are skipped.
 */
final class KerasMetadataFile {
    static final String NAME = "keras_metadata.pb";
    private static final long MAX_BYTES = 64L << 20;

    private KerasMetadataFile() {
    }

    /** Node id -> metadata JSON; empty when the directory has no {@code keras_metadata.pb}. */
    static Map<Integer, String> read(Path directory) throws WfnetException {
        Path file = directory.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new WfnetException(file + " is larger than " + (MAX_BYTES >> 20) + " MB; it is not Keras metadata");
            }
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new WfnetException(file + " cannot be read as Keras metadata (" + e.getMessage() + ")", e);
        }
    }

    static Map<Integer, String> parse(byte[] bytes) throws IOException {
        Map<Integer, String> nodes = new HashMap<>();
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (WireFormat.getTagFieldNumber(tag) == 1 && WireFormat.getTagWireType(tag)
                    == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                CodedInputStream node = CodedInputStream.newInstance(in.readByteArray());
                int id = 0; // proto3 leaves a zero out: the root has no node_id field
                String metadata = null;
                while (!node.isAtEnd()) {
                    int inner = node.readTag();
                    int field = WireFormat.getTagFieldNumber(inner);
                    if (field == 2 && WireFormat.getTagWireType(inner) == WireFormat.WIRETYPE_VARINT) {
                        id = node.readInt32();
                    } else if (field == 5 && WireFormat.getTagWireType(inner) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        metadata = node.readStringRequireUtf8();
                    } else if (!node.skipField(inner)) {
                        break;
                    }
                }
                if (metadata != null) {
                    nodes.put(id, metadata);
                }
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        return nodes;
    }
}
