package io.ctkit.testrun;

import io.ctkit.config.ConfigNode;
import io.ctkit.project.PipelineFile;
import io.ctkit.project.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code test:} of ctkit.yaml: the project's own tests of the candidate model (e.g. a Maven build of
 * {@code @ModelQualityTest}s), run by the {@code test} stage between evaluate and gate.
 * <pre>{@code
 * test:
 *   command: [mvn, -B, -ntp, verify]     # a list of arguments, or one string run by sh -c
 *   directory: .                         # where it runs, relative to the project (default: the project)
 *   reports: [target/surefire-reports, target/failsafe-reports]   # JUnit XML, relative to directory
 *   timeout: 15m                         # s, m or h
 *   environment: {CTKIT_SERVING_MODE: auto}
 * }</pre>
 * Without the section the stage runs nothing and the gate has no tests check.
 *
 * @param command     the program and its arguments
 * @param directory   the working directory, absolute
 * @param reports     directories (or files) of JUnit XML reports, absolute
 * @param timeout     how long the command may run
 * @param environment extra environment variables
 */
public record TestSettings(List<String> command, Path directory, List<Path> reports, Duration timeout,
        Map<String, String> environment) {

    /** The section as {@link PipelineFile#section} takes it; empty when the file has no {@code test:}. */
    public static final Section<java.util.Optional<TestSettings>> SECTION = new TestSection();

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
    public static final List<String> DEFAULT_REPORTS = List.of("target/surefire-reports", "target/failsafe-reports");

    public TestSettings {
        command = List.copyOf(command);
        reports = List.copyOf(reports);
        environment = Map.copyOf(environment);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the test command is empty");
        }
    }

    /** Reads {@code test:}; installed through META-INF/services. */
    public static final class TestSection implements Section<java.util.Optional<TestSettings>> {
        private static final Set<String> KEYS = Set.of("command", "directory", "reports", "timeout", "environment");

        @Override
        public String key() {
            return "test";
        }

        @Override
        public java.util.Optional<TestSettings> read(ConfigNode node, PipelineFile project) {
            node.requireObject(KEYS);
            ConfigNode c = node.required("command");
            List<String> command = c.raw().isArray() ? c.strings() : List.of("sh", "-c", c.string());
            if (command.isEmpty() || command.get(0).isBlank()) {
                throw c.error("is empty; give the test command, e.g. [mvn, -B, -ntp, verify]");
            }
            Path base = project.projectDir().toAbsolutePath().normalize();
            Path directory = node.optional("directory").map(d -> base.resolve(d.string()).normalize()).orElse(base);
            if (!Files.isDirectory(directory)) {
                throw node.get("directory").error("no such directory: " + directory);
            }
            List<String> reportNames = node.optional("reports").map(r -> r.raw().isArray() ? r.strings()
                    : List.of(r.string())).orElse(DEFAULT_REPORTS);
            if (reportNames.isEmpty()) {
                throw node.get("reports").error("is empty; name where the command writes its JUnit XML reports");
            }
            List<Path> reports = reportNames.stream().map(r -> directory.resolve(r).normalize()).toList();
            Duration timeout = node.optional("timeout").map(ConfigNode::duration).orElse(DEFAULT_TIMEOUT);
            Map<String, String> environment = new LinkedHashMap<>();
            node.optional("environment").ifPresent(e -> {
                e.requireMap();
                for (String k : e.keys()) {
                    if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        throw e.error(k, "is not an environment variable name");
                    }
                    environment.put(k, e.get(k).string());
                }
            });
            return java.util.Optional.of(new TestSettings(command, directory, reports, timeout, environment));
        }

        @Override
        public java.util.Optional<TestSettings> absent(PipelineFile project) {
            return java.util.Optional.empty();
        }
    }
}
