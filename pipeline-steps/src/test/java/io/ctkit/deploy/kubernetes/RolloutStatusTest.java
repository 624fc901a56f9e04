package io.ctkit.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctkit.deploy.kubernetes.RolloutStatus.State;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import org.junit.jupiter.api.Test;

/** kubectl's rollout-status rule, case by case (kubectl/pkg/polymorphichelpers/rollout_status.go). */
class RolloutStatusTest {

    private static Deployment deployment(long generation, int wanted, DeploymentStatusBuilder status) {
        return new DeploymentBuilder().withNewMetadata().withName("forecast").withGeneration(generation).endMetadata()
                .withNewSpec().withReplicas(wanted).endSpec().withStatus(status.build()).build();
    }

    private static DeploymentStatusBuilder status(long observed, int replicas, int updated, int available) {
        return new DeploymentStatusBuilder().withObservedGeneration(observed).withReplicas(replicas)
                .withUpdatedReplicas(updated).withAvailableReplicas(available);
    }

    @Test
    void aRolloutIsDoneOnlyWhenTheNewSpecIsObservedUpdatedAvailableAndTheOldPodsAreGone() {
        assertThat(RolloutStatus.of(deployment(3, 2, status(3, 2, 2, 2))))
                .isEqualTo(new RolloutStatus(State.DONE, "successfully rolled out"));
        // What fabric8's Readiness.isDeploymentReady would call ready: all replicas available, but of the old spec.
        assertThat(RolloutStatus.of(deployment(3, 2, status(2, 2, 2, 2))))
                .isEqualTo(new RolloutStatus(State.WAITING, "waiting for the Deployment's new spec to be observed"));
        assertThat(RolloutStatus.of(deployment(3, 2, status(3, 3, 1, 3))))
                .isEqualTo(new RolloutStatus(State.WAITING, "1 of 2 new replicas have been updated"));
        assertThat(RolloutStatus.of(deployment(3, 2, status(3, 3, 2, 3))))
                .isEqualTo(new RolloutStatus(State.WAITING, "1 old replicas are pending termination"));
        assertThat(RolloutStatus.of(deployment(3, 2, status(3, 2, 2, 1))))
                .isEqualTo(new RolloutStatus(State.WAITING, "1 of 2 updated replicas are available"));
        assertThat(RolloutStatus.of(null).state()).isEqualTo(State.FAILED);
    }

    @Test
    void aProgressDeadlineExceededConditionFailsTheRolloutAtOnce() {
        DeploymentStatusBuilder stuck = status(3, 3, 1, 2).addNewCondition().withType("Progressing")
                .withStatus("False").withReason("ProgressDeadlineExceeded")
                .withMessage("ReplicaSet \"forecast-7d4\" has timed out progressing.").endCondition();

        assertThat(RolloutStatus.of(deployment(3, 2, stuck))).isEqualTo(new RolloutStatus(State.FAILED,
                "the Deployment exceeded its progress deadline: ReplicaSet \"forecast-7d4\" has timed out progressing."));
    }
}
