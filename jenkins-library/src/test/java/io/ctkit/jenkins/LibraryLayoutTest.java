package io.ctkit.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import groovy.lang.GroovyClassLoader;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.codehaus.groovy.control.CompilationFailedException;
import org.junit.jupiter.api.Test;

class LibraryLayoutTest {

    static final PipelineLibrary LIBRARY = PipelineLibrary.repository();

    static final List<String> STEPS = List.of("ctkitPipeline", "ctkitTrain", "ctkitEvaluate", "ctkitTest",
            "ctkitGate", "ctkitRegister", "ctkitPackage", "ctkitDeploy", "ctkitMonitor");

    @Test
    void everyStepIsAVarWithACallTakingAConfigMapAndAnHtmlHelpPage() throws IOException {
        assertThat(LIBRARY.vars().keySet()).containsAll(STEPS);

        for (Map.Entry<String, Class<?>> var : LIBRARY.vars().entrySet()) {
            assertThat(Arrays.stream(var.getValue().getDeclaredMethods())
                    .filter(m -> m.getName().equals("call") && m.getParameterCount() == 1))
                    .as("%s defines call(Map config = [:])", var.getKey())
                    .anySatisfy(m -> assertThat(m.getParameterTypes()[0]).isEqualTo(Map.class));
            Path help = LIBRARY.root().resolve("vars").resolve(var.getKey() + ".txt");
            assertThat(help).as("the help page of %s", var.getKey()).exists();
            String text = Files.readString(help);
            assertThat(text).as(help.toString()).contains("<p>").doesNotContain("<html", "<body");
            assertThat(text.replaceAll("<[^>]+>", "").trim()).as(help.toString()).hasSizeGreaterThan(200);
        }
        try (Stream<Path> files = Files.list(LIBRARY.root().resolve("vars"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".txt")))
                    .as("no help page without its var")
                    .allSatisfy(p -> assertThat(LIBRARY.vars()).containsKey(p.getFileName().toString().replace(".txt", "")));
        }
    }

    @Test
    void theVarsAndTheJenkinsfileCompileAsGroovy24WhichRefusesJavaOnlySyntax() throws IOException {
        assertThat(PipelineLibrary.varFiles(LIBRARY.root())).hasSameSizeAs(LIBRARY.vars().keySet());
        assertThat(LIBRARY.jenkinsfile()).isNotNull();
        assertThat(groovy.lang.GroovySystem.getVersion()).startsWith("2.4.");

        // The check can fail: Groovy 2.4's parser has no lambdas and no switch expressions.
        try (GroovyClassLoader groovy24 = new GroovyClassLoader(getClass().getClassLoader(), PipelineLibrary.compiler())) {
            assertThatThrownBy(() -> groovy24.parseClass("def f = [1, 2].collect(x -> x * 2)"))
                    .isInstanceOf(CompilationFailedException.class);
            assertThatThrownBy(() -> groovy24.parseClass("def y = switch (1) { case 1 -> 'a'; default -> 'b' }"))
                    .isInstanceOf(CompilationFailedException.class);
        }
    }

    static final List<String> STEPS_CALLED_IN_VARS = List.of("sh", "echo", "error", "unstable", "junit", "allure",
            "archiveArtifacts", "readJSON", "readFile", "fileExists", "withEnv", "stage", "node", "build",
            "properties", "checkout");

    @Test
    void nonCpsHelpersCallNoCpsMethodOfTheirVar() {
        // Jenkins runs a @NonCPS method as plain Groovy: a CPS-transformed method (or a step) called from
        // it does not return its value. The harness cannot see that, so the rule is checked here.
        for (Map.Entry<String, Class<?>> var : LIBRARY.vars().entrySet()) {
            List<String> cps = Arrays.stream(var.getValue().getDeclaredMethods())
                    .filter(m -> !m.isSynthetic() && !isNonCps(m) && !m.getName().contains("$"))
                    .map(Method::getName).distinct().toList();
            String source = read(var.getKey());
            for (String nonCps : nonCpsMethods(source)) {
                String body = body(source, nonCps);
                assertThat(cps).as("%s.%s is @NonCPS", var.getKey(), nonCps)
                        .filteredOn(name -> !name.equals("run") && !name.equals("main"))
                        .noneMatch(name -> body.matches("(?s).*\\b" + name + "\\s*\\(.*"));
                assertThat(STEPS_CALLED_IN_VARS).as("%s.%s is @NonCPS and calls no step", var.getKey(), nonCps)
                        .noneMatch(step -> body.matches("(?s).*\\b" + step + "\\s*\\(.*"));
            }
        }
    }

    private static boolean isNonCps(Method method) {
        return method.isAnnotationPresent(com.cloudbees.groovy.cps.NonCPS.class);
    }

    private static String read(String var) {
        try {
            return Files.readString(LIBRARY.root().resolve("vars").resolve(var + ".groovy"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> nonCpsMethods(String source) {
        return java.util.regex.Pattern.compile("@NonCPS[^\\n]*\\n\\s*\\w+\\s+(\\w+)\\(").matcher(source).results()
                .map(m -> m.group(1)).toList();
    }

    /** The method's text from its declaration (at the start of a line) to its closing brace. */
    private static String body(String source, String method) {
        java.util.regex.Matcher declaration = java.util.regex.Pattern
                .compile("(?m)^\\w+\\s+" + method + "\\(").matcher(source);
        assertThat(declaration.find()).as("the declaration of %s", method).isTrue();
        int start = declaration.start();
        int end = source.indexOf("\n}\n", start);
        return source.substring(source.indexOf('{', start), end);
    }
}
