package dev.wfnet.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Only {@link EngineValues} hands Java memory to the engine: no other main class calls DJL's
 * constructors from Java values ({@code NDManager.create} of arrays, buffers or numbers,
 * {@code NDArray.set} of a buffer or an array) or an {@code NDArray} method that takes a
 * {@code Number} (each makes a scalar over a Java buffer and frees it while autograd may hold it).
 * {@code clip} is allowed: it passes its bounds to the engine by value.
 */
class EngineValuesRuleTest {

    private static final DescribedPredicate<JavaMethodCall> HANDS_JAVA_MEMORY_TO_THE_ENGINE =
            DescribedPredicate.describe("DJL's create or set from Java values, or an NDArray method taking a Number",
                    EngineValuesRuleTest::handsJavaMemory);

    private static final ArchRule ONLY_ENGINE_VALUES = noClasses().that().doNotBelongToAnyOf(EngineValues.class)
            .should().callMethodWhere(HANDS_JAVA_MEMORY_TO_THE_ENGINE)
            .because("the engine may keep such a tensor after DJL frees its buffer (see EngineValues)");

    private static boolean handsJavaMemory(JavaMethodCall call) {
        JavaClass owner = call.getTargetOwner();
        List<JavaClass> parameters = call.getTarget().getRawParameterTypes();
        if (owner.isAssignableTo(NDManager.class) && call.getName().equals("create")) {
            // create(Shape) and create(Shape, DataType) are empty tensors the engine allocates
            return !parameters.stream().allMatch(p -> p.isEquivalentTo(Shape.class) || p.isEquivalentTo(DataType.class));
        }
        if (!owner.isAssignableTo(NDArray.class)) {
            return false;
        }
        if (call.getName().equals("set") && parameters.size() == 1) {
            return !parameters.get(0).isAssignableTo(NDArray.class);
        }
        return !call.getName().equals("clip") && parameters.stream().anyMatch(p -> p.isEquivalentTo(Number.class));
    }

    @Test
    void onlyEngineValuesHandsJavaMemoryToTheEngine() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.wfnet");
        assertTrue(main.contain(EngineValues.class) && main.contain(Classifier.class), "main classes imported");
        ONLY_ENGINE_VALUES.check(main);
    }

    /** What the rule must catch: each line is one way DJL puts Java memory under a tensor. */
    @SuppressWarnings("unused")
    static final class Offender {
        static void offend(NDManager manager, NDArray x) {
            x.mul(2f);
            manager.create(new float[] {1f});
        }

        static void offendBySetting(NDArray x) {
            x.set(new float[] {1f});
        }

        static void clipIsFine(NDArray x) {
            x.clip(0, 1);
        }
    }

    @Test
    void theRuleSeesEachWayAndAllowsClip() {
        JavaClasses offender = new ClassFileImporter().importClasses(Offender.class);
        var result = ONLY_ENGINE_VALUES.evaluate(offender);
        List<String> violations = result.getFailureReport().getDetails();
        assertTrue(violations.size() == 3, String.join("\n", violations));
        assertTrue(violations.stream().anyMatch(v -> v.contains("NDArray.mul(java.lang.Number)")),
                String.join("\n", violations));
        assertTrue(violations.stream().anyMatch(v -> v.contains("NDManager.create([F)")), String.join("\n", violations));
        assertTrue(violations.stream().anyMatch(v -> v.contains("NDArray.set([F)")), String.join("\n", violations));
        assertTrue(violations.stream().noneMatch(v -> v.contains("clip")), String.join("\n", violations));
    }
}
