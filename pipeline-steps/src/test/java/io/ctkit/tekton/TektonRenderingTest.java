package io.ctkit.tekton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.ctkit.project.PipelineFile;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.triggers.v1beta1.EventListener;
import io.fabric8.tekton.triggers.v1beta1.TriggerBinding;
import io.fabric8.tekton.triggers.v1beta1.TriggerTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TektonResources}: tekton/ is its output for the example, and another project's output is sound. */
class TektonRenderingTest {
    static final Path ROOT = Path.of("..");
    static final String REGENERATE = "bin/ctkit tekton --project examples/marketing-forecast";

    @TempDir
    Path tmp;

    @Test
    void renderingTheMarketingForecastExampleGivesTheCheckedInTektonFilesByteForByte() throws IOException {
        PipelineFile project = PipelineFile.load(ROOT.resolve("examples/marketing-forecast"));
        Map<Path, String> rendered = TektonResources.render(project, TektonOptions.of(project)).files();

        for (Map.Entry<Path, String> e : rendered.entrySet()) {
            Path file = ROOT.resolve("tekton").resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                fail("tekton/%s is missing; render the resources again from the repository's root: %s",
                        e.getKey(), REGENERATE);
            }
            String checkedIn = Files.readString(file, StandardCharsets.UTF_8);
            if (!checkedIn.equals(e.getValue())) {
                fail("tekton/%s differs from what ctkit tekton renders, first at %s%nRender the resources again from"
                        + " the repository's root: %s", e.getKey(), firstDifference(checkedIn, e.getValue()), REGENERATE);
            }
        }
        List<Path> extra;
        try (Stream<Path> files = Files.walk(ROOT.resolve("tekton"))) {
            extra = files.filter(Files::isRegularFile).map(ROOT.resolve("tekton")::relativize)
                    .filter(p -> !rendered.containsKey(p) && !handWritten(p)).sorted().toList();
        }
        assertThat(extra).as("files under tekton/ that ctkit tekton does not render (stale? remove them, or render"
                + " them from the renderer)").isEmpty();
    }

    @Test
    void aSecondProjectsResourcesCarryItsSettingsLintCleanAndParseBackIntoTheSameObjects() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("receipts"));
        Files.writeString(dir.resolve("ctkit.yaml"), Files.readString(ROOT.resolve(
                "examples/receipt-classifier/ctkit.yaml")) + """
                retrain:
                  schedule: "15 2 * * 1"
                  tekton: {pipeline: receipts-ct, image: "registry.example.com/ctkit/cli:1.2.3", service_account: ml-bot}
                """);
        PipelineFile project = PipelineFile.load(dir);
        TektonOptions options = TektonOptions.of(project).withImageRegistry("registry.example.com:5000/ml")
                .withProjectDir("models/receipts");
        TektonResources resources = TektonResources.render(project, options);
        Path out = tmp.resolve("out");

        List<Path> written = resources.writeTo(out);

        assertThat(written).hasSize(resources.files().size());
        List<Task> tasks = new ArrayList<>();
        for (String step : TektonResourcesTest.STEPS) {
            tasks.add(read(out, "task/ctkit-" + step + "/0.1/ctkit-" + step + ".yaml", Task.class));
            assertThat(out.resolve("task/ctkit-" + step + "/0.1/README.md")).content().contains("# ctkit-" + step);
        }
        Pipeline pipeline = read(out, "pipeline/receipts-ct/0.1/receipts-ct.yaml", Pipeline.class);
        String triggers = "triggers/receipts-ct/0.1/";
        TriggerTemplate template = read(out, triggers + "triggertemplate.yaml", TriggerTemplate.class);
        List<TriggerBinding> bindings = Stream.of("code-push", "new-data", "retrain")
                .map(b -> read(out, triggers + "triggerbinding-" + b + ".yaml", TriggerBinding.class)).toList();
        EventListener listener = read(out, triggers + "eventlistener.yaml", EventListener.class);
        CronJob cron = read(out, triggers + "cronjob.yaml", CronJob.class);

        List<HasMetadata> parsed = new ArrayList<>(tasks);
        parsed.add(pipeline);
        parsed.add(listener);
        parsed.addAll(bindings);
        parsed.add(template);
        parsed.add(cron);
        assertThat(parsed.stream().map(TektonRenderingTest::json).toList())
                .as("what was written parses back into the objects rendered")
                .containsExactlyElementsOf(resources.resources().stream().map(TektonRenderingTest::json).toList());
        assertThat(new TektonLint(tasks).check(List.of(pipeline))).isEmpty();
        assertThat(TektonLint.checkTriggers(template, bindings, listener)).isEmpty();

        assertThat(tasks).allSatisfy(t -> {
            if (t.getMetadata().getName().equals("ctkit-test")) {
                // the user's build tool: the image is a param, the CLI image by default
                assertThat(t.getSpec().getSteps().get(0).getImage()).isEqualTo("$(params.image)");
                assertThat(t.getSpec().getParams()).filteredOn(p -> p.getName().equals("image"))
                        .singleElement().extracting(p -> p.getDefault().getStringVal())
                        .isEqualTo("registry.example.com/ctkit/cli:1.2.3");
            } else {
                assertThat(t.getSpec().getSteps().get(0).getImage()).isEqualTo("registry.example.com/ctkit/cli:1.2.3");
            }
        });
        assertThat(pipeline.getSpec().getParams()).extracting(ParamSpec::getName, p -> p.getDefault().getStringVal())
                .contains(org.assertj.core.groups.Tuple.tuple("model", "receipt-classifier"),
                        org.assertj.core.groups.Tuple.tuple("label", "category"),
                        org.assertj.core.groups.Tuple.tuple("project-dir", "models/receipts"),
                        org.assertj.core.groups.Tuple.tuple("image",
                                "registry.example.com:5000/ml/receipt-classifier"),
                        org.assertj.core.groups.Tuple.tuple("test-image", "registry.example.com/ctkit/cli:1.2.3"));
        assertThat(pipeline.getSpec().getFinally().get(0).getTaskSpec().getSteps().get(0).getImage())
                .isEqualTo("registry.example.com/ctkit/cli:1.2.3");
        PipelineRun run = Serialization.unmarshal(Serialization.asJson(template.getSpec().getResourcetemplates()
                .get(0)), PipelineRun.class);
        assertThat(run.getSpec().getPipelineRef().getName()).isEqualTo("receipts-ct");
        assertThat(run.getSpec().getTaskRunTemplate().getServiceAccountName()).isEqualTo("ml-bot");
        assertThat(listener.getSpec().getTriggers()).allSatisfy(t -> assertThat(t.getTemplate().getRef())
                .isEqualTo("receipts-ct"));
        assertThat(cron.getMetadata().getName()).isEqualTo("receipts-ct-schedule");
        assertThat(cron.getSpec().getSchedule()).isEqualTo("15 2 * * 1");
        assertThat(cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactly("MODEL=receipt-classifier", "LISTENER=http://el-receipts-ct:8080");
        assertThat(resources.files().values()).allSatisfy(text -> assertThat(text).endsWith("\n")
                .doesNotEndWith("\n\n").doesNotContain(": null", "{}", "[]"));
    }

    @Test
    void writingAgainRewritesOnlyChangedFilesAndLeavesOtherFilesAlone() throws IOException {
        PipelineFile project = PipelineFile.load(ROOT.resolve("examples/marketing-forecast"));
        TektonResources resources = TektonResources.render(project, TektonOptions.of(project));
        resources.writeTo(tmp);
        Path sample = Files.writeString(tmp.resolve("task/ctkit-train/0.1/samples-run.yaml"), "kind: PipelineRun\n");
        Path edited = tmp.resolve("task/ctkit-gate/0.1/ctkit-gate.yaml");
        Files.writeString(edited, "# edited by hand\n", java.nio.file.StandardOpenOption.APPEND);

        List<Path> written = resources.writeTo(tmp);

        assertThat(written).containsExactly(edited);
        assertThat(edited).content().isEqualTo(resources.files().get(Path.of("task/ctkit-gate/0.1/ctkit-gate.yaml")));
        assertThat(sample).content().isEqualTo("kind: PipelineRun\n");
    }

    @Test
    void badOptionsAreRefusedNamingTheValueAndTheExpectedForm() throws IOException {
        PipelineFile project = PipelineFile.load(ROOT.resolve("examples/marketing-forecast"));
        TektonOptions options = TektonOptions.of(project);

        assertThat(options).isEqualTo(new TektonOptions("ctkit-ct", "ctkit/cli:" + TektonOptions.ctkitVersion(),
                null, "0 3 * * *", ".", null));
        assertThat(TektonOptions.ctkitVersion()).doesNotContain("${").isNotBlank();
        Map<String, Runnable> bad = Map.of(
                "pipeline name \"Ctkit_CT\" is not a Kubernetes name", () -> options.withPipeline("Ctkit_CT"),
                "image \"ctkit/cli 1\" is not an image reference", () -> options.withImage("ctkit/cli 1"),
                "image registry \"https://registry.example.com/\" is not a registry",
                () -> options.withImageRegistry("https://registry.example.com/"),
                "schedule \"0 3 * *\" is not a cron expression of five fields", () -> options.withSchedule("0 3 * *"),
                "project directory \"../other\" is not a relative path inside the source workspace",
                () -> options.withProjectDir("../other"));
        for (Map.Entry<String, Runnable> e : bad.entrySet()) {
            try {
                e.getValue().run();
                fail("accepted: " + e.getKey());
            } catch (IllegalArgumentException ex) {
                assertThat(ex.getMessage()).startsWith(e.getKey()).contains("e.g.");
            }
        }
    }

    /** Beside the rendered samples/run.yaml, a catalog Task's samples/ and tests/ may hold files written by hand. */
    private static boolean handWritten(Path file) {
        for (Path part : file) {
            if (part.toString().equals("samples") || part.toString().equals("tests")) {
                return true;
            }
        }
        return false;
    }

    private static com.fasterxml.jackson.databind.JsonNode json(Object resource) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(Serialization.asJson(resource));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static <T> T read(Path dir, String file, Class<T> type) {
        try {
            return Serialization.unmarshal(Files.readString(dir.resolve(file)), type);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** "line N: expected ... but was ..." for the first line where the two texts differ. */
    static String firstDifference(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "(end of file)";
            String y = i < b.length ? b[i] : "(end of file)";
            if (!x.equals(y)) {
                return "line " + (i + 1) + ":\n  checked in: " + x + "\n  rendered:   " + y;
            }
        }
        return "the end of the file";
    }
}
