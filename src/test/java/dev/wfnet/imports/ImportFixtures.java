package dev.wfnet.imports;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wfnet.WfnetException;
import dev.wfnet.data.ImageShape;
import dev.wfnet.io.HostTensor;
import dev.wfnet.model.ArchitectureSpec;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files src/test/python/make_import_fixtures.py wrote with PyTorch and torchvision, as its
 * fixtures.json lists them: per model, its files in each format, the architecture its code
 * describes, and its probe inputs and PyTorch's outputs on them.
 */
final class ImportFixtures {

    /** One model and the files it was saved as. */
    record Fixture(String name, List<String> files, ArchitectureSpec spec, Map<String, String> expect, ImageShape input) {
        Path file(String fileName) {
            return ImportFixtures.path(fileName);
        }

        Path inputs() {
            return ImportFixtures.path(name + ".inputs.npy");
        }

        Path outputs() {
            return ImportFixtures.path(name + ".outputs.npy");
        }

        HostTensor referenceInputs() throws WfnetException {
            return NpyReader.read(inputs());
        }

        HostTensor referenceOutputs() throws WfnetException {
            return NpyReader.read(outputs());
        }

        ImportSettings settings() {
            return new ImportSettings(spec, input, List.of(), null, null, null, null, false,
                    ImportVerifier.DEFAULT_TOLERANCE);
        }

        ImportSettings settingsWithReferences() {
            return new ImportSettings(spec, input, List.of(), null, null, inputs(), outputs(), false,
                    ImportVerifier.DEFAULT_TOLERANCE);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private ImportFixtures() {
    }

    static Path path(String fileName) {
        URL url = ImportFixtures.class.getResource("/imports/" + fileName);
        if (url == null) {
            throw new IllegalStateException("fixture " + fileName + " missing: run src/test/python/make_import_fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject index() {
        try {
            return JsonParser.parseString(Files.readString(path("fixtures.json"))).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Fixture> all() {
        List<Fixture> fixtures = new ArrayList<>();
        for (JsonElement element : index().getAsJsonArray("fixtures")) {
            JsonObject json = element.getAsJsonObject();
            List<String> files = new ArrayList<>();
            json.getAsJsonArray("files").forEach(f -> files.add(f.getAsString()));
            String[] dims = json.get("input").getAsString().split("x");
            fixtures.add(new Fixture(json.get("name").getAsString(), files,
                    ArchitectureSpec.of(json.get("arch").getAsString(), strings(json.getAsJsonObject("args"))),
                    strings(json.getAsJsonObject("expect")),
                    new ImageShape(Integer.parseInt(dims[0]), Integer.parseInt(dims[1]), Integer.parseInt(dims[2]))));
        }
        return fixtures;
    }

    static Fixture named(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    /** Every (fixture, file) pair, for parameterised tests. */
    static List<Object[]> files() {
        List<Object[]> pairs = new ArrayList<>();
        for (Fixture fixture : all()) {
            for (String file : fixture.files()) {
                pairs.add(new Object[] {fixture, file});
            }
        }
        return pairs;
    }

    private static Map<String, String> strings(JsonObject json) {
        Map<String, String> map = new TreeMap<>();
        json.entrySet().forEach(e -> map.put(e.getKey(), e.getValue().getAsString()));
        return map;
    }
}
