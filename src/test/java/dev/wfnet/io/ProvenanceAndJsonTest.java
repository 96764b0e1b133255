package dev.wfnet.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Provenance survives JSON text unchanged; JSON maps are sorted; host tensors guard their shape. */
class ProvenanceAndJsonTest {

    private static Provenance sample() {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("learning_rate", "0.001");
        configuration.put("epochs", "8");
        configuration.put("arch", "small-cnn");
        return new Provenance("pretrain", Map.of("train:fashion-mnist", "ab12", "test:fashion-mnist", "cd34"), 42L,
                configuration, Map.of("java", "17.0.11", "engine", "PyTorch 2.7.1"),
                Instant.parse("2024-05-01T12:34:56.789Z"), 123.456);
    }

    @Test
    void provenanceRoundTripsThroughJsonText() {
        Provenance provenance = sample();
        String text = Json.pretty(provenance.toJson());
        Provenance back = Provenance.fromJson(JsonParser.parseString(text).getAsJsonObject());
        assertEquals(provenance, back);
    }

    @Test
    void provenanceJsonHasTheDocumentedFieldsWithSortedMaps() {
        JsonObject json = sample().toJson();
        assertEquals(List.of("command", "inputs", "seed", "configuration", "versions", "started", "duration_seconds"),
                List.copyOf(json.keySet()));
        assertEquals(List.of("arch", "epochs", "learning_rate"), List.copyOf(json.getAsJsonObject("configuration")
                .keySet()));
        assertEquals(42L, json.get("seed").getAsLong());
        assertEquals("2024-05-01T12:34:56.789Z", json.get("started").getAsString());
    }

    @Test
    void prettyJsonKeepsNaNAndDoesNotEscapeHtml() {
        JsonObject json = new JsonObject();
        json.addProperty("accuracy", Double.NaN);
        json.addProperty("name", "<T-shirt & top>");
        String text = Json.pretty(json);
        assertEquals("{\n  \"accuracy\": NaN,\n  \"name\": \"<T-shirt & top>\"\n}\n", text);
    }

    @Test
    void stringMapOfNullIsEmpty() {
        assertEquals(Map.of(), Json.stringMap(null));
        assertEquals(Map.of("a", "1", "b", "x"), Json.stringMap(Json.sortedObject(Map.of("b", "x", "a", "1"))));
    }

    @Test
    void hostTensorChecksItsShapeAndCopiesIt() {
        long[] shape = {2, 3};
        HostTensor tensor = new HostTensor(shape, new float[6]);
        shape[0] = 99;
        assertArrayEquals(new long[] {2, 3}, tensor.shape());
        tensor.shape()[1] = 99;
        assertArrayEquals(new long[] {2, 3}, tensor.shape());
        assertEquals("2x3", tensor.shapeText());
        assertEquals("scalar", new HostTensor(new long[0], new float[1]).shapeText());
        assertThrows(IllegalArgumentException.class, () -> new HostTensor(new long[] {2, 3}, new float[5]));
        assertThrows(IllegalArgumentException.class, () -> new HostTensor(new long[] {-1}, new float[0]));
        assertEquals(new HostTensor(new long[] {2, 3}, new float[6]), tensor);
        assertNotEquals(new HostTensor(new long[] {3, 2}, new float[6]), tensor);
    }
}
