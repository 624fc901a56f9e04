package io.ctkit.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

/**
 * Where a Deployment's rollout stands, by the rule of {@code kubectl rollout status}
 * (kubectl's {@code DeploymentStatusViewer}). fabric8's {@code Readiness.isDeploymentReady} is not
 * used: it ignores {@code observedGeneration} and {@code updatedReplicas}, so it calls a rollout
 * done while the old pods still serve.
 */
record RolloutStatus(State state, String message) {

    enum State { DONE, WAITING, FAILED }

    static RolloutStatus of(Deployment deployment) {
        if (deployment == null) {
            return new RolloutStatus(State.FAILED, "the Deployment was deleted");
        }
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        long generation = orZero(deployment.getMetadata().getGeneration());
        long observed = orZero(status.getObservedGeneration());
        if (observed < generation) {
            return new RolloutStatus(State.WAITING, "waiting for the Deployment's new spec to be observed");
        }
        for (DeploymentCondition condition : status.getConditions()) {
            if ("Progressing".equals(condition.getType()) && "ProgressDeadlineExceeded".equals(condition.getReason())) {
                return new RolloutStatus(State.FAILED, "the Deployment exceeded its progress deadline: "
                        + condition.getMessage());
            }
        }
        int wanted = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        int updated = orZero(status.getUpdatedReplicas());
        int replicas = orZero(status.getReplicas());
        int available = orZero(status.getAvailableReplicas());
        if (updated < wanted) {
            return new RolloutStatus(State.WAITING, updated + " of " + wanted + " new replicas have been updated");
        }
        if (replicas > updated) {
            return new RolloutStatus(State.WAITING, (replicas - updated) + " old replicas are pending termination");
        }
        if (available < updated) {
            return new RolloutStatus(State.WAITING, available + " of " + updated + " updated replicas are available");
        }
        return new RolloutStatus(State.DONE, "successfully rolled out");
    }

    boolean settled() {
        return state != State.WAITING;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
