package dev.wfnet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's direction of dependencies: app and cli on top, the analysis packages in the middle,
 * model, data, jobs and io at the bottom; JavaFX only in app, picocli only in cli, figures on
 * JFreeChart and Java2D alone. Packages that have no classes yet are allowed to be empty.
 */
class ArchitectureRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.wfnet");
        // optional layers and empty packages are allowed, so an empty import would pass vacuously
        assertTrue(classes.contain(WfnetException.class) && classes.contain("dev.wfnet.model.ModelCheckpoint")
                && classes.contain("dev.wfnet.cli.WfnetCommand"), "the main classes were not imported");
    }

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("App").definedBy("dev.wfnet.app..")
                .layer("Cli").definedBy("dev.wfnet.cli..")
                .layer("Analysis").definedBy("dev.wfnet.figures..", "dev.wfnet.explain..", "dev.wfnet.eval..",
                        "dev.wfnet.unlearn..", "dev.wfnet.imports..")
                .layer("Core").definedBy("dev.wfnet.model..", "dev.wfnet.data..", "dev.wfnet.jobs..", "dev.wfnet.io..")
                .whereLayer("App").mayNotBeAccessedByAnyLayer()
                .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("Analysis").mayOnlyBeAccessedByLayers("App", "Cli")
                .check(classes);
    }

    @Test
    void theRulesSeeTheRealDependencies() {
        // inverted rules must fail: the cli does use the model and picocli
        assertTrue(layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Cli").definedBy("dev.wfnet.cli..")
                .layer("Model").definedBy("dev.wfnet.model..")
                .whereLayer("Model").mayNotBeAccessedByAnyLayer()
                .evaluate(classes).hasViolation());
        assertTrue(noClasses().that().resideInAPackage("dev.wfnet.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .evaluate(classes).hasViolation());
    }

    @Test
    void withinTheCoreModelIsAboveDataJobsAndIo() {
        noClasses().that().resideInAnyPackage("dev.wfnet.data..", "dev.wfnet.jobs..", "dev.wfnet.io..")
                .should().dependOnClassesThat().resideInAPackage("dev.wfnet.model..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void ioAndJobsDependOnNoOtherPackageOfTheProject() {
        noClasses().that().resideInAPackage("dev.wfnet.io..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wfnet.data..", "dev.wfnet.jobs..")
                .allowEmptyShould(true)
                .check(classes);
        noClasses().that().resideInAPackage("dev.wfnet.jobs..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wfnet.data..", "dev.wfnet.io..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void onlyTheAppUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("dev.wfnet.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..",
                        "org.kordamp.ikonli.javafx..", "org.jfree.chart.fx..")
                .check(classes);
    }

    @Test
    void onlyTheCliUsesPicocli() {
        noClasses().that().resideOutsideOfPackage("dev.wfnet.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(classes);
    }

    @Test
    void figuresUseNeitherJavaFxNorTheJavaFxChartViewer() {
        noClasses().that().resideInAPackage("dev.wfnet.figures..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.jfree.chart.fx..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
