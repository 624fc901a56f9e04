package io.ctkit.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.tekton.client.TektonClient;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.PipelineRun;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Tekton trigger on fabric8's Kubernetes mock server in CRUD mode (the real client, no cluster). */
@EnableKubernetesMockClient(crud = true)
class TektonTriggerTest {

    static KubernetesClient client;

    private static final RetrainOrder ORDER = HttpTriggersTest.ORDER;

    @Test
    void tektonCreatesOnePipelineRunReferencingThePipelineWithTheOrdersParams() throws Exception {
        TektonTrigger tekton = new TektonTrigger(new RetrainSettings.Tekton("ml-ci", "ctkit-pipeline", "ctkit-runner",
                "s3://data/wine/train.csv", null), client);

        Trigger.Started started = tekton.start(ORDER);

        List<PipelineRun> runs = client.adapt(TektonClient.class).v1().pipelineRuns().inNamespace("ml-ci").list()
                .getItems();
        assertThat(runs).hasSize(1);
        PipelineRun run = runs.get(0);
        assertThat(run.getMetadata().getName()).isEqualTo("wine-quality-v2-retrain-3f2a9c1e77aa");
        assertThat(started.reference()).isEqualTo("pipelinerun/ml-ci/wine-quality-v2-retrain-3f2a9c1e77aa");
        assertThat(run.getSpec().getPipelineRef().getName()).isEqualTo("ctkit-pipeline");
        assertThat(run.getSpec().getTaskRunTemplate().getServiceAccountName()).isEqualTo("ctkit-runner");
        Map<String, String> params = new LinkedHashMap<>();
        for (Param p : run.getSpec().getParams()) {
            params.put(p.getName(), p.getValue().getStringVal());
        }
        assertThat(params).containsExactlyEntriesOf(ORDER.parameters());
        assertThat(run.getMetadata().getLabels()).containsEntry("ctkit.io/model", "wine-quality-v2")
                .containsEntry("ctkit.io/trigger", "model-decay")
                .containsEntry("app.kubernetes.io/managed-by", "ctkit");
        assertThat(run.getMetadata().getAnnotations()).containsEntry("ctkit.io/request-id", ORDER.requestId());

        // The name comes from the request: the same request cannot start a second run.
        assertThatThrownBy(() -> tekton.start(ORDER)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot create a PipelineRun of pipeline ctkit-pipeline in namespace ml-ci on ")
                .hasMessageEndingWith("; the retraining was not started");
        assertThat(client.adapt(TektonClient.class).v1().pipelineRuns().inNamespace("ml-ci").list().getItems())
                .hasSize(1);
    }
}
