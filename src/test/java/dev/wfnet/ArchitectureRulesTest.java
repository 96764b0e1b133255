package dev.wfnet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import com.tngtech.archunit.library.dependencies.Slice;
import com.tngtech.archunit.library.dependencies.Slices;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The direction of dependencies drawn in docs/architecture.md: app and cli on top; then figures,
 * explain, eval and unlearn, each using only those below it, with imports beside unlearn; then
 * model, data, io, with jobs and settings beside them; no cycle between any two packages. JavaFX
 * only in app, picocli only in cli, figures on JFreeChart and Java2D alone. Layers are allowed to be
 * empty, so the rules do not depend on every package having classes.
 */
class ArchitectureRulesTest {
    /** The views, and the import sheet, which sits beside them. */
    private static final List<String> VIEWS = List.of("alphamaps", "forget", "mapping", "modeldata", "untrain",
            "compare", "imports");
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

    /** The packages as layers, each allowed to use only the layers below it (and dev.wfnet itself). */
    private static LayeredArchitecture packageLayers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("App").definedBy("dev.wfnet.app..")
                .layer("Cli").definedBy("dev.wfnet.cli..")
                .layer("Figures").definedBy("dev.wfnet.figures..")
                .layer("Explain").definedBy("dev.wfnet.explain..")
                .layer("Eval").definedBy("dev.wfnet.eval..")
                .layer("Unlearn").definedBy("dev.wfnet.unlearn..")
                .layer("Imports").definedBy("dev.wfnet.imports..")
                .layer("Model").definedBy("dev.wfnet.model..")
                .layer("Data").definedBy("dev.wfnet.data..")
                .layer("Jobs").definedBy("dev.wfnet.jobs..")
                .layer("Settings").definedBy("dev.wfnet.settings..")
                .layer("Io").definedBy("dev.wfnet.io..")
                .whereLayer("App").mayNotBeAccessedByAnyLayer()
                .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("Figures").mayOnlyBeAccessedByLayers("App", "Cli")
                .whereLayer("Explain").mayOnlyBeAccessedByLayers("App", "Cli", "Figures")
                .whereLayer("Eval").mayOnlyBeAccessedByLayers("App", "Cli", "Figures", "Explain")
                .whereLayer("Unlearn").mayOnlyBeAccessedByLayers("App", "Cli", "Figures", "Explain", "Eval")
                .whereLayer("Imports").mayOnlyBeAccessedByLayers("App", "Cli")
                .whereLayer("Model").mayOnlyBeAccessedByLayers("App", "Cli", "Figures", "Explain", "Eval",
                        "Unlearn", "Imports")
                .whereLayer("Data").mayOnlyBeAccessedByLayers("App", "Cli", "Figures", "Explain", "Eval",
                        "Unlearn", "Imports", "Model")
                .whereLayer("Jobs").mayOnlyBeAccessedByLayers("App", "Cli", "Figures", "Explain", "Eval",
                        "Unlearn", "Imports", "Model")
                .whereLayer("Settings").mayOnlyBeAccessedByLayers("App", "Cli", "Figures", "Explain", "Eval",
                        "Unlearn", "Imports", "Model")
                .whereLayer("Io").mayOnlyBeAccessedByLayers("App", "Cli", "Figures", "Explain", "Eval",
                        "Unlearn", "Imports", "Model", "Data");
    }

    @Test
    void packagesDependOnlyDownwards() {
        packageLayers().check(classes);
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching("dev.wfnet.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyPackageIsASliceOfTheCycleRule() {
        // the cycle rule sees each package on its own, sub-packages of app included
        Set<String> names = Slices.matching("dev.wfnet.(**)").transform(classes).stream()
                .map(Slice::getDescription).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(names.containsAll(Set.of("Slice app", "Slice app.common", "Slice app.workspace", "Slice eval",
                "Slice explain", "Slice figures", "Slice unlearn")), names.toString());
    }

    /**
     * Inside the window: the root package (main window, sessions) over the views, the views over the
     * shared pieces (common), those over what is open (workspace), that over the job runners
     * (background). The views do not use each other.
     */
    @Test
    void theAppsPackagesDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Window").definedBy("dev.wfnet.app")
                .layer("Views").definedBy(VIEWS.stream().map(view -> "dev.wfnet.app." + view + "..")
                        .toArray(String[]::new))
                .layer("Common").definedBy("dev.wfnet.app.common..")
                .layer("Workspace").definedBy("dev.wfnet.app.workspace..")
                .layer("Background").definedBy("dev.wfnet.app.background..")
                .whereLayer("Window").mayNotBeAccessedByAnyLayer()
                .whereLayer("Views").mayOnlyBeAccessedByLayers("Window")
                .whereLayer("Common").mayOnlyBeAccessedByLayers("Window", "Views")
                .whereLayer("Workspace").mayOnlyBeAccessedByLayers("Window", "Views", "Common")
                .whereLayer("Background").mayOnlyBeAccessedByLayers("Window", "Views", "Common", "Workspace")
                .check(classes);
        slices().matching("dev.wfnet.app.(*)..").that(DescribedPredicate.describe("are views",
                        (Slice slice) -> VIEWS.contains(slice.getNamePart(1))))
                .should().notDependOnEachOther().check(classes);
    }

    @Test
    void theRulesSeeTheRealDependencies() {
        // inverted rules must fail: the cli does use the model and picocli, explain does use eval,
        // eval does use unlearn, and the common pieces of the window use the workspace
        assertTrue(layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Cli").definedBy("dev.wfnet.cli..")
                .layer("Model").definedBy("dev.wfnet.model..")
                .whereLayer("Model").mayNotBeAccessedByAnyLayer()
                .evaluate(classes).hasViolation());
        assertTrue(noClasses().that().resideInAPackage("dev.wfnet.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .evaluate(classes).hasViolation());
        for (String[] uses : new String[][] {{"explain", "eval"}, {"eval", "unlearn"}, {"figures", "explain"},
                {"app.common", "app.workspace"}, {"app.workspace", "app.background"}}) {
            assertTrue(noClasses().that().resideInAPackage("dev.wfnet." + uses[0] + "..")
                    .should().dependOnClassesThat().resideInAPackage("dev.wfnet." + uses[1] + "..")
                    .evaluate(classes).hasViolation(), uses[0] + " uses " + uses[1]);
        }
    }

    @Test
    void theCycleRuleFindsACycleBetweenTwoPackages() {
        // two test classes in sibling packages that use each other
        JavaClasses cycle = new ClassFileImporter().importPackages("dev.wfnet.architecturefixture");
        assertEquals(2, cycle.size());
        assertTrue(slices().matching("dev.wfnet.(**)").should().beFreeOfCycles().evaluate(cycle).hasViolation());
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
