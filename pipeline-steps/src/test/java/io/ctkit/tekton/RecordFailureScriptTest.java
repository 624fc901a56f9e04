package io.ctkit.tekton;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctkit.cli.DeployFixture;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.Registration;
import io.ctkit.registry.RegistryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pipeline's {@code finally} script, run by /bin/sh as Tekton runs it (its
 * {@code $(context.pipelineRun.name)} substituted, its env set), with a PATH of only the
 * utilities the CLI image has (the list in docker/cli-base/build.sh) and a {@code ctkit} that
 * runs this build's CLI: it tags the model of a failed run, succeeds with a message when the run
 * failed before anything was registered, and fails when the registry cannot be read.
 */
class RecordFailureScriptTest {

    @TempDir
    Path tmp;
    private Path bin;

    @BeforeEach
    void theImagesUtilitiesAndCtkitOnThePath() throws IOException {
        bin = ImageUtilities.linkInto(tmp.resolve("bin"));
        Path ctkit = bin.resolve("ctkit");
        Files.writeString(ctkit, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -cp '" + System.getProperty("java.class.path") + "' io.ctkit.cli.Ctkit \"$@\"\n");
        assertThat(ctkit.toFile().setExecutable(true)).isTrue();
    }

    @Test
    void aFailedRunTagsItsModelWithTheRunTriggerAndRequest() throws Exception {
        Path registry = tmp.resolve("registry");
        try (ModelRegistry r = ModelRegistry.open(RegistryConfig.embedded(registry))) {
            r.register(Registration.of("fc", DeployFixture.bundle(tmp.resolve("bundle"), 2)));
        }

        ScriptRun run = run(registry);

        assertThat(run.exitCode()).as(run.output()).isZero();
        try (ModelRegistry r = ModelRegistry.open(RegistryConfig.embedded(registry))) {
            assertThat(r.model("fc").tags()).containsEntry("last-failed-run", "ct-run-7")
                    .containsEntry("last-failed-trigger", "schedule").containsEntry("last-failed-request", "req-3");
        }
    }

    @Test
    void aFirstRunThatFailedBeforeAnyRegistryExistsSucceedsAndSaysSo() throws Exception {
        Path registry = tmp.resolve("registry");

        ScriptRun run = run(registry);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("no registry at " + registry
                + " yet (the run failed before registering a model): nothing to tag");
        assertThat(registry).doesNotExist();
    }

    @Test
    void aRunThatFailedBeforeItsModelWasRegisteredSucceedsAndSaysSo() throws Exception {
        Path registry = tmp.resolve("registry");
        try (ModelRegistry r = ModelRegistry.open(RegistryConfig.embedded(registry))) {
            r.register(Registration.of("other", DeployFixture.bundle(tmp.resolve("bundle"), 2)));
        }

        ScriptRun run = run(registry);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("no model \"fc\" in the registry yet (the run failed before registering one):"
                + " nothing to tag");
        try (ModelRegistry r = ModelRegistry.open(RegistryConfig.embedded(registry))) {
            assertThat(r.models()).extracting(m -> m.name()).containsExactly("other");
            assertThat(r.model("other").tags()).isEmpty();
        }
    }

    @Test
    void aRegistryThatCannotBeReadFailsTheTask() throws Exception {
        Path registry = Files.createDirectories(tmp.resolve("registry"));
        Files.writeString(registry.resolve("registry.db"), "not a database\n");

        ScriptRun run = run(registry);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("not an SQLite database").doesNotContain("nothing to tag");
        assertThat(Files.readString(registry.resolve("registry.db"))).isEqualTo("not a database\n");
    }

    private ScriptRun run(Path registry) throws Exception {
        String script = CatalogTasks.script("record-failure").replace("$(context.pipelineRun.name)", "ct-run-7");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", script).directory(tmp.toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", bin.toString());
        env.put("MODEL", "fc");
        env.put("TRIGGER", "schedule");
        env.put("REQUEST_ID", "req-3");
        env.put("CTKIT_REGISTRY", registry.toString());
        return ScriptRun.of(pb, tmp.resolve("script.log"), 120);
    }

}
