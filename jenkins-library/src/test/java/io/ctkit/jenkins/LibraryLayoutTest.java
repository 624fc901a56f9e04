package io.ctkit.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import groovy.lang.GroovyShell;
import groovy.lang.Script;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.junit.jupiter.api.Test;

class LibraryLayoutTest {

    static final List<String> STEPS = List.of("ctkitPipeline", "ctkitTrain", "ctkitEvaluate", "ctkitTest",
            "ctkitGate", "ctkitRegister", "ctkitPackage", "ctkitDeploy", "ctkitMonitor");

    static GroovyShell groovy24() {
        CompilerConfiguration compiler = new CompilerConfiguration();
        compiler.addCompilationCustomizers(new ImportCustomizer().addImports("com.cloudbees.groovy.cps.NonCPS"));
        return new GroovyShell(compiler);
    }

    @Test
    void everyStepOfTheIssueIsAVarWithACallTakingAConfigMapAndAnHtmlHelpPage() throws IOException {
        PipelineHarness harness = new PipelineHarness(Library.root());
        List<String> vars = harness.vars().stream()
                .map(p -> p.getFileName().toString().replace(".groovy", "")).toList();
        assertThat(vars).containsAll(STEPS);

        for (Path var : harness.vars()) {
            Script script = groovy24().parse(var.toFile());
            assertThat(Arrays.stream(script.getClass().getDeclaredMethods())
                    .filter(m -> m.getName().equals("call") && m.getParameterCount() == 1))
                    .as("%s defines call(Map config = [:])", var.getFileName())
                    .anySatisfy(m -> assertThat(m.getParameterTypes()[0]).isEqualTo(java.util.Map.class));
            Path help = var.resolveSibling(var.getFileName().toString().replace(".groovy", ".txt"));
            assertThat(help).as("the help page of %s", var.getFileName()).exists();
            String text = Files.readString(help);
            assertThat(text).as(help.toString()).contains("<p>").doesNotContain("<html", "<body");
            assertThat(text.replaceAll("<[^>]+>", "").trim()).as(help.toString()).hasSizeGreaterThan(200);
        }
        try (var txt = Files.list(Library.root().resolve("vars"))) {
            assertThat(txt.filter(p -> p.toString().endsWith(".txt")))
                    .as("no help page without its var")
                    .allSatisfy(p -> assertThat(p.resolveSibling(p.getFileName().toString().replace(".txt", ".groovy")))
                            .exists());
        }
    }

    @Test
    void theVarsAndTheJenkinsfileAreGroovy24WhichRefusesJavaOnlySyntax() throws IOException {
        for (Path var : new PipelineHarness(Library.root()).vars()) {
            groovy24().parse(var.toFile());
        }
        groovy24().parse(Files.readString(Library.root().resolve("Jenkinsfile")), "Jenkinsfile");

        // The check can fail: Groovy 2.4's parser has no lambdas, no var and no switch expressions.
        assertThatThrownBy(() -> groovy24().parse("def f = [1, 2].collect(x -> x * 2)"))
                .isInstanceOf(CompilationFailedException.class);
        assertThatThrownBy(() -> groovy24().parse("def y = switch (1) { case 1 -> 'a'; default -> 'b' }"))
                .isInstanceOf(CompilationFailedException.class);
    }
}
