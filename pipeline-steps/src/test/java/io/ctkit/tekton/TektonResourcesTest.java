package io.ctkit.tekton;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctkit.retrain.RetrainOrder;
import io.ctkit.retrain.RetrainSettings;
import io.ctkit.retrain.TektonTrigger;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.tekton.client.TektonClient;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.triggers.v1beta1.EventListener;
import io.fabric8.tekton.triggers.v1beta1.TriggerBinding;
import io.fabric8.tekton.triggers.v1beta1.TriggerTemplate;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The checked-in tekton/ resources: they parse, they lint clean, a cluster's API accepts them. */
@EnableKubernetesMockClient(crud = true)
class TektonResourcesTest {
    static final Path TEKTON = Path.of("..", "tekton");
    static final List<String> STEPS = List.of("validate-data", "train", "evaluate", "test", "gate", "register",
            "package", "deploy", "monitor");

    static KubernetesClient client;

    static List<Path> files(String kind) throws IOException {
        try (Stream<Path> s = Files.walk(TEKTON.resolve(kind))) {
            return s.filter(p -> p.toString().endsWith(".yaml") && !p.toString().contains("/samples/")).sorted()
                    .collect(Collectors.toList());
        }
    }

    static List<Task> tasks() throws IOException {
        List<Task> tasks = new ArrayList<>();
        for (Path p : files("task")) {
            tasks.add(Serialization.unmarshal(Files.readString(p), Task.class));
        }
        return tasks;
    }

    static Pipeline pipeline() throws IOException {
        return Serialization.unmarshal(Files.readString(TEKTON.resolve("pipeline/ctkit-ct/0.1/ctkit-ct.yaml")),
                Pipeline.class);
    }

