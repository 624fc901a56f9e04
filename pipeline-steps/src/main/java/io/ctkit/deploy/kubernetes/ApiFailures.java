package io.ctkit.deploy.kubernetes;

import io.ctkit.deploy.DeployException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URL;
import java.util.function.Supplier;

/** Turns the client's exceptions into messages that say what failed, where, and what to do. */
final class ApiFailures {
    /** Attempts of a write that keeps meeting 409 Conflict; the waits between them double from 10 ms (310 ms in all). */
    static final int CONFLICT_ATTEMPTS = 6;
    private static final long FIRST_CONFLICT_WAIT_MILLIS = 10;

    private final URL masterUrl;
    private final String namespace;

    ApiFailures(URL masterUrl, String namespace) {
        this.masterUrl = masterUrl;
        this.namespace = namespace;
    }

    /** Runs one API call of {@code step}; {@code what} says what it does, e.g. "read Deployment prod/forecast". */
    <T> T call(String step, String what, Supplier<T> call) throws DeployException {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw new DeployException(step, explain(what, e), e);
        }
    }

    /**
     * A write of {@code step} that runs again when the server answers 409 Conflict: the object changed
     * between the call's read and its write (a controller wrote its status, an autoscaler its replicas),
     * which is an everyday event in a cluster, not a failure (client-go's {@code RetryOnConflict}). Each
     * attempt must read the object afresh (fabric8's update and edit do when no resourceVersion is set).
     */
    <T> T write(String step, String what, Supplier<T> call) throws DeployException {
        long wait = FIRST_CONFLICT_WAIT_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw new DeployException(step, explain(what, e), e);
                }
                if (attempt == CONFLICT_ATTEMPTS) {
                    throw new DeployException(step, explain(what, e) + " (still conflicting after " + attempt
                            + " attempts: something else keeps changing it; the object's managedFields name the"
                            + " writers, `kubectl get --show-managed-fields -o yaml`)", e);
                }
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeployException(step, "interrupted while retrying to " + what, e);
            }
            wait *= 2;
        }
    }

    /** A no-result {@link #write}. */
    void runWrite(String step, String what, Runnable call) throws DeployException {
        write(step, what, () -> {
            call.run();
            return null;
        });
    }

    String explain(String what, KubernetesClientException e) {
        int code = e.getCode();
        if (code <= 0) {
            return "cannot reach the Kubernetes API server at " + masterUrl + " to " + what + " (" + rootCause(e)
                    + "); check the current context of the kubeconfig (KUBECONFIG or ~/.kube/config) or the pod's"
                    + " service account: `kubectl cluster-info` must work from here";
        }
        String status = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage() : e.getMessage();
        if (code == 401 || code == 403) {
            return "the Kubernetes API server at " + masterUrl + " refused to " + what + " (HTTP " + code + ": "
                    + status + "); the account needs RBAC rights to get, list, watch, create, update, patch and"
                    + " delete deployments, services and horizontalpodautoscalers, to list pods and to create"
                    + " pods/proxy in namespace " + namespace;
        }
        return "could not " + what + " (HTTP " + code + " from " + masterUrl + "): " + status;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** A no-result call. */
    void run(String step, String what, Runnable call) throws DeployException {
        call(step, what, () -> {
            call.run();
            return null;
        });
    }
}
