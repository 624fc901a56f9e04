package io.ctkit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The module and package rules of docs/architecture.md, over the compiled classes of every module
 * (this module's test class path holds them all). A class's module is told by where it was loaded
 * from ({@code <module>/target/classes} or {@code <module>-<version>.jar}).
 */
class ArchitectureTest {
    private static final List<String> MODULES = List.of("model-core", "model-quality", "model-registry",
            "scoring-server", "scoring-image", "pipeline-steps");

    static JavaClasses classes;

    static List<String> modules() {
        return MODULES;
    }

    @BeforeAll
    static void importEveryModule() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ctkit");
    }

    /** The module a class was compiled in, from the location of its class file. */
    static Optional<String> moduleOf(JavaClass c) {
        String uri = c.getSource().map(s -> s.getUri().toString()).orElse("");
        for (String m : MODULES) {
            if (uri.contains("/" + m + "/target/classes/") || uri.contains("/" + m + "-0.")
                    || uri.contains("/" + m + "/target/" + m + "-")) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    static DescribedPredicate<JavaClass> inModule(String module) {
        return DescribedPredicate.describe("in module " + module, c -> moduleOf(c).filter(module::equals).isPresent());
    }

    static DescribedPredicate<JavaClass> inAnyModuleOf(String... modules) {
        List<String> list = List.of(modules);
        return DescribedPredicate.describe("in module " + String.join(" or ", list),
                c -> moduleOf(c).filter(list::contains).isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void everyModuleIsFound(String m) {
        org.assertj.core.api.Assertions.assertThat(classes.stream().anyMatch(c -> moduleOf(c).filter(m::equals)
                .isPresent())).as("classes of %s were imported", m).isTrue();
    }

    @Test
    void aDependencyAcrossModulesIsSeenByTheRules() {
        // the CLI does use the quality module: the same kind of rule must report it
        ArchRule cliUsesQuality = noClasses().that(inModule("pipeline-steps")).should()
                .dependOnClassesThat(inModule("model-quality"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cliUsesQuality.check(classes))
                .isInstanceOf(AssertionError.class).hasMessageContaining("io.ctkit.gate.GateStep");
    }

    @Test
    void modelCoreDependsOnNoOtherModule() {
        noClasses().that(inModule("model-core")).should().dependOnClassesThat(inAnyModuleOf("model-quality",
                "model-registry", "scoring-server", "scoring-image", "pipeline-steps")).check(classes);
    }

    @Test
    void modelQualityDependsOnModelCoreOnly() {
        noClasses().that(inModule("model-quality")).should().dependOnClassesThat(inAnyModuleOf("model-registry",
                "scoring-server", "scoring-image", "pipeline-steps")).check(classes);
    }

    @Test
    void theRegistryDependsOnModelCoreAndModelQualityOnly() {
        noClasses().that(inModule("model-registry")).should().dependOnClassesThat(inAnyModuleOf("scoring-server",
                "scoring-image", "pipeline-steps")).check(classes);
    }

    @Test
    void theScoringServerDependsOnModelCoreOnly() {
        noClasses().that(inModule("scoring-server")).should().dependOnClassesThat(inAnyModuleOf("model-quality",
                "model-registry", "scoring-image", "pipeline-steps")).check(classes);
    }

    @Test
    void theImageBuilderDependsOnModelCoreAndModelQualityOnly() {
        noClasses().that(inModule("scoring-image")).should().dependOnClassesThat(inAnyModuleOf("model-registry",
                "scoring-server", "pipeline-steps")).check(classes);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"org.nd4j..", "picocli..", "com.google.cloud.tools.jib..", "org.slf4j.."})
    void whatUsersTestClassPathsNeedUsesNoHeavyLibrary(String heavy) {
        // dataset scoring, evaluation, gate, validation, provenance, registry: the JUnit kit's class path
        noClasses().that(inAnyModuleOf("model-core", "model-quality", "model-registry"))
                .should().dependOnClassesThat().resideInAPackage(heavy).check(classes);
    }

    @Test
    void onlyTrainingUsesNd4j() {
        noClasses().that().resideOutsideOfPackage("io.ctkit.train..")
                .should().dependOnClassesThat().resideInAPackage("org.nd4j..").check(classes);
    }

    @Test
    void onlyTheCommandLineUsesPicocli() {
        noClasses().that().resideOutsideOfPackages("io.ctkit.cli..", "io.ctkit.serving..")
                .should().dependOnClassesThat().resideInAPackage("picocli..").check(classes);
    }

    @Test
    void stepsDoNotDependOnTheirAdapters() {
        // the CLI and the run stages adapt the steps, never the other way round
        noClasses().that().resideInAnyPackage("io.ctkit.train..", "io.ctkit.register..", "io.ctkit.evaluate..",
                "io.ctkit.gate..", "io.ctkit.validate..", "io.ctkit.image..", "io.ctkit.scoring..", "io.ctkit.project..",
                "io.ctkit.tekton..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ctkit.cli..", "io.ctkit.run..")
                .check(classes);
    }

    @Test
    void theRetrainStepStartsRunsButNeverUsesTheCommandLine() {
        // its local trigger runs the pipeline (io.ctkit.run) as ctkit run does; the CLI adapts it
        noClasses().that().resideInAPackage("io.ctkit.retrain..")
                .should().dependOnClassesThat().resideInAPackage("io.ctkit.cli..").check(classes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void internalPackagesAreUsedOnlyInsideTheirModule(String module) {
        ArchRule rule = noClasses().that(DescribedPredicate.not(inModule(module)))
                .should().dependOnClassesThat(DescribedPredicate.and(inModule(module),
                        DescribedPredicate.describe("in an internal package",
                                (JavaClass c) -> c.getPackageName().contains(".internal"))))
                .allowEmptyShould(true);
        rule.check(classes);
    }
}
