package io.ctkit.run;

import io.ctkit.junit.TestOutcome;
import io.ctkit.project.PipelineFile;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.testrun.TestSettings;
import io.ctkit.testrun.TestStep;
import io.ctkit.train.TrainStep;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code test} stage, between evaluate and gate: {@link TestStep} runs the project's own tests
 * ({@code test:} in ctkit.yaml) on the trained bundle, with {@code CTKIT_MODEL} and the run's
 * registry passed on. The gate then judges their results by its {@code tests} rule, and the
 * register stage keeps the JUnit XML as the version's test evidence. Without a {@code test:}
 * section the stage runs nothing.
 *
 * <p>The stage itself fails only when the command broke without a failing test to show for it
 * (it exited non-zero though every test passed); failing tests are the gate's to judge.
 */
public final class TestStage implements Stage<TestStep.Result> {

    @Override
    public String name() {
        return "test";
    }

    @Override
    public StageResult<TestStep.Result> run(RunContext context) throws Exception {
        PipelineFile project = context.project();
        Optional<TestSettings> settings = project.section(TestSettings.SECTION);
        if (settings.isEmpty()) {
            context.out().println("no test: section in " + project.file().getFileName() + "; no model tests to run");
            return StageResult.passed("no tests configured", null, Map.of(), null);
        }
        TestSettings s = settings.get();
        TrainStep.Result trained = context.require(TrainStage.class);
        RegistryConfig registry = RegistryConfig.fromEnvironment(project.projectDir());
        context.out().println("$ " + String.join(" ", s.command()) + "   (in " + project.projectDir().toAbsolutePath()
                .normalize().relativize(s.directory()) + ", CTKIT_MODEL=" + trained.bundle() + ")");
        context.out().flush();
        TestStep.Result r = TestStep.run(TestStep.Request.of(s, trained.bundle()).withRegistry(registry),
                context.stageDir(), context.out());
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("log", r.log());
        files.put("junit", context.stageDir().resolve("junit"));
        var problems = r.results().problems();
        for (var p : problems) {
            context.out().println((p.status() == TestOutcome.Status.ERROR ? "ERROR " : "FAILED ") + p.displayName() + ": "
                    + p.message());
        }
        String summary = r.results().summary() + (problems.isEmpty() ? "" : " (the gate judges them)");
        if (r.exitCode() != 0 && problems.isEmpty()) {
            return StageResult.failed("the test command exited " + r.exitCode() + " though no test failed; see "
                    + r.log(), r, files, null);
        }
        return StageResult.passed(summary, r, files, null);
    }
}
