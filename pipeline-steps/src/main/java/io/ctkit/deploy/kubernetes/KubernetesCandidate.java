package io.ctkit.deploy.kubernetes;

import io.ctkit.deploy.DeployTarget.Candidate;
import io.ctkit.deploy.DeployTarget.Release;
import io.ctkit.deploy.DeployTarget.Reply;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A ready candidate pod, reached through the API server's pod proxy with the client's own
 * authenticated HTTP client: no port-forward, no Ingress, and nothing the Service selects.
 */
final class KubernetesCandidate implements Candidate {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Release release;
    private final String deployment;
    private final URI endpoint;
    private final HttpClient http;

    KubernetesCandidate(Release release, String deployment, URI endpoint, HttpClient http) {
        this.release = release;
        this.deployment = deployment;
        this.endpoint = endpoint;
        this.http = http;
    }

    /** {@code <master>/api/v1/namespaces/<ns>/pods/<pod>:8080/proxy/}: the proxy base of one pod. */
    static URI proxy(URI master, String namespace, String pod) {
        String base = master.toString().endsWith("/") ? master.toString() : master + "/";
        return URI.create(base + "api/v1/namespaces/" + namespace + "/pods/" + pod + ":"
                + KubernetesManifests.CONTAINER_PORT + "/proxy/");
    }

    @Override
    public Release release() {
        return release;
    }

    /** The candidate Deployment's name. */
    String deployment() {
        return deployment;
    }

    @Override
    public Reply post(String path, String json) throws IOException {
        URI uri = endpoint.resolve(path.startsWith("/") ? path.substring(1) : path);
        HttpRequest request = http.newHttpRequestBuilder().uri(uri).post("application/json", json)
                .timeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).build();
        try {
            HttpResponse<String> response = http.sendAsync(request, String.class)
                    .get(REQUEST_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new Reply(response.code(), response.body() == null ? "" : response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while posting to " + uri);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IOException("POST " + uri + " through the API server's pod proxy failed: " + cause, cause);
        }
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }
}
