package dev.wfnet.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wfnet.WfnetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Damaged and foreign SavedModels: every one ends in a one-line domain error that says what is
 * wrong, and nothing is written (the folder holds only what the test put there).
 */
class SavedModelFuzzTest {
    @TempDir
    Path dir;

    /** A copy of a fixture SavedModel, to damage. */
    private Path copy(String fixture, String name) throws IOException {
        Path from = SavedModelImportTest.fixture(fixture);
        Path to = dir.resolve(name);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        }
        return to;
    }

    private String assertRefused(Path source, String fragment) throws IOException {
        List<Path> before = listing();
        WfnetException e = assertThrows(WfnetException.class, () -> ModelImporter.run(source,
                ImportSettings.defaults()), () -> source + " should be refused");
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' in: " + e.getMessage());
        assertEquals(before, listing(), "nothing written");
        return e.getMessage();
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.sorted().toList();
        }
    }

    @Test
    void truncatedGraphsAreRefusedBeforeTensorFlowReadsThem() throws IOException {
        Path model = copy("tf1-cnn-bn", "truncated");
        byte[] graph = Files.readAllBytes(model.resolve("saved_model.pb"));
        for (int length : new int[] {1, 17, 300, graph.length / 2, graph.length - 1}) {
            Files.write(model.resolve("saved_model.pb"), java.util.Arrays.copyOf(graph, length));
            assertRefused(model, "saved_model.pb is damaged or not a SavedModel graph");
        }
        Files.write(model.resolve("saved_model.pb"), new byte[0]);
        assertRefused(model, "has no graph tagged 'serve'");
    }

    @Test
    void missingVariablesAreRefused() throws IOException {
        Path noFolder = copy("keras-objectgraph", "no-variables");
        deleteTree(noFolder.resolve("variables"));
        assertRefused(noFolder, "has no variables/ folder");
        Path noData = copy("tf1-cnn-bn", "no-data");
        Files.delete(noData.resolve("variables/variables.data-00000-of-00001"));
        assertRefused(noData, "cannot be loaded as a TensorFlow SavedModel");
        Path noIndex = copy("keras-metadata", "no-index");
        Files.delete(noIndex.resolve("variables/variables.index"));
        assertRefused(noIndex, "has no variables/variables.index");
    }

    @Test
    void variablesOfAnotherModelAreRefused() throws IOException {
        Path keras = copy("keras-objectgraph", "keras-with-other-variables");
        deleteTree(keras.resolve("variables"));
        copyTree(SavedModelImportTest.fixture("keras-metadata/variables"), keras.resolve("variables"));
        assertRefused(keras, "not found in checkpoint");
        Path tf1 = copy("tf1-cnn-bn", "tf1-with-other-variables");
        deleteTree(tf1.resolve("variables"));
        copyTree(SavedModelImportTest.fixture("tf1-cnn-channelless/variables"), tf1.resolve("variables"));
        assertRefused(tf1, "not found in checkpoint");
    }

    @Test
    void aDeclaredShapeThatDisagreesWithTheStoredValuesIsRefused() throws IOException {
        Path model = copy("keras-objectgraph", "wrong-shape");
        rewriteGraph(model, saved -> {
            var meta = saved.getMetaGraphs(0).toBuilder();
            var objects = meta.getObjectGraphDef().toBuilder();
            for (int i = 0; i < objects.getNodesCount(); i++) {
                var node = objects.getNodes(i);
                if (node.hasVariable() && node.getVariable().getName().equals("dense/kernel")) {
                    objects.setNodes(i, node.toBuilder().setVariable(node.getVariable().toBuilder().setShape(
                            TensorShapeProto.newBuilder().addDim(dim(845)).addDim(dim(12)))));
                }
            }
            return saved.toBuilder().setMetaGraphs(0, meta.setObjectGraphDef(objects)).build();
        });
        assertRefused(model, "the variable dense/kernel holds 845x10 values, but the model declares it 845x12");
    }

    @Test
    void directoriesThatAreNoSavedModelAreRefusedSayingSo() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertRefused(empty, "it is a directory without saved_model.pb");
        Path noise = Files.createDirectory(dir.resolve("noise"));
        Files.createDirectory(noise.resolve("variables"));
        byte[] bytes = new byte[4096];
        new Random(3).nextBytes(bytes);
        Files.write(noise.resolve("saved_model.pb"), bytes);
        assertRefused(noise, "saved_model.pb is damaged or not a SavedModel graph");
        assertRefused(noise.resolve("saved_model.pb"), "saved_model.pb is damaged or not a SavedModel graph");
    }

    @Test
    void aGraphThatReachesOutsideTheModelIsNotLoaded() throws IOException {
        Path model = copy("tf1-mlp-channelless", "reads-files");
        rewriteGraph(model, saved -> {
            var meta = saved.getMetaGraphs(0).toBuilder();
            meta.setGraphDef(meta.getGraphDef().toBuilder().addNode(NodeDef.newBuilder().setName("leak")
                    .setOp("ReadFile").addInput("save/filename")));
            return saved.toBuilder().setMetaGraphs(0, meta).build();
        });
        assertRefused(model, "has a ReadFile op (leak), which reaches outside the model");
    }

    @Test
    void damagedKerasMetadataIsRefusedOrIgnoredNeverMisread() throws IOException {
        Path model = copy("keras-metadata", "bad-metadata");
        byte[] metadata = Files.readAllBytes(model.resolve("keras_metadata.pb"));
        Random random = new Random(5);
        for (int trial = 0; trial < 12; trial++) {
            byte[] damaged = metadata.clone();
            if (trial % 3 == 0) {
                damaged = java.util.Arrays.copyOf(damaged, random.nextInt(damaged.length));
            } else {
                for (int flips = 0; flips < 4; flips++) {
                    damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            Files.write(model.resolve("keras_metadata.pb"), damaged);
            importsOrRefuses(model);
        }
        Files.write(model.resolve("keras_metadata.pb"), "{\"not\": \"a proto\"}".getBytes());
        importsOrRefuses(model);
    }

    @Test
    void bitFlipsInTheVariablesEndInAnImportOrADomainError() throws IOException {
        Path model = copy("tf1-cnn-bn", "flipped");
        Path index = model.resolve("variables/variables.index");
        byte[] original = Files.readAllBytes(index);
        Random random = new Random(9);
        for (int trial = 0; trial < 6; trial++) {
            byte[] damaged = original.clone();
            damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
            Files.write(index, damaged);
            importsOrRefuses(model);
        }
    }

    /** An import (the damage missed what matters, and the verification passed) or a one-line domain error. */
    private void importsOrRefuses(Path model) throws IOException {
        List<Path> before = listing();
        try {
            ModelImporter.run(model, ImportSettings.defaults());
        } catch (WfnetException e) {
            assertFalse(e.getMessage().isBlank());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        } catch (Throwable t) {
            fail(model + ": " + t, t);
        }
        assertEquals(before, listing(), "nothing written");
    }

    private interface Rewrite {
        SavedModel apply(SavedModel saved);
    }

    private static void rewriteGraph(Path model, Rewrite rewrite) throws IOException {
        Path pb = model.resolve("saved_model.pb");
        Files.write(pb, rewrite.apply(SavedModel.parseFrom(Files.readAllBytes(pb))).toByteArray());
    }

    private static TensorShapeProto.Dim dim(long size) {
        return TensorShapeProto.Dim.newBuilder().setSize(size).build();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
