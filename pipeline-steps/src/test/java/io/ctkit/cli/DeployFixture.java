package io.ctkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.bundle.Bundle;
import io.ctkit.model.Model;
import io.ctkit.model.ModelDefinition;
import io.ctkit.npy.NpyArray;
import io.ctkit.registry.Deployment;
import io.ctkit.registry.GoldenRows;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.Registration;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.train.TestProjects;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A project and a registry for deploy tests: model {@code fc} (regression, {@code x → w·x}) as
 * version 1 (w = 1), 2 (w = 2) and a broken 3 (w = 3, whose first golden answer is 3.5), each with
 * golden rows; a free port for the target; {@code ctkit deploy} run in-process.
 */
public final class DeployFixture {

    static final ObjectMapper JSON = new ObjectMapper();

    final Path project;
    final String registry;
    final int port;

    private DeployFixture(Path project, String registry, int port) {
        this.project = project;
        this.registry = registry;
        this.port = port;
    }

    /** The project in {@code tmp} with {@code deploySection} (a YAML block; PORT stands for the free port). */
    static DeployFixture create(Path tmp, String deploySection) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path project = TestProjects.binary(tmp.resolve("p"), 60, "epochs: 1\n", false);
        Files.writeString(project.resolve("ctkit.yaml"), Files.readString(project.resolve("ctkit.yaml"))
                + deploySection.replace("PORT", Integer.toString(port)));
        String registry = tmp.resolve("registry").toString();
        try (ModelRegistry reg = ModelRegistry.open(RegistryConfig.embedded(Path.of(registry)))) {
            for (int w = 1; w <= 3; w++) {
                Path b = bundle(tmp.resolve("bundle-" + w), w);
                Bundle bundle = Bundle.open(b);
                GoldenRows golden = GoldenRows.of(Model.from(bundle), bundle.digest(),
                        List.of(Map.of("x", 1.0), Map.of("x", 4.0)));
                if (w == 3) {
                    // broken: its golden answers are not what its engine answers
                    golden = new GoldenRows(golden.model(), golden.bundle(), golden.task(), golden.inputs(),
                            List.of(new GoldenRows.Answer(3.5, List.of(), null), golden.outputs().get(1)));
                }
                reg.register(Registration.of("fc", b).withGoldenRows(golden));
            }
        }
        return new DeployFixture(project, registry, port);
    }

    /** A bundle of fc with weight {@code weight}, written to {@code out}. */
    public static Path bundle(Path out, double weight) throws IOException {
        String json = "{\"format\": \"ctkit-model/1\", \"name\": \"fc\", \"task\": \"regression\","
                + " \"inputs\": [{\"name\": \"x\", \"type\": \"number\"}], \"layers\": [{\"type\": \"dense\","
                + " \"weights\": \"weights/W.npy\", \"bias\": \"weights/b.npy\", \"activation\": \"linear\"}]}";
        Model.bundleWriter(ModelDefinition.parse(json.getBytes(StandardCharsets.UTF_8), "model.json"), Map.of(
                "weights/W.npy", NpyArray.ofDoubles(new int[] {1, 1}, new double[] {weight}),
                "weights/b.npy", NpyArray.ofDoubles(new int[] {1}, new double[] {0}))).write(out);
        return out;
    }

    /** {@code ctkit deploy ARGS} on this project and registry. */
    CliRunner deploy(String... args) {
        List<String> all = new ArrayList<>(List.of("deploy"));
        all.addAll(List.of(args));
        all.addAll(List.of("--project", project.toString(), "--registry", registry));
        return CliRunner.run(all.toArray(String[]::new));
    }

    /** The deployments of fc recorded for a target. */
    List<Deployment> deployments(String target) throws IOException {
        try (ModelRegistry reg = ModelRegistry.open(RegistryConfig.embedded(Path.of(registry)))) {
            return reg.deployments("fc", target);
        }
    }

    /** fc's answer for x = 1 on the target's port; an exception for any failed request. */
    double predict() throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/models/fc/infer"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP64\",\"shape\":[1],\"data\":[1.0]}]}")).build();
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body()).get("outputs").get(0).get("data").get(0).asDouble();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Ends a process whose pid a deployment wrote into {@code file} ({@code server.json}, {@code proxy.json}). */
    static void kill(Path file) throws Exception {
        if (Files.isRegularFile(file)) {
            long pid = JSON.readTree(file.toFile()).get("pid").asLong();
            var p = ProcessHandle.of(pid);
            if (p.isPresent()) {
                p.get().destroyForcibly();
                p.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }
}
