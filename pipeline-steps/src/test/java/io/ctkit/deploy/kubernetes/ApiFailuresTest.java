package io.ctkit.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctkit.deploy.DeployException;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URL;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApiFailuresTest {
    private final ApiFailures api;

    ApiFailuresTest() throws Exception {
        api = new ApiFailures(new URL("https://cluster.example:6443/"), "prod");
    }

    private static KubernetesClientException status(int code, String message) {
        return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage(message).build());
    }

    @Test
    void aWriteThatMeetsConflictsIsRunAgainUntilItGoesThrough() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        String written = api.write("switch", "write Deployment prod/forecast", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw status(409, "the object has been modified; please apply your changes to the latest version");
            }
            return "written";
        });
        assertThat(written).isEqualTo("written");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aWriteThatKeepsConflictingFailsAfterItsAttemptsAndSaysWhatToLookFor() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> api.runWrite("switch", "write Deployment prod/forecast", () -> {
            attempts.incrementAndGet();
            throw status(409, "the object has been modified");
        })).isInstanceOfSatisfying(DeployException.class, e -> assertThat(e.step()).isEqualTo("switch"))
                .hasMessage("switch: could not write Deployment prod/forecast (HTTP 409 from"
                        + " https://cluster.example:6443/): the object has been modified (still conflicting after 6"
                        + " attempts: something else keeps changing it; the object's managedFields name the writers,"
                        + " `kubectl get --show-managed-fields -o yaml`)");
        assertThat(attempts).hasValue(ApiFailures.CONFLICT_ATTEMPTS);
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> api.runWrite("start", "write Deployment prod/forecast-candidate", () -> {
            attempts.incrementAndGet();
            throw status(422, "spec.replicas: Invalid value: -1");
        })).hasMessage("start: could not write Deployment prod/forecast-candidate (HTTP 422 from https://cluster.example:6443/):"
                + " spec.replicas: Invalid value: -1");
        assertThat(attempts).hasValue(1);
    }
}
