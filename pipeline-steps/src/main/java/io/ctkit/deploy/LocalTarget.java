package io.ctkit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.files.FileTrees;
import io.ctkit.quality.Reports;
import io.ctkit.serving.ScoringServer;
import io.ctkit.serving.ServerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code local} target: a {@code ctkit serve} process on a versioned model directory. A new
 * release is copied into {@code DIR/staging/<slot>/}, smoke-tested on a short-lived in-process
 * server on a free port, then renamed into {@code DIR/versions/<slot>/}, where the serving process's
 * hot swap takes it; the older slots are removed once it serves the new one. Slots count
 * deployments, not versions, so that a rollback (an older version) is a higher slot too. The
 * serving process is started when none is running; {@code DIR/server.json} keeps its pid and port,
 * {@code DIR/server.log} its output, {@code DIR/current.json} the release it serves. See docs/deploy.md.
 */
public final class LocalTarget implements DeployTarget {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often the serving process looks for a new slot: the switch takes about this long. */
    static final Duration POLL = Duration.ofMillis(200);

    private final Path dir;
    private final int port;

    private LocalTarget(Path dir, int port) {
        this.dir = dir.toAbsolutePath().normalize();
        this.port = port;
    }

    /** The target in {@code dir}, its server listening on {@code port}. */
    public static LocalTarget of(Path dir, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the local target's port must be 1 to 65535, got " + port);
        }
        return new LocalTarget(dir, port);
    }

    @Override
    public String kind() {
        return "local";
    }

    @Override
    public String describe() {
        return "local:" + dir;
    }

    /** Where the serving process answers. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The serving process's pid, if one started by a deployment is running. */
    public Optional<Long> serverPid() throws IOException {
        return ChildJvm.runningPid(dir.resolve("server.json"));
    }

    @Override
    public Candidate start(Release release, Duration timeout) throws IOException {
        Files.createDirectories(dir.resolve("staging"));
        Files.createDirectories(dir.resolve("versions"));
        int slot = nextSlot();
        Path staged = dir.resolve("staging").resolve(Integer.toString(slot));
        FileTrees.delete(staged);
        FileTrees.copy(release.bundle(), staged);
        ScoringServer server;
        try {
            server = ScoringServer.start(ServerConfig.of(staged).withHost("127.0.0.1").withPort(0)
                    .withModelName(release.model()), new PrintStream(OutputStream.nullOutputStream(), true,
                            StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            FileTrees.delete(staged);
            throw new DeployException("start", "interrupted while starting the candidate server", e);
        } catch (IOException e) {
            FileTrees.delete(staged);
            throw new DeployException("start", "the candidate server on " + staged + " did not start: "
                    + e.getMessage(), e);
        }
        LocalCandidate candidate = new LocalCandidate(release, slot, staged, server);
        if (!Http.await(server.uri(), "v2/health/ready", r -> r.status() == 200, timeout)) {
            discard(candidate);
            throw new DeployException("ready", "the candidate server " + server.uri() + " was not ready within "
                    + timeout.toSeconds() + " s");
        }
        return candidate;
    }

    @Override
    public void promote(Candidate candidate, Duration timeout) throws IOException {
        LocalCandidate c = (LocalCandidate) candidate;
        c.server().close();
        Path slotDir = dir.resolve("versions").resolve(Integer.toString(c.slot()));
        Files.move(c.staged(), slotDir, StandardCopyOption.ATOMIC_MOVE);
        Optional<Release> before = current();
        if (serverPid().isEmpty()) {
            startServer(c.release().model(), timeout);
        }
        String path = "v2/models/" + c.release().model();
        String slot = Integer.toString(c.slot());
        if (!Http.await(endpoint(), path, r -> r.status() == 200 && servedSlot(r.body()).equals(slot), timeout)) {
            // Without the new slot the server goes back to (or stays on) the highest remaining one.
            FileTrees.delete(slotDir);
            throw new DeployException("switch", "the server at " + endpoint() + " did not serve slot " + slot + " of "
                    + c.release().model() + ":" + c.release().version() + " within " + timeout.toSeconds() + " s"
                    + before.map(b -> "; it still serves version " + b.version()).orElse("")
                    + "; see " + dir.resolve("server.log"));
        }
        ObjectNode state = Reports.object().put("model", c.release().model()).put("version", c.release().version())
                .put("bundle", c.release().digest()).put("slot", c.slot()).put("deployed_at", Instant.now().toString());
        Reports.write(dir.resolve("current.json"), state);
        try (Stream<Path> slots = Files.list(dir.resolve("versions"))) {
            for (Path old : slots.filter(p -> !p.equals(slotDir)).toList()) {
                FileTrees.delete(old);
            }
        }
    }

    @Override
    public void discard(Candidate candidate) throws IOException {
        LocalCandidate c = (LocalCandidate) candidate;
        c.server().close();
        FileTrees.delete(c.staged());
    }

    @Override
    public Optional<Release> current() throws IOException {
        Path file = dir.resolve("current.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode state = JSON.readTree(file.toFile());
        return Optional.of(new Release(state.path("model").asText(), state.path("version").asInt(),
                state.path("bundle").asText(), dir.resolve("versions").resolve(state.path("slot").asText()), null));
    }

    private int nextSlot() throws IOException {
        int highest = 0;
        for (String sub : List.of("versions", "staging")) {
            try (Stream<Path> slots = Files.list(dir.resolve(sub))) {
                for (Path p : slots.toList()) {
                    String name = p.getFileName().toString();
                    if (name.matches("[1-9][0-9]{0,8}")) {
                        highest = Math.max(highest, Integer.parseInt(name));
                    }
                }
            }
        }
        Optional<Release> current = current();
        if (current.isPresent()) {
            String slot = current.get().bundle().getFileName().toString();
            highest = Math.max(highest, slot.matches("[1-9][0-9]{0,8}") ? Integer.parseInt(slot) : 0);
        }
        return highest + 1;
    }

    private static String servedSlot(String metadata) {
        try {
            return JSON.readTree(metadata).path("versions").path(0).asText();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Starts {@code ctkit serve} on DIR/versions as a process of its own, which outlives this one. It always
     * writes its prediction and feedback log to DIR/logs, so that {@code ctkit monitor --log-dir DIR/logs} has
     * something to read.
     */
    private void startServer(String model, Duration timeout) throws IOException {
        Path log = dir.resolve("server.log");
        Process process = ChildJvm.start(dir, log, List.of(), "io.ctkit.cli.Ctkit", List.of("serve", "--model",
                dir.resolve("versions").toString(), "--model-name", model, "--port", Integer.toString(port),
                "--poll-interval", POLL.toMillis() + "ms", "--log-dir", logDir().toString()));
        ObjectNode server = Reports.object().put("pid", process.pid()).put("port", port).put("model", model)
                .put("started_at", Instant.now().toString());
        Reports.write(dir.resolve("server.json"), server);
        if (!Http.await(endpoint(), "v2/health/ready", r -> r.status() == 200, timeout)) {
            process.destroy();
            throw new DeployException("switch", "the server process (pid " + process.pid() + ", port " + port
                    + ") was not ready within " + timeout.toSeconds() + " s: " + tail(log));
        }
    }

    /** The directory the local server writes its prediction and feedback log to: DIR/logs. */
    public Path logDir() {
        return dir.resolve("logs");
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    /** A started candidate: its slot, its staged copy and the in-process server on it. */
    private record LocalCandidate(Release release, int slot, Path staged, ScoringServer server) implements Candidate {
        @Override
        public Reply post(String path, String json) throws IOException {
            return Http.post(server.uri(), path.startsWith("/") ? path.substring(1) : path, json);
        }

        @Override
        public URI endpoint() {
            return server.uri();
        }
    }
}
