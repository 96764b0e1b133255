package dev.wfnet.imports;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wfnet.WfnetException;
import dev.wfnet.io.HostTensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Keras files src/test/python/make_keras_fixtures.py wrote with h5py in Keras's layouts, as
 * its keras.json lists them, with their probe pixels, the Keras model's inputs and outputs on
 * them, and the scores the imported network must give (computed by a numpy implementation of the
 * same stack in Keras's own layout).
 */
final class KerasFixtures {

    /**
     * One model.
     *
     * @param name the fixture's name
     * @param file its file name
     * @param rawPixels whether the Keras model takes 0..255 pixel values
     * @param classes its number of outputs
     */
    record Fixture(String name, String file, boolean rawPixels, int classes) {
        Path path() {
            return KerasFixtures.path(file);
        }

        Path inputs() {
            return KerasFixtures.path(name + ".inputs.npy");
        }

        Path outputs() {
            return KerasFixtures.path(name + ".outputs.npy");
        }

        Path scores() {
            return KerasFixtures.path(name + ".scores.npy");
        }

        HostTensor pixels() throws WfnetException {
            return NpyReader.read(KerasFixtures.path(name + ".pixels.npy"));
        }

        ImportSettings against(Path referenceOutputs) {
            return new ImportSettings(null, null, List.of(), null, null, inputs(), referenceOutputs, false,
                    ImportVerifier.DEFAULT_TOLERANCE);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private KerasFixtures() {
    }

    static Path path(String fileName) {
        URL url = KerasFixtures.class.getResource("/imports/keras/" + fileName);
        if (url == null) {
            throw new IllegalStateException("fixture " + fileName + " missing: run src/test/python/make_keras_fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Fixture> all() {
        try {
            JsonObject index = JsonParser.parseString(Files.readString(path("keras.json"))).getAsJsonObject();
            List<Fixture> fixtures = new ArrayList<>();
            for (JsonElement element : index.getAsJsonArray("fixtures")) {
                JsonObject f = element.getAsJsonObject();
                fixtures.add(new Fixture(f.get("name").getAsString(), f.get("file").getAsString(),
                        f.get("raw_pixels").getAsBoolean(), f.get("classes").getAsInt()));
            }
            return fixtures;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Fixture named(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }
}
