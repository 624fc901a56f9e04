package io.ctkit.testrun;

import io.ctkit.files.AtomicFiles;
import io.ctkit.junit.JUnitResults;
import io.ctkit.junit.TestOutcome;
import io.ctkit.registry.RegistryConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@code test} step: runs a project's own tests of a candidate model (for example a Maven build
 * of {@code @ModelQualityTest}s written with the ctkit test kit) and reads their JUnit XML.
 *
 * <p>The command runs with {@code CTKIT_MODEL} set to the candidate bundle and {@code CTKIT_REGISTRY}
 * (and {@code CTKIT_REGISTRY_BLOBS}) to the registry, so the tests judge this model against this
 * registry's champion. Its output goes to a log file and, line by line, to the progress writer. The
 * JUnit XML reports it wrote during this run (older files in the report directories are left out)
 * are copied under the output directory, where they become the version's test evidence.
 *
 * <pre>{@code
 * TestStep.Result r = TestStep.run(TestStep.Request.of(List.of("mvn", "-B", "verify"), projectDir, bundle)
 *         .withRegistry(RegistryConfig.embedded(registryDir)), outDir, progress);
 * if (!r.results().passed()) { ... r.results().problems() ... }
 * }</pre>
 */
public final class TestStep {

    private TestStep() {
    }

    /**
     * What to run.
     *
     * @param command     program and arguments
     * @param directory   working directory
     * @param reports     JUnit XML report directories or files, read after the command ends
     * @param timeout     how long the command may run before it is stopped
     * @param environment extra environment
     * @param model       the candidate bundle, passed as {@code CTKIT_MODEL}
     * @param registry    the registry passed on, or null to pass none
     */
    public record Request(List<String> command, Path directory, List<Path> reports, Duration timeout,
            Map<String, String> environment, Path model, RegistryConfig registry) {
        public Request {
            command = List.copyOf(command);
            reports = List.copyOf(reports);
            environment = Map.copyOf(environment);
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(model, "model");
            if (command.isEmpty()) {
                throw new IllegalArgumentException("the test command is empty");
            }
        }

        /** A command in a directory on a bundle, Surefire's and Failsafe's report directories, 15 minutes. */
        public static Request of(List<String> command, Path directory, Path model) {
            return new Request(command, directory, TestSettings.DEFAULT_REPORTS.stream().map(directory::resolve).toList(),
                    TestSettings.DEFAULT_TIMEOUT, Map.of(), model, null);
        }

        /** The request ctkit.yaml's {@code test:} describes. */
        public static Request of(TestSettings settings, Path model) {
            return new Request(settings.command(), settings.directory(), settings.reports(), settings.timeout(),
                    settings.environment(), model, null);
        }

        public Request withRegistry(RegistryConfig config) {
            return new Request(command, directory, reports, timeout, environment, model, config);
        }

        public Request withReports(List<Path> where) {
            return new Request(command, directory, where, timeout, environment, model, registry);
        }

        public Request withTimeout(Duration t) {
            return new Request(command, directory, reports, t, environment, model, registry);
        }
    }

    /**
     * What the tests said.
     *
     * @param exitCode  the command's exit code
     * @param results   the test cases of the reports written by this run (copies under {@code junit/})
     * @param log       the command's output
     * @param duration  how long it ran
     */
    public record Result(int exitCode, JUnitResults results, Path log, Duration duration) {
        /** The command succeeded and every test that ran passed. */
        public boolean passed() {
            return exitCode == 0 && results.passed();
        }
    }

    /**
     * Runs the command and reads its reports.
     *
     * @param out      where {@code test.log} and {@code junit/} are written
     * @param progress receives the command's output line by line, or null
     * @throws IOException when the command cannot be started, runs past its timeout (it is stopped,
     *     with its child processes), or ends without writing any JUnit XML report; the message says
     *     which and where to look
     */
    public static Result run(Request request, Path out, PrintWriter progress) throws IOException {
        Files.createDirectories(out);
        Path log = out.resolve("test.log");
        ProcessBuilder pb = new ProcessBuilder(request.command()).directory(request.directory().toFile())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.putAll(request.environment());
        env.put("CTKIT_MODEL", request.model().toAbsolutePath().normalize().toString());
        if (request.registry() != null) {
            env.putAll(request.registry().environment());
        }
        // Report files older than this are a previous build's: never count them for this model.
        Instant started = Instant.now().minusSeconds(2);
        long t0 = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IOException("test.command: cannot run " + String.join(" ", request.command()) + " in "
                    + request.directory() + ": " + e.getMessage(), e);
        }
        Thread pump = pump(process, log, progress);
        boolean finished;
        try {
            finished = process.waitFor(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                stop(process);
            }
            pump.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the tests ran", e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        if (!finished) {
            throw new IOException("the test command did not finish within " + request.timeout().toSeconds()
                    + " s and was stopped (test.timeout); its output: " + log);
        }
        int exit = process.exitValue();
        List<Path> fresh = freshReports(request.reports(), started);
        if (fresh.isEmpty()) {
            throw new IOException("the test command exited " + exit + " and wrote no JUnit XML report under "
                    + request.reports().stream().map(Path::toString).reduce((a, b) -> a + " or " + b).orElse("")
                    + (exit == 0 ? "; set test.reports to where it writes them" : "; its output: " + log));
        }
        Path junit = out.resolve("junit");
        Files.createDirectories(junit);
        List<Path> copies = new ArrayList<>();
        List<TestOutcome> cases = new ArrayList<>();
        Map<String, Integer> names = new LinkedHashMap<>();
        for (Path f : fresh) {
            String name = f.getFileName().toString();
            int seen = names.merge(name, 1, Integer::sum);
            Path copy = junit.resolve(seen == 1 ? name : name.replaceFirst("\\.xml$", "-" + seen + ".xml"));
            byte[] report = Files.readAllBytes(f);
            AtomicFiles.write(copy, report);
            cases.addAll(JUnitResults.parse(report, copy.toString()));
            copies.add(copy);
        }
        return new Result(exit, new JUnitResults(cases, copies), log, took);
    }

    private static List<Path> freshReports(List<Path> where, Instant since) throws IOException {
        List<Path> found = new ArrayList<>();
        FileTime after = FileTime.from(since);
        for (Path p : where) {
            if (Files.isRegularFile(p)) {
                if (Files.getLastModifiedTime(p).compareTo(after) >= 0) {
                    found.add(p);
                }
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    for (Path f : s.sorted().toList()) {
                        if (f.getFileName().toString().endsWith(".xml") && Files.isRegularFile(f)
                                && Files.getLastModifiedTime(f).compareTo(after) >= 0) {
                            found.add(f);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static Thread pump(Process process, Path log, PrintWriter progress) throws IOException {
        Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        Thread t = new Thread(() -> {
            try (file; BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    file.write(line);
                    file.write('\n');
                    if (progress != null) {
                        progress.println(line);
                        progress.flush();
                    }
                }
            } catch (IOException e) {
                // the process was stopped; what was read is in the log
            }
        }, "ctkit-test-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Stops the command and its children (a build forks test JVMs), forcibly after 10 s. */
    private static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            children.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
