package io.ctkit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.deploy.internal.FrontProxy;
import io.ctkit.image.BuiltImage;
import io.ctkit.image.ImageTarget;
import io.ctkit.image.PackageStep;
import io.ctkit.image.ScoringImageSpec;
import io.ctkit.image.ScoringServerJar;
import io.ctkit.quality.Reports;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker} target: each release is the scoring image ({@link PackageStep}, into the
 * local Docker engine) run as a new container on a free loopback port; clients call a ctkit front
 * proxy on the fixed port ({@link FrontProxy}), which sends each request to the container named in
 * {@code DIR/current.json}. The switch rewrites that file and waits until the proxy answers from
 * the new container; then the old container gets SIGTERM and drains. {@code DIR/proxy.json} keeps
 * the proxy's pid and port, {@code DIR/proxy.log} its output. See docs/deploy.md.
 */
public final class DockerTarget implements DeployTarget {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final int port;
    private final String baseImage;

    private DockerTarget(Path dir, int port, String baseImage) {
        this.dir = dir.toAbsolutePath().normalize();
        this.port = port;
        this.baseImage = baseImage;
    }

    /**
     * The target in {@code dir}, its front proxy on {@code port}, images built on {@code baseImage}.
     *
     * @throws IllegalArgumentException when no Docker engine answers (nothing is started)
     */
    public static DockerTarget of(Path dir, int port, String baseImage) throws IOException {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the docker target's port must be 1 to 65535, got " + port);
        }
        try {
            docker(Duration.ofSeconds(20), "version", "--format", "{{.Server.Version}}");
        } catch (IOException e) {
            throw new IllegalArgumentException("--target docker: no Docker engine answers (" + e.getMessage()
                    + "); start the Docker daemon, or point DOCKER_HOST at one");
        }
        return new DockerTarget(dir, port, baseImage);
    }

    @Override
    public String kind() {
        return "docker";
    }

    @Override
    public String describe() {
        return "docker:" + dir;
    }

    /** Where clients call: the front proxy. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The front proxy's pid, if one started by a deployment is running. */
    public Optional<Long> proxyPid() throws IOException {
        return ChildJvm.runningPid(dir.resolve("proxy.json"));
    }

    @Override
    public Candidate start(Release release, Duration timeout) throws IOException {
        Files.createDirectories(dir);
        String reference = "ctkit/" + release.model() + ":" + release.version();
        BuiltImage image = PackageStep.run(PackageStep.Request.of(new ScoringImageSpec(release.bundle(),
                release.version(), ScoringServerJar.bundled(), baseImage, ScoringImageSpec.DEFAULT_PORT,
                ScoringImageSpec.DEFAULT_JVM_OPTIONS), new ImageTarget.Daemon(reference))).image();
        String name = "ctkit-" + release.model() + "-" + release.version() + "-" + System.currentTimeMillis();
        // A short drain: the proxy has stopped sending to a container before it gets SIGTERM, so the
        // drain only has to outlast requests already in flight, which shutdown waits for anyway.
        docker(timeout, "run", "--detach", "--name", name, "--read-only", "--publish", "127.0.0.1::"
                + ScoringImageSpec.DEFAULT_PORT, "--label", "io.ctkit.deploy=" + dir, "--env",
                "CTKIT_MODEL_NAME=" + release.model(), "--env", "CTKIT_DRAIN_DELAY=1s", image.imageId());
        DockerCandidate candidate;
        try {
            String published = docker(Duration.ofSeconds(20), "port", name, ScoringImageSpec.DEFAULT_PORT + "/tcp")
                    .lines().findFirst().orElseThrow(() -> new IOException("docker port " + name + " printed nothing"));
            int hostPort = Integer.parseInt(published.substring(published.lastIndexOf(':') + 1).trim());
            candidate = new DockerCandidate(new Release(release.model(), release.version(), release.digest(),
                    release.bundle(), image.imageId()), name, reference, hostPort);
        } catch (IOException | RuntimeException e) {
            docker(Duration.ofSeconds(30), "rm", "--force", name);
            throw new DeployException("start", "container " + name + " of " + reference + ": " + e.getMessage(), e);
        }
        if (!Http.await(candidate.endpoint(), "v2/health/ready", r -> r.status() == 200, timeout)) {
            String logs = logs(name);
            discard(candidate);
            throw new DeployException("ready", "container " + name + " (" + reference + ") was not ready within "
                    + timeout.toSeconds() + " s; its log ends: " + logs);
        }
        return candidate;
    }

    @Override
    public void promote(Candidate candidate, Duration timeout) throws IOException {
        DockerCandidate c = (DockerCandidate) candidate;
        Optional<String> old = container();
        Path stateFile = dir.resolve("current.json");
        byte[] before = Files.isRegularFile(stateFile) ? Files.readAllBytes(stateFile) : null;
        ObjectNode state = Reports.object().put("model", c.release().model()).put("version", c.release().version())
                .put("bundle", c.release().digest()).put("image", c.reference()).put("image_id", c.release().image())
                .put("container", c.name()).put("backend_port", c.hostPort())
                .put("deployed_at", Instant.now().toString());
        Reports.write(stateFile, state);
        String expected = Integer.toString(c.hostPort());
        boolean switched = proxyPid().isPresent() || startProxy(timeout);
        switched = switched && Http.awaitHeader(endpoint(), "v2/health/ready", FrontProxy.BACKEND_HEADER, expected,
                timeout);
        if (!switched) {
            if (before != null) {
                io.ctkit.files.AtomicFiles.write(stateFile, before);
            }
            discard(c);
            throw new DeployException("switch", "the front proxy on port " + port + " did not send traffic to "
                    + c.name() + " within " + timeout.toSeconds() + " s; see " + dir.resolve("proxy.log"));
        }
        if (old.isPresent() && !old.get().equals(c.name())) {
            // SIGTERM: the old server drains (readiness 503, still answering) and exits; the proxy sends it nothing new.
            docker(Duration.ofSeconds(60), "stop", "--time", "30", old.get());
            docker(Duration.ofSeconds(30), "rm", "--force", old.get());
        }
    }

    @Override
    public void discard(Candidate candidate) throws IOException {
        docker(Duration.ofSeconds(60), "rm", "--force", ((DockerCandidate) candidate).name());
    }

    @Override
    public Optional<Release> current() throws IOException {
        Path file = dir.resolve("current.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode s = JSON.readTree(file.toFile());
        return Optional.of(new Release(s.path("model").asText(), s.path("version").asInt(), s.path("bundle").asText(),
                null, s.path("image_id").asText()));
    }

    /** The container serving now, if any. */
    public Optional<String> container() throws IOException {
        Path file = dir.resolve("current.json");
        return Files.isRegularFile(file) ? Optional.of(JSON.readTree(file.toFile()).path("container").asText())
                : Optional.empty();
    }

    private boolean startProxy(Duration timeout) throws IOException {
        Process process = ChildJvm.start(dir, dir.resolve("proxy.log"), List.of("-Xmx128m"),
                FrontProxy.class.getName(), List.of(Integer.toString(port), dir.resolve("current.json").toString()));
        Reports.write(dir.resolve("proxy.json"), Reports.object().put("pid", process.pid()).put("port", port)
                .put("started_at", Instant.now().toString()));
        return Http.await(endpoint(), "v2/health/live", r -> r.status() == 200, timeout);
    }

    private static String logs(String name) {
        try {
            List<String> lines = docker(Duration.ofSeconds(20), "logs", "--tail", "3", name).lines().toList();
            return String.join(" | ", lines);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Runs the docker command; its stdout, or an IOException with its stderr. */
    static String docker(Duration timeout, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("ctkit-docker-", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("docker " + args[0] + " did not finish within " + timeout.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("docker " + args[0] + " failed: " + Files.readString(err, StandardCharsets.UTF_8)
                        .strip());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running docker " + args[0], e);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** A started container (its release's image is the image id): its name, image reference and loopback port. */
    private record DockerCandidate(Release release, String name, String reference, int hostPort) implements Candidate {
        @Override
        public Reply post(String path, String json) throws IOException {
            return Http.post(endpoint(), path.startsWith("/") ? path.substring(1) : path, json);
        }

        @Override
        public URI endpoint() {
            return URI.create("http://127.0.0.1:" + hostPort + "/");
        }
    }
}
