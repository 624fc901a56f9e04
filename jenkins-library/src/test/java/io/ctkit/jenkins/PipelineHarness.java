package io.ctkit.jenkins;

import groovy.json.JsonSlurper;
import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.Script;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs the shared library's vars and the Jenkinsfile in Groovy 2.4 (the dialect Jenkins runs) with
 * Jenkins' steps stubbed, and records every step called, in order.
 *
 * <p>How each stubbed step behaves (everything else is Jenkins' "No such DSL method" error):
 * <ul>
 *   <li>{@code sh}: answers with the exit code of the first {@link #onSh} rule whose text occurs in
 *       the script (0 when none); the rule's stderr text is written to the file the script redirects
 *       stderr to ({@code 2>'file'}), and its files appear, as a command would write them. Without
 *       {@code returnStatus: true} a non-zero code fails the build, as in Jenkins.</li>
 *   <li>{@code error} fails the build (result FAILURE, the message kept); {@code unstable} makes the
 *       result UNSTABLE; {@code currentBuild.result} can only get worse, as in Jenkins.</li>
 *   <li>Steps with a body ({@code node}, {@code stage}, {@code dir}, {@code timeout},
 *       {@code docker.image(..).inside}) run it; {@code withEnv} runs it with {@code env} extended.</li>
 *   <li>{@code readFile}, {@code readJSON}, {@code fileExists} and {@code writeFile} use an
 *       in-memory file system; {@code libraryResource} reads the library's {@code resources/}.</li>
 *   <li>After {@link #inWorkspace}, {@code sh} really runs {@code /bin/sh -c script} there (with
 *       {@code env}, at most two minutes), and the file steps use that directory.</li>
 *   <li>{@code allure} exists only when {@link #withAllure} is true (the plugin is optional).</li>
 *   <li>The rest ({@code junit}, {@code archiveArtifacts}, {@code properties}, {@code checkout},
 *       {@code build}, {@code echo}, ...) are only recorded; {@code cron}, {@code choice}, ...
 *       return their arguments so that {@code properties} records them.</li>
 * </ul>
 */
final class PipelineHarness {

    /** One step call: its name, its arguments, and the environment it saw. */
    record Call(String step, List<Object> args, Map<String, String> env) {
        /** The script of an {@code sh}, the name of a {@code stage}, else the first argument. */
        String text() {
            Object first = args.isEmpty() ? "" : args.get(0);
            if (step.equals("sh") && first instanceof Map<?, ?> map) {
                return String.valueOf(map.get("script"));
            }
            return String.valueOf(first);
        }

        @Override
        public String toString() {
            return step + " " + text();
        }
    }

    /** The build failed through {@code error} (or a failing {@code sh}): Jenkins' AbortException. */
    static final class BuildFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BuildFailed(String message) {
            super(message);
        }
    }

    /** A Binding that knows its harness, for {@link PipelineScript}. */
    static final class PipelineBinding extends Binding {
        private final PipelineHarness harness;

        PipelineBinding(PipelineHarness harness) {
            this.harness = harness;
        }

        PipelineHarness harness() {
            return harness;
        }
    }

    private record ShRule(String fragment, int status, String stderr, Map<String, String> files) {
    }

    private static final Pattern STDERR_FILE = Pattern.compile("2>'([^']+)'");
    private static final Set<String> RECORDED_ONLY = Set.of("junit", "archiveArtifacts", "properties",
            "checkout", "build", "echo", "library", "deleteDir", "legacySCM");
    private static final Set<String> RETURNING_ARGS = Set.of("cron", "choice", "string", "booleanParam",
            "parameters", "pipelineTriggers");
    private static final List<String> RESULTS = List.of("SUCCESS", "UNSTABLE", "FAILURE");

    private final PipelineLibrary library;
    private final PipelineBinding binding = new PipelineBinding(this);
    private final List<Call> calls = new ArrayList<>();
    private final List<ShRule> shRules = new ArrayList<>();
    private final Map<String, String> files = new LinkedHashMap<>();
    private final Map<String, Object> env = new LinkedHashMap<>();
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final Set<String> causes = new java.util.HashSet<>();
    private final Map<String, Object> currentBuild = new LinkedHashMap<>();
    private boolean allure = true;
    private Path workspace;
    private final StringBuilder shOutput = new StringBuilder();
    private String failure;

    /** A build of the library: every var bound under its name, as Jenkins binds a library's vars. */
    PipelineHarness(PipelineLibrary library) {
        this.library = library;
        env.put("BUILD_NUMBER", "7");
        env.put("WORKSPACE", "/workspace");
        currentBuild.put("result", null);
        binding.setVariable("env", env);
        binding.setVariable("params", params);
        binding.setVariable("scm", "scm");
        binding.setVariable("currentBuild", new CurrentBuild());
        binding.setVariable("docker", new Docker());
        library.vars().forEach((name, scriptClass) -> {
            Script var = PipelineLibrary.instantiate(scriptClass);
            var.setBinding(binding);
            binding.setVariable(name, var);
        });
    }

    /** Calls {@code name(config)} as a Jenkinsfile would; returns what it returned (null when the build failed). */
    Object callVar(String name, Map<String, Object> config) {
        Script var = (Script) binding.getVariable(name);
        return runBuild(() -> var.invokeMethod("call", new Object[] {config}));
    }

    /** Runs the library's root Jenkinsfile as the job's script. */
    void runJenkinsfile() {
        Script jenkinsfile = PipelineLibrary.instantiate(library.jenkinsfile());
        jenkinsfile.setBinding(binding);
        runBuild(jenkinsfile::run);
    }

    /** sh answers scripts containing {@code fragment} with this exit code, stderr text and files written. */
    PipelineHarness onSh(String fragment, int status, String stderr, Map<String, String> written) {
        shRules.add(new ShRule(fragment, status, stderr, written));
        return this;
    }

    PipelineHarness file(String path, String content) {
        files.put(path, content);
        return this;
    }

    PipelineHarness param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    /** The build was started by this cause class (e.g. the timer's). */
    PipelineHarness cause(String causeClass) {
        causes.add(causeClass);
        return this;
    }

    /** sh runs for real in this directory; the file steps read and write there. */
    PipelineHarness inWorkspace(Path directory) {
        workspace = directory;
        return this;
    }

    /** What the real sh commands printed (stdout and stderr). */
    String shOutput() {
        return shOutput.toString();
    }

    PipelineHarness withAllure(boolean installed) {
        allure = installed;
        return this;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls of one step, in order. */
    List<Call> calls(String step) {
        return calls.stream().filter(c -> c.step().equals(step)).collect(Collectors.toList());
    }

    /** "step text" for every call but the bookkeeping ones, for asserting sequences. */
    List<String> trace() {
        return calls.stream().map(Call::toString).collect(Collectors.toList());
    }

    /** SUCCESS, UNSTABLE or FAILURE, as Jenkins would show the build. */
    String result() {
        Object result = currentBuild.get("result");
        return result == null ? "SUCCESS" : result.toString();
    }

    /** The message the build failed with, or null. */
    String failure() {
        return failure;
    }

    private Object runBuild(java.util.function.Supplier<Object> build) {
        try {
            return build.get();
        } catch (BuildFailed e) {
            failure = e.getMessage();
            worsen("FAILURE");
            return null;
        }
    }

    /** Every Jenkins step a script calls, through {@link PipelineScript#methodMissing}. */
    Object step(String name, Object[] args) {
        List<Object> arguments = Arrays.asList(args);
        boolean known = RECORDED_ONLY.contains(name) || RETURNING_ARGS.contains(name)
                || (name.equals("allure") && allure)
                || Set.of("sh", "error", "unstable", "node", "stage", "dir", "timeout", "withEnv", "readFile",
                        "readJSON", "fileExists", "writeFile", "libraryResource").contains(name);
        if (!known) {
            // What Jenkins throws for a step that no installed plugin provides.
            throw new NoSuchMethodError("No such DSL method '" + name + "' found among steps");
        }
        calls.add(new Call(name, arguments, environment()));
        Object last = args.length == 0 ? null : args[args.length - 1];
        Map<?, ?> named = args.length > 0 && args[0] instanceof Map<?, ?> m ? m : Map.of();
        switch (name) {
            case "sh":
                return sh(args[0] instanceof Map ? named : Map.of("script", args[0]));
            case "error":
                throw new BuildFailed(String.valueOf(args[0]));
            case "unstable":
                worsen("UNSTABLE");
                return null;
            case "withEnv":
                return withEnv((List<?>) args[0], (Closure<?>) last);
            case "node": case "stage": case "dir": case "timeout":
                return ((Closure<?>) last).call();
            case "readFile":
                return read(String.valueOf(args[0] instanceof Map ? named.get("file") : args[0]));
            case "readJSON":
                return new JsonSlurper().parseText(named.containsKey("text")
                        ? String.valueOf(named.get("text")) : read(String.valueOf(named.get("file"))));
            case "fileExists":
                return workspace != null ? Files.exists(workspace.resolve(String.valueOf(args[0])))
                        : files.containsKey(String.valueOf(args[0]));
            case "writeFile":
                write(String.valueOf(named.get("file")), String.valueOf(named.get("text")));
                return null;
            case "libraryResource":
                return readResource(String.valueOf(args[0]));
            default:
                return RETURNING_ARGS.contains(name) ? (args.length == 1 ? args[0] : arguments) : null;
        }
    }

    private Object sh(Map<?, ?> named) {
        String script = String.valueOf(named.get("script"));
        if (workspace != null) {
            return exitCode(named, runForReal(script));
        }
        ShRule rule = shRules.stream().filter(r -> script.contains(r.fragment())).findFirst()
                .orElse(new ShRule("", 0, "", Map.of()));
        Matcher redirect = STDERR_FILE.matcher(script);
        if (redirect.find()) {
            files.put(redirect.group(1), rule.stderr());
        }
        files.putAll(rule.files());
        return exitCode(named, rule.status());
    }

    private static Object exitCode(Map<?, ?> named, int status) {
        if (Boolean.TRUE.equals(named.get("returnStatus"))) {
            return status;
        }
        if (status != 0) {
            throw new BuildFailed("script returned exit code " + status);
        }
        return null;
    }

    private int runForReal(String script) {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", script).directory(workspace.toFile())
                .redirectErrorStream(true);
        env.forEach((k, v) -> builder.environment().put(k, String.valueOf(v)));
        try {
            Path log = Files.createTempFile(workspace, ".sh-", ".log");
            Process process = builder.redirectOutput(log.toFile()).start();
            boolean done = process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES);
            if (!done) {
                process.destroyForcibly();
                throw new IllegalStateException("sh did not finish within 2 minutes: " + script);
            }
            shOutput.append(Files.readString(log));
            Files.delete(log);
            return process.exitValue();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void write(String path, String content) {
        if (workspace == null) {
            files.put(path, content);
            return;
        }
        try {
            Files.writeString(workspace.resolve(path), content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Object withEnv(List<?> entries, Closure<?> body) {
        Map<String, Object> saved = new LinkedHashMap<>(env);
        for (Object entry : entries) {
            String[] pair = String.valueOf(entry).split("=", 2);
            env.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        try {
            return body.call();
        } finally {
            env.clear();
            env.putAll(saved);
        }
    }

    private String read(String path) {
        if (workspace != null) {
            try {
                return Files.readString(workspace.resolve(path));
            } catch (IOException e) {
                throw new BuildFailed("java.nio.file.NoSuchFileException: " + path);
            }
        }
        String content = files.get(path);
        if (content == null) {
            throw new BuildFailed("java.nio.file.NoSuchFileException: " + path);
        }
        return content;
    }

    private String readResource(String path) {
        try {
            return Files.readString(library.root().resolve("resources").resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BuildFailed("No such library resource " + path + " could be found.");
        }
    }

    private Map<String, String> environment() {
        Map<String, String> copy = new LinkedHashMap<>();
        env.forEach((k, v) -> copy.put(k, String.valueOf(v)));
        return copy;
    }

    private void worsen(String result) {
        if (RESULTS.indexOf(result) > RESULTS.indexOf(result())) {
            currentBuild.put("result", result);
        }
    }

    /** {@code currentBuild}: its result only gets worse; build causes as configured. */
    public final class CurrentBuild {
        public String getResult() {
            return result();
        }

        public void setResult(String result) {
            worsen(result);
        }

        public Object getDescription() {
            return currentBuild.get("description");
        }

        public void setDescription(Object description) {
            currentBuild.put("description", description);
        }

        public List<Map<String, String>> getBuildCauses(String causeClass) {
            return causes.contains(causeClass) ? List.of(Map.of("_class", causeClass)) : List.of();
        }
    }

    /** {@code docker}: {@code docker.image(name).inside(args) { ... }} records and runs the body. */
    public final class Docker {
        public Image image(String name) {
            return new Image(name);
        }
    }

    /** One image of {@link Docker}. */
    public final class Image {
        private final String name;

        Image(String name) {
            this.name = name;
        }

        public Object inside(String args, Closure<?> body) {
            calls.add(new Call("docker.image.inside", List.of(name, args), environment()));
            return body.call();
        }

        public Object inside(Closure<?> body) {
            return inside("", body);
        }
    }
}
