package io.ctkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.ctkit.data.Dataset;
import io.ctkit.data.DatasetReader;
import io.ctkit.metrics.Evaluator;
import io.ctkit.metrics.Predictions;
import io.ctkit.model.Model;
import io.ctkit.project.PipelineFile;
import io.ctkit.project.ProjectData;
import io.ctkit.scoring.DatasetRows;
import io.ctkit.train.TrainStep;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarketingForecastDataTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "marketing-forecast", "ctkit.yaml");

    @TempDir
    Path tmp;

    private PipelineFile project(String name, String yamlEdit, String replacement) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("ctkit.yaml"), Files.readString(EXAMPLE).replace(yamlEdit, replacement));
        return PipelineFile.load(dir);
    }

    @Test
    void theSameSeedWritesTheSameFilesAndAnotherSeedOthers() throws Exception {
        PipelineFile a = project("a", "", "");
        PipelineFile b = project("b", "", "");
        PipelineFile c = project("c", "options: {seed: 7,", "options: {seed: 8,");
        ProjectData.ensure(a);
        ProjectData.ensure(b);
        ProjectData.ensure(c);

        String otherSeed = Files.readString(c.data().train());
        String sameSeed = Files.readString(a.data().train());
        Dataset train = DatasetReader.of(a.data().schema()).read(a.data().train());
        Dataset holdout = DatasetReader.of(a.data().schema()).read(a.data().holdout());
        assertSoftly(softly -> {
            for (String f : new String[] {"train.csv", "holdout.csv", "recent.csv"}) {
                softly.assertThat(b.projectDir().resolve("data/" + f)).as(f)
                        .hasSameBinaryContentAs(a.projectDir().resolve("data/" + f));
            }
            softly.assertThat(otherSeed).isNotEqualTo(sameSeed);
            softly.assertThat(train.rowCount()).isEqualTo(292 * 5);
            softly.assertThat(holdout.rowCount()).isEqualTo(73 * 5);
            softly.assertThat(holdout.time("date", 0)).isAfter(train.time("date", train.rowCount() - 1));
        });
    }

    @Test
    void theGeneratedFilesAreReadableByOtherUsers() throws Exception {
        PipelineFile p = project("p", "", "");
        ProjectData.ensure(p);

        for (Path f : new Path[] {p.data().train(), p.data().holdout(), p.data().train().resolveSibling("recent.csv")}) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                    .as(f.toString()).isEqualTo("rw-r--r--");
        }
        try (var left = Files.list(p.data().train().getParent())) {
            assertThat(left.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void existingFilesAreNotOverwritten() throws Exception {
        PipelineFile p = project("p", "", "");
        ProjectData.ensure(p);
        Files.delete(p.data().holdout());
        Files.writeString(p.data().train(), Files.readString(p.data().train()) + "\n");
        String edited = Files.readString(p.data().train());

        ProjectData.ensure(p);

        assertThat(Files.readString(p.data().train())).isEqualTo(edited);
        assertThat(Files.exists(p.data().holdout())).isTrue();
    }

    @Test
    void aModelTrainedOnTheHistoryDecaysOnTheDriftedDaysAndNotWithoutDrift() throws Exception {
        PipelineFile drifting = project("drifting", "epochs: 150", "epochs: 25");
        PipelineFile quiet = project("quiet", "drift_strength: 1.0}", "drift_strength: 0.0}");
        ProjectData.ensure(quiet);
        Model model = Model.load(TrainStep.of(drifting).run(tmp.resolve("out")).bundle());
        // drift only changes days from drift_start on: both projects have the same history
        assertThat(Files.readString(quiet.data().train())).isEqualTo(Files.readString(drifting.data().train()));

        double holdout = r2(model, drifting, drifting.data().holdout());
        double recentDrifted = r2(model, drifting, drifting.data().train().resolveSibling("recent.csv"));
        double recentQuiet = r2(model, quiet, quiet.data().train().resolveSibling("recent.csv"));

        assertThat(holdout).isGreaterThan(0.85);
        assertThat(recentDrifted).isLessThan(holdout - 0.3);
        assertThat(recentQuiet).isGreaterThan(recentDrifted + 0.3);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            options: {seed: 7,            | options: {seed: 7, colour: red, | data.generate.options.colour: unknown option of the marketing-forecast generator
            history_days: 365             | history_days: 3                 | data.generate.options.history_days: must be an integer of at least 14, got 3
            options: {seed: 7,            | options: {seed: lucky,          | data.generate.options.seed: must be an integer, got lucky
            generator: marketing-forecast | generator: weather              | data.generate.generator: unknown generator "weather"; built in: marketing-forecast
            """)
    void badOptionsNameTheOption(String from, String to, String message) throws Exception {
        PipelineFile project = project("p", from, to);

        assertThatThrownBy(() -> ProjectData.ensure(project)).hasMessageContaining(message);
    }

    private static double r2(Model model, PipelineFile p, Path file) throws Exception {
        Dataset d = DatasetReader.of(TrainStep.dataSchema(p)).read(file);
        var scored = model.predict(DatasetRows.of(d, model.definition().inputs()));
        return Evaluator.create().withoutBootstrap().evaluate(Predictions.regression(d.targets(), scored.values())).r2();
    }
}