    @Test
    void everyTaskFollowsTheCatalogsConventionsAndParsesIntoTheTektonModel() throws IOException {
        List<Task> tasks = tasks();
        assertThat(tasks).extracting(t -> t.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(STEPS.stream().map(s -> "ctkit-" + s).toList());
        for (Task t : tasks) {
            String name = t.getMetadata().getName();
            Path dir = TEKTON.resolve("task").resolve(name).resolve("0.1");
            assertThat(dir.resolve(name + ".yaml")).as(name).exists();
            assertThat(dir.resolve("README.md")).as(name).exists();
            assertThat(t.getApiVersion()).isEqualTo("tekton.dev/v1");
            assertThat(t.getMetadata().getLabels()).as(name).containsEntry("app.kubernetes.io/version", "0.1");
            assertThat(t.getMetadata().getAnnotations()).as(name).containsKeys("tekton.dev/pipelines.minVersion",
                    "tekton.dev/tags");
            assertThat(t.getSpec().getDescription()).as(name).isNotBlank();
            assertThat(t.getSpec().getWorkspaces().subList(0, 2)).extracting(w -> w.getName())
                    .containsExactly("source", "registry");
            // beyond those two, only optional ones: the package Task's registry credentials
            assertThat(t.getSpec().getWorkspaces().subList(2, t.getSpec().getWorkspaces().size()))
                    .allSatisfy(w -> assertThat(w.getOptional()).as(name + " workspace " + w.getName()).isTrue())
                    .extracting(w -> w.getName())
                    .isEqualTo(name.equals("ctkit-package") ? List.of("dockerconfig") : List.of());
            for (ParamSpec p : t.getSpec().getParams()) {
                assertThat(p.getDescription()).as(name + " param " + p.getName()).isNotBlank();
            }
            for (Step step : t.getSpec().getSteps()) {
                assertThat(step.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
                assertThat(step.getComputeResources().getRequests()).as(name).containsKeys("cpu", "memory");
                assertThat(step.getScript()).as(name).contains("set -eu").doesNotContain("$(params.");
            }
        }
        Task train = tasks.stream().filter(t -> t.getMetadata().getName().equals("ctkit-train")).findFirst()
                .orElseThrow();
        assertThat(train.getSpec().getResults()).anySatisfy(r -> {
            assertThat(r.getName()).endsWith("ARTIFACT_OUTPUTS");
            assertThat(r.getType()).isEqualTo("object");
            assertThat(r.getProperties()).containsKeys("uri", "digest", "isBuildArtifact");
        });
    }

    @Test
    void theTasksAndThePipelineLintCleanAndTheGateGuardsPromotion() throws IOException {
        Pipeline pipeline = pipeline();

        assertThat(new TektonLint(tasks()).check(List.of(pipeline))).isEmpty();
        assertThat(pipeline.getSpec().getParams()).extracting(ParamSpec::getName).contains("model", "trigger",
                "request-id", "data", "pipeline-version", "code-version", "reason");
        assertThat(pipeline.getSpec().getTasks()).filteredOn(t -> List.of("register", "package", "deploy")
                .contains(t.getName())).hasSize(3).allSatisfy(t -> assertThat(t.getWhen()).anySatisfy(w -> {
                    assertThat(w.getInput()).isEqualTo("$(tasks.gate.results.decision)");
                    assertThat(w.getValues()).containsExactly("pass");
                }));
        assertThat(pipeline.getSpec().getFinally()).hasSize(1);
    }

    @Test
    void aRenamedParamFailsTheLintNamingTheTaskTheFieldAndTheName() throws IOException {
        List<Task> tasks = tasks();
        Task gate = tasks.stream().filter(t -> t.getMetadata().getName().equals("ctkit-gate")).findFirst()
                .orElseThrow();
        gate.getSpec().getParams().stream().filter(p -> p.getName().equals("policy")).findFirst().orElseThrow()
                .setName("gate-policy");

        List<String> problems = new TektonLint(tasks).check(List.of(pipeline()));

        assertThat(problems).contains("Task ctkit-gate: spec.steps[0].env[5].value refers to $(params.policy), which"
                + " spec.params does not declare (declared: [gate-policy, holdout, label, project-dir])");
        Pipeline broken = pipeline();
        broken.getSpec().getTasks().get(5).getParams().get(1).setName("modle");
        assertThat(new TektonLint(tasks()).check(List.of(broken))).containsExactly("Pipeline ctkit-ct:"
                + " spec.tasks[5].params[1].name passes param modle to Task ctkit-register, which declares only"
                + " [alias, code-version, holdout, model, project-dir]");
        broken = pipeline();
        broken.getSpec().getTasks().get(6).getParams().get(2).getValue()
                .setStringVal("$(tasks.register.results.versoin)");
        assertThat(new TektonLint(tasks()).check(List.of(broken))).containsExactly("Pipeline ctkit-ct:"
                + " spec.tasks[6].params[2].value refers to $(tasks.register.results.versoin), but pipeline task"
                + " register has no result versoin (its results: [version])");
    }

    static <T> T trigger(String file, Class<T> type) throws IOException {
        return Serialization.unmarshal(Files.readString(TEKTON.resolve("triggers/ctkit-ct/0.1/" + file + ".yaml")), type);
    }

    @Test
    void theTriggersLintCleanAndEveryRouteStartsThePipelineWithItsSevenParams() throws IOException {
        TriggerTemplate template = trigger("triggertemplate", TriggerTemplate.class);
        List<TriggerBinding> bindings = List.of(trigger("triggerbinding-code-push", TriggerBinding.class),
                trigger("triggerbinding-new-data", TriggerBinding.class),
                trigger("triggerbinding-retrain", TriggerBinding.class));
        EventListener listener = trigger("eventlistener", EventListener.class);

        assertThat(TektonLint.checkTriggers(template, bindings, listener)).isEmpty();
        assertThat(template.getSpec().getParams()).extracting(p -> p.getName()).containsExactlyInAnyOrder("model",
                "trigger", "request-id", "data", "pipeline-version", "code-version", "reason");
        PipelineRun run = Serialization.unmarshal(Serialization.asJson(template.getSpec().getResourcetemplates()
                .get(0)), PipelineRun.class);
        assertThat(run.getSpec().getPipelineRef().getName()).isEqualTo(pipeline().getMetadata().getName());
        assertThat(run.getSpec().getTaskRunTemplate().getPodTemplate().getSecurityContext().getFsGroup())
                .isEqualTo(10001L);
        assertThat(listener.getSpec().getTriggers()).extracting(t -> t.getName())
                .containsExactly("code-push", "new-data", "retrain");

        // A renamed template param is caught where a binding still binds the old name.
        template.getSpec().getParams().get(2).setName("request");
        assertThat(TektonLint.checkTriggers(template, bindings, listener)).contains(
                "TriggerBinding ctkit-retrain: spec.params[2].name binds request-id, which TriggerTemplate ctkit-ct"
                        + " does not declare");

        CronJob cron = trigger("cronjob", CronJob.class);
        String command = String.join(" ", cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getCommand());
        // The schedule posts the body the retrain route's CEL filter accepts, to the listener's service.
        assertThat(command).contains("\"entity\":\"model\",\"action\":\"retrain\"", "\"trigger\":\"schedule\"");
        assertThat(cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(e -> assertThat(e.getValue()).isEqualTo("http://el-" + listener.getMetadata().getName()
                        + ":8080"));
        assertThat(listener.getSpec().getTriggers().get(2).getInterceptors().get(0).getParams().get(0).getValue()
                .toString()).contains("body.entity == 'model' && body.action == 'retrain'");
    }

    @Test
    void theResourcesAreAcceptedByTheApiAndRetrainViaTektonStartsTheirPipeline() throws IOException {
        TektonClient tekton = client.adapt(TektonClient.class);
        for (Task t : tasks()) {
            tekton.v1().tasks().inNamespace("ml-ci").resource(t).create();
        }
        Pipeline pipeline = tekton.v1().pipelines().inNamespace("ml-ci").resource(pipeline()).create();

        new TektonTrigger(new RetrainSettings.Tekton("ml-ci", "ctkit-ct", null, null, null), client)
                .start(new RetrainOrder("marketing-forecast", "model-decay", "0f9e8d7c6b5a4", "ctkit 0.1.0",
                        "git:4f1c0a2b", "data/train.csv", "mape 0.31 > 0.25"));

        List<PipelineRun> runs = tekton.v1().pipelineRuns().inNamespace("ml-ci").list().getItems();
        assertThat(runs).hasSize(1);
        PipelineRun run = runs.get(0);
        Pipeline referenced = tekton.v1().pipelines().inNamespace("ml-ci")
                .withName(run.getSpec().getPipelineRef().getName()).get();
        assertThat(referenced).isNotNull();
        List<String> declared = referenced.getSpec().getParams().stream().map(ParamSpec::getName).toList();
        assertThat(run.getSpec().getParams()).allSatisfy(p -> assertThat(declared).contains(p.getName()));
        // Every param the run does not give has a default, so the run is complete.
        List<String> given = run.getSpec().getParams().stream().map(p -> p.getName()).toList();
        assertThat(referenced.getSpec().getParams()).filteredOn(p -> !given.contains(p.getName()))
                .allSatisfy(p -> assertThat(p.getDefault()).as(p.getName()).isNotNull());
        assertThat(tekton.v1().tasks().inNamespace("ml-ci").list().getItems()).hasSize(STEPS.size());
        assertThat(pipeline.getMetadata().getName()).isEqualTo("ctkit-ct");
    }
}
