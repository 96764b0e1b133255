package dev.wfnet.imports;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.wfnet.model.EngineValues;
import dev.wfnet.model.TorchRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TensorFlow is loaded only when a TensorFlow file is imported, and then beside PyTorch in the
 * same process: one class names TensorFlow ({@link TensorFlowSavedModel}); a fresh JVM that
 * imports, inspects and evaluates a PyTorch model loads no TensorFlow class and maps no TensorFlow
 * library, while one that imports a SavedModel loads both engines and uses both (TensorFlow runs
 * the source, PyTorch the imported network); and in one JVM PyTorch works before and after.
 */
class TensorFlowLoadingTest {
    @TempDir
    Path dir;

    @Test
    void onlyOneClassNamesTensorFlow() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("dev.wfnet");
        noClasses().that().doNotHaveFullyQualifiedName(TensorFlowSavedModel.class.getName())
                .and().areNotNestedClasses()
                .should().dependOnClassesThat().resideInAPackage("org.tensorflow..")
                .because("TensorFlow's native library is loaded only for a SavedModel import")
                .check(classes);
        // the rule sees real dependencies: the one class does use TensorFlow
        JavaClass bridge = classes.get(TensorFlowSavedModel.class);
        assertTrue(bridge.getDirectDependenciesFromSelf().stream()
                .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("org.tensorflow")));
    }

    @Test
    void aPyTorchModelImportedOpenedAndEvaluatedLoadsNoTensorFlow() throws Exception {
        Path model = dir.resolve("mnist.safetensors");
        ImportFixtures.Fixture mnist = ImportFixtures.named("mnist-net");
        Probe probe = probe("import", mnist.file("mnist-net.pt").toString(), "--arch", "sequential", "--arch-arg",
                "layers=" + mnist.spec().arguments().get("layers"), "--input", "1x28x28", "-o", model.toString(),
                ";;", "info", model.toString(), ";;", "evaluate", model.toString(), "--data",
                "fashion-mnist-bundled");
        assertEquals(List.of("probe-exit import 0", "probe-exit info 0", "probe-exit evaluate 0"), probe.exits(),
                probe.output());
        assertTrue(probe.output().contains("probe-torch-native true"), probe.output());
        assertTrue(probe.output().contains("probe-tensorflow-native false"), probe.output());
        assertFalse(probe.loadedTensorFlowClass(), "an org.tensorflow class was loaded");
    }

    @Test
    void aSavedModelImportRunsBothEnginesInOneProcess() throws Exception {
        Probe probe = probe("import", SavedModelImportTest.fixture("keras-objectgraph").toString(), "-o",
                dir.resolve("keras.safetensors").toString(), ";;", "evaluate", dir.resolve("keras.safetensors")
                        .toString(), "--data", "fashion-mnist-bundled");
        assertEquals(List.of("probe-exit import 0", "probe-exit evaluate 0"), probe.exits(), probe.output());
        assertTrue(probe.output().contains("matches the SavedModel's serving signature"), probe.output());
        assertTrue(probe.output().contains("probe-tensorflow-native true"), probe.output());
        assertTrue(probe.output().contains("probe-torch-native true"), probe.output());
        assertTrue(probe.loadedTensorFlowClass(), "the control: -verbose:class shows TensorFlow's classes");
    }

    @Test
    void pyTorchWorksBeforeAndAfterTensorFlowInTheSameJvm() throws Exception {
        assertEquals(6f, sumOfOnes());
        ImportedModel imported = ModelImporter.run(SavedModelImportTest.fixture("tf1-cnn-bn"), ImportSettings.defaults());
        assertTrue(imported.report().verification().referenced());
        assertEquals(6f, sumOfOnes());
    }

    private static float sumOfOnes() {
        try (NDManager manager = TorchRuntime.newManager()) {
            NDArray ones = EngineValues.copyOf(manager, new float[] {1, 1, 1, 1, 1, 1}, new ai.djl.ndarray.types.Shape(6));
            return ones.sum().getFloat();
        }
    }

    /** What a fresh JVM printed. */
    private record Probe(String output) {
        List<String> exits() {
            return output.lines().filter(l -> l.startsWith("probe-exit ")).toList();
        }

        boolean loadedTensorFlowClass() {
            // -verbose:class prints "[class,load] org.tensorflow.Foo source: ..."
            return output.lines().anyMatch(l -> l.contains("[class,load] org.tensorflow."));
        }
    }

    private Probe probe(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-verbose:class", "-Xmx1g", "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), EngineProbe.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output.lines().filter(l -> !l.startsWith("[")).toList().toString());
        return new Probe(output);
    }
}
