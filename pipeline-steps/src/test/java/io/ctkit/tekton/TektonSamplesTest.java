package io.ctkit.tekton;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctkit.project.PipelineFile;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.tekton.client.TektonClient;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog's samples/: a run per Task and one of the Pipeline, each runnable as written. */
@EnableKubernetesMockClient(crud = true)
class TektonSamplesTest {
    static KubernetesClient client;

    @TempDir
    Path tmp;

    /** Every sample under {@code dir}, by its path relative to {@code dir}'s parent, as a typed run. */
    static Map<String, HasMetadata> samples(Path dir) throws IOException {
        Map<String, HasMetadata> samples = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(p -> p.getParent().getFileName().toString().equals("samples")).sorted()
                    .toList()) {
                String text = Files.readString(file);
                Class<? extends HasMetadata> type = text.contains("\nkind: TaskRun\n") ? TaskRun.class
                        : PipelineRun.class;
                HasMetadata run = Serialization.unmarshal(text, type);
                assertThat(run.getKind()).as(file.toString()).isIn("TaskRun", "PipelineRun");
                samples.put(dir.getFileName().resolve(dir.relativize(file)).toString(), run);
            }
        }
        return samples;
    }

    @Test
    void everyTaskAndThePipelineHaveASampleThatSetsOnlyDeclaredParamsAndBindsEverythingRequired() throws IOException {
        Map<String, HasMetadata> samples = samples(TektonResourcesTest.TEKTON);
        SampleLint lint = new SampleLint(TektonResourcesTest.tasks(), List.of(TektonResourcesTest.pipeline()));

        List<String> expected = new ArrayList<>(TektonResourcesTest.STEPS.stream()
                .map(s -> "tekton/task/ctkit-" + s + "/0.1/samples/run.yaml").toList());
        expected.add("tekton/pipeline/ctkit-ct/0.1/samples/run.yaml");
        assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        samples.forEach((file, run) -> assertThat(lint.check(file, run)).as(file).isEmpty());
        TaskRun deploy = (TaskRun) samples.get("tekton/task/ctkit-deploy/0.1/samples/run.yaml");
        assertThat(deploy.getSpec().getParams()).extracting(Param::getName, p -> p.getValue().getStringVal())
                .contains(org.assertj.core.groups.Tuple.tuple("model-ref", "marketing-forecast@production"));
        assertThat(deploy.getSpec().getServiceAccountName()).isEqualTo("ctkit-runner");
        TaskRun train = (TaskRun) samples.get("tekton/task/ctkit-train/0.1/samples/run.yaml");
        assertThat(train.getSpec().getWorkspaces()).extracting(w -> w.getName() + ":"
                + (w.getPersistentVolumeClaim() != null ? w.getPersistentVolumeClaim().getClaimName() : "emptyDir"))
                .containsExactly("source:ctkit-source", "registry:emptyDir");
    }

    @Test
    void thePipelineRunOfTheDocsIsOneThePipelineTakes() throws IOException {
        String docs = Files.readString(TektonResourcesTest.TEKTON.resolveSibling("docs").resolve("tekton.md"));
        java.util.regex.Matcher block = java.util.regex.Pattern.compile("(?s)```yaml\n(kind: PipelineRun|apiVersion:"
                + " tekton.dev/v1\nkind: PipelineRun)(.*?)```").matcher(docs);
        assertThat(block.find()).as("docs/tekton.md shows a PipelineRun").isTrue();
        PipelineRun run = Serialization.unmarshal(block.group(1) + block.group(2), PipelineRun.class);

        assertThat(new SampleLint(TektonResourcesTest.tasks(), List.of(TektonResourcesTest.pipeline()))
                .check("docs/tekton.md", run)).isEmpty();
        assertThat(run.getSpec().getWorkspaces()).extracting(w -> w.getName())
                .containsExactly("source", "registry", "dockerconfig");
        assertThat(run.getSpec().getParams()).extracting(Param::getName).contains("test-image");
    }

    @Test
    void aSampleThatSetsAnUndeclaredParamOrMissesARequiredOneFailsNamingTheFileTheFieldAndTheName()
            throws IOException {
        Map<String, HasMetadata> samples = samples(TektonResourcesTest.TEKTON);
        SampleLint lint = new SampleLint(TektonResourcesTest.tasks(), List.of(TektonResourcesTest.pipeline()));
        String trainFile = "tekton/task/ctkit-train/0.1/samples/run.yaml";
        TaskRun train = (TaskRun) samples.get(trainFile);
        train.getSpec().getParams().add(new Param("epochs", new ParamValue("10")));
        train.getSpec().getParams().get(0).setValue(new ParamValue(List.of(".")));
        train.getSpec().getWorkspaces().remove(1);
        String deployFile = "tekton/task/ctkit-deploy/0.1/samples/run.yaml";
        TaskRun deploy = (TaskRun) samples.get(deployFile);
        deploy.getSpec().getParams().removeIf(p -> p.getName().equals("model-ref"));
        deploy.getSpec().getWorkspaces().get(0).setName("sources");
        String runFile = "tekton/pipeline/ctkit-ct/0.1/samples/run.yaml";
        PipelineRun run = (PipelineRun) samples.get(runFile);
        run.getSpec().getPipelineRef().setName("ctkit-cd");

        assertThat(lint.check(trainFile, train)).containsExactly(
                trainFile + ": spec.params[0].value is of type array, but Task ctkit-train's param project-dir is of"
                        + " type string",
                trainFile + ": spec.params[1].name sets param epochs, which Task ctkit-train does not declare"
                        + " (declared: [project-dir])",
                trainFile + ": spec.workspaces does not bind workspace registry, which Task ctkit-train requires (it"
                        + " is not optional)");
        assertThat(lint.check(deployFile, deploy)).containsExactly(
                deployFile + ": spec.params does not set param model-ref, which Task ctkit-deploy requires (it has no"
                        + " default)",
                deployFile + ": spec.workspaces[0].name binds workspace sources, which Task ctkit-deploy does not"
                        + " declare (declared: [registry, source])",
                deployFile + ": spec.workspaces does not bind workspace source, which Task ctkit-deploy requires (it"
                        + " is not optional)");
        assertThat(lint.check(runFile, run)).containsExactly(runFile + ": spec.pipelineRef.name names Pipeline"
                + " ctkit-cd, which is not in the set [ctkit-ct]");
        String misspelt = Files.readString(TektonResourcesTest.TEKTON.resolve("task/ctkit-gate/0.1/samples/run.yaml"))
                .replace("serviceAccountName:", "serviceAcountName:");
        assertThat(lint.check("gate.yaml", Serialization.unmarshal(misspelt, TaskRun.class))).containsExactly(
                "gate.yaml: spec.serviceAcountName is not a field of TaskRun in the Tekton model (misspelt?)");
    }

    @Test
    void theSamplesAreCreatedOnTheApiServerBesideTheirTasksAndPipeline() throws IOException {
        TektonClient tekton = client.adapt(TektonClient.class);
        for (Task t : TektonResourcesTest.tasks()) {
            tekton.v1().tasks().inNamespace("ml-ci").resource(t).create();
        }
        tekton.v1().pipelines().inNamespace("ml-ci").resource(TektonResourcesTest.pipeline()).create();

        for (HasMetadata run : samples(TektonResourcesTest.TEKTON).values()) {
            if (run instanceof TaskRun taskRun) {
                tekton.v1().taskRuns().inNamespace("ml-ci").resource(taskRun).create();
            } else {
                tekton.v1().pipelineRuns().inNamespace("ml-ci").resource((PipelineRun) run).create();
            }
        }

        List<TaskRun> taskRuns = tekton.v1().taskRuns().inNamespace("ml-ci").list().getItems();
        assertThat(taskRuns).hasSize(TektonResourcesTest.STEPS.size()).allSatisfy(r -> {
            assertThat(r.getMetadata().getName()).startsWith(r.getSpec().getTaskRef().getName() + "-");
            assertThat(tekton.v1().tasks().inNamespace("ml-ci").withName(r.getSpec().getTaskRef().getName()).get())
                    .isNotNull();
        });
        List<PipelineRun> pipelineRuns = tekton.v1().pipelineRuns().inNamespace("ml-ci").list().getItems();
        assertThat(pipelineRuns).singleElement().satisfies(r -> assertThat(r.getMetadata().getName())
                .startsWith("ctkit-ct-run-"));
    }

    @Test
    void anotherProjectsSamplesCarryItsSettingsAndLintClean() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("receipts"));
        Files.writeString(dir.resolve("ctkit.yaml"), Files.readString(TektonRenderingTest.ROOT.resolve(
                "examples/receipt-classifier/ctkit.yaml")) + """
                retrain:
                  tekton: {pipeline: receipts-ct, service_account: ml-bot}
                """);
        PipelineFile project = PipelineFile.load(dir);
        TektonOptions options = TektonOptions.of(project).withImageRegistry("registry.example.com/ml")
                .withProjectDir("models/receipts");
        Path out = tmp.resolve("tekton");
        TektonResources.render(project, options).writeTo(out);

        Map<String, HasMetadata> samples = samples(out);
        List<Task> tasks = new ArrayList<>();
        for (String step : TektonResourcesTest.STEPS) {
            tasks.add(Serialization.unmarshal(Files.readString(out.resolve("task/ctkit-" + step + "/0.1/ctkit-" + step
                    + ".yaml")), Task.class));
        }
        Pipeline pipeline = Serialization.unmarshal(Files.readString(out.resolve(
                "pipeline/receipts-ct/0.1/receipts-ct.yaml")), Pipeline.class);
        SampleLint lint = new SampleLint(tasks, List.of(pipeline));

        assertThat(samples).hasSize(TektonResourcesTest.STEPS.size() + 1);
        samples.forEach((file, run) -> assertThat(lint.check(file, run)).as(file).isEmpty());
        TaskRun packaging = (TaskRun) samples.get("tekton/task/ctkit-package/0.1/samples/run.yaml");
        assertThat(packaging.getSpec().getServiceAccountName()).isEqualTo("ml-bot");
        assertThat(packaging.getSpec().getParams()).extracting(Param::getName, p -> p.getValue().getStringVal())
                .contains(org.assertj.core.groups.Tuple.tuple("project-dir", "models/receipts"),
                        org.assertj.core.groups.Tuple.tuple("image", "registry.example.com/ml/receipt-classifier"));
        PipelineRun run = (PipelineRun) samples.get("tekton/pipeline/receipts-ct/0.1/samples/run.yaml");
        assertThat(run.getSpec().getPipelineRef().getName()).isEqualTo("receipts-ct");
        assertThat(run.getSpec().getParams()).extracting(Param::getName, p -> p.getValue().getStringVal())
                .contains(org.assertj.core.groups.Tuple.tuple("model", "receipt-classifier"));
    }
}
