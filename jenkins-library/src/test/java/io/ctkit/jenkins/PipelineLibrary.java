package io.ctkit.jenkins;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.lang.Script;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ImportCustomizer;

/**
 * The shared library's vars and the root Jenkinsfile, compiled once by Groovy 2.4 (what Jenkins
 * runs) with {@link PipelineScript} as their base class. Each {@link #newBuild()} gets fresh script
 * instances, so builds share nothing but the compiled classes.
 */
final class PipelineLibrary {

    private final Path root;
    private final Map<String, Class<?>> vars;
    private final Class<?> jenkinsfile;

    private PipelineLibrary(Path root, Map<String, Class<?>> vars, Class<?> jenkinsfile) {
        this.root = root;
        this.vars = vars;
        this.jenkinsfile = jenkinsfile;
    }

    /** The library at the repository root (the build passes it as {@code ctkit.library.root}). */
    static PipelineLibrary repository() {
        String root = System.getProperty("ctkit.library.root");
        return load(root != null ? Path.of(root).normalize() : Path.of("..").toAbsolutePath().normalize());
    }

    static PipelineLibrary load(Path root) {
        try (GroovyClassLoader loader = new GroovyClassLoader(PipelineLibrary.class.getClassLoader(), compiler())) {
            Map<String, Class<?>> vars = new LinkedHashMap<>();
            for (Path var : varFiles(root)) {
                vars.put(var.getFileName().toString().replace(".groovy", ""),
                        loader.parseClass(new GroovyCodeSource(var.toFile(), "UTF-8")));
            }
            Class<?> jenkinsfile = loader.parseClass(Files.readString(root.resolve("Jenkinsfile")), "Jenkinsfile");
            return new PipelineLibrary(root, Map.copyOf(vars), jenkinsfile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compiler settings of every script: Jenkins' base class stand-in and its implicit import. */
    static CompilerConfiguration compiler() {
        CompilerConfiguration compiler = new CompilerConfiguration();
        compiler.setScriptBaseClass(PipelineScript.class.getName());
        compiler.addCompilationCustomizers(new ImportCustomizer().addImports("com.cloudbees.groovy.cps.NonCPS"));
        return compiler;
    }

    /** The library's {@code vars/*.groovy}, sorted. */
    static List<Path> varFiles(Path root) throws IOException {
        try (Stream<Path> list = Files.list(root.resolve("vars"))) {
            return list.filter(p -> p.toString().endsWith(".groovy")).sorted().collect(Collectors.toList());
        }
    }

    Path root() {
        return root;
    }

    Map<String, Class<?>> vars() {
        return vars;
    }

    Class<?> jenkinsfile() {
        return jenkinsfile;
    }

    /** A new build: every var bound under its name, Jenkins' steps stubbed. */
    PipelineHarness newBuild() {
        return new PipelineHarness(this);
    }

    static Script instantiate(Class<?> scriptClass) {
        try {
            return (Script) scriptClass.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + scriptClass, e);
        }
    }
}
