package io.ctkit.image;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.ctkit.model.Model;
import io.ctkit.model.PredictionBatch;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The built scoring image, run by the real Docker engine as Kubernetes would run it (read-only root
 * filesystem, non-root user), spoken to over HTTP with REST Assured: both protocols answer with the
 * bundle's own predictions, bad requests get a JSON 4xx, and SIGTERM stops it cleanly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScoringContainerIT {

    private static final Path ROOT = Docker.projectRoot();
    private static final Path WINE = ROOT.resolve("examples/wine-classifier/model");
    private static final String IMAGE = "ctkit-it/wine-classifier:7";

    private GenericContainer<?> container;
    private Model model;
    private List<Map<String, Object>> rows;
    private BuiltImage built;

    @BeforeAll
    void startContainer() throws IOException {
        Docker.requireEngineAndBaseImage();
        Path serverJar = ROOT.resolve("scoring-server/target/ctkit-scoring-server.jar");
        assertThat(serverJar).as("the scoring-server module is packaged before this test").isRegularFile();
        built = new ScoringImageBuilder(line -> { }).build(
                new ScoringImageSpec(WINE, 7, serverJar, "docker://" + Docker.BASE_IMAGE, 8080,
                        ScoringImageSpec.DEFAULT_JVM_OPTIONS),
                new ImageTarget.Daemon(IMAGE));
        container = new GenericContainer<>(IMAGE)
                .withExposedPorts(8080)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withReadonlyRootfs(true))
                .waitingFor(Wait.forHttp("/v2/health/ready").forStatusCode(200).withStartupTimeout(Duration.ofSeconds(60)));
        container.start();
        model = Model.load(WINE);
        rows = holdoutRows(5);
    }

    @AfterAll
    void removeImage() {
        if (container != null && container.isRunning()) {
            container.stop();
        }
        Docker.run(List.of("docker", "image", "rm", "-f", IMAGE), 60);
    }

    private RequestSpecification http() {
        return given().baseUri("http://" + container.getHost()).port(container.getMappedPort(8080));
    }

    @Test
    void servesTheBundleAsVersionSevenWithItsMetadata() {
        http().get("/v2/models/wine-classifier")
                .then().statusCode(200)
                .body("name", equalTo("wine-classifier"))
                .body("versions", hasItem("7"))
                .body("platform", notNullValue());
        http().get("/v1/models/wine-classifier")
                .then().statusCode(200)
                .body("model_version_status[0].version", equalTo("7"))
                .body("model_version_status[0].state", equalTo("AVAILABLE"));
    }

    @Test
    void kserveInferMatchesTheBundlesOwnPredictions() {
        Map<String, Object> body = Map.of("inputs", List.of(Map.of(
                "name", "input", "datatype", "FP64", "shape", List.of(rows.size(), model.definition().inputs().size()),
                "data", flatRows())));
        Response response = http().contentType(ContentType.JSON).body(body)
                .post("/v2/models/wine-classifier/infer")
                .then().statusCode(200).header("X-Model-Version", "7").extract().response();
        assertThat(response.jsonPath().getString("model_version")).isEqualTo("7");
        List<Map<String, Object>> outputs = response.jsonPath().getList("outputs");
        Map<String, Object> probabilities = outputs.stream().filter(o -> o.get("name").equals("probabilities")).findFirst().orElseThrow();
        Map<String, Object> labels = outputs.stream().filter(o -> o.get("name").equals("label")).findFirst().orElseThrow();
        // The server computes in float32 (model-core's float engine): equal to the float64 engine to 1e-6.
        PredictionBatch expected = model.predict(rows);
        List<?> data = (List<?>) probabilities.get("data");
        int classes = model.labels().size();
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < classes; c++) {
                assertThat(((Number) data.get(r * classes + c)).doubleValue())
                        .as("row %d class %d", r, c).isCloseTo(expected.probability(r, c), org.assertj.core.data.Offset.offset(1e-6));
            }
            assertThat(((List<?>) labels.get("data")).get(r)).isEqualTo(expected.label(r));
        }
    }

    @Test
    void tensorflowServingRowsMatchTheBundlesOwnPredictions() {
        Response response = http().contentType(ContentType.JSON).body(Map.of("instances", rows))
                .post("/v1/models/wine-classifier:predict")
                .then().statusCode(200).header("X-Model-Version", "7").extract().response();
        List<Map<String, Object>> predictions = response.jsonPath().getList("predictions");
        PredictionBatch expected = model.predict(rows);
        assertThat(predictions).hasSize(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            assertThat(predictions.get(r).get("label")).isEqualTo(expected.label(r));
        }
    }

    @Test
    void aTensorOfTheWrongShapeGetsAJsonClientErrorAndTheContainerStaysReady() {
        http().contentType(ContentType.JSON).body("{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 3], \"datatype\": \"FP32\", \"data\": [1, 2, 3]}]}")
                .post("/v2/models/wine-classifier/infer")
                .then().statusCode(400).contentType(ContentType.JSON).body("error", notNullValue());
        http().get("/v2/health/ready").then().statusCode(200);
    }

    @Test
    void aBodyThatIsNotJsonGetsAClientErrorAndTheContainerStaysReady() {
        http().contentType(ContentType.JSON).body("{not json")
                .post("/v1/models/wine-classifier:predict")
                .then().statusCode(400).body("error", notNullValue());
        http().get("/v2/health/ready").then().statusCode(200);
    }

    @Test
    void anUnknownModelGetsAJsonNotFoundAndTheContainerStaysReady() {
        http().get("/v2/models/no-such-model").then().statusCode(404).body("error", notNullValue());
        http().get("/v2/health/ready").then().statusCode(200);
    }

    @Test
    void runsAsTheNonRootUserOnAReadOnlyRootFilesystem() throws Exception {
        InspectContainerResponse info = container.getContainerInfo();
        var exec = container.execInContainer("java", "-XshowSettings:properties", "-version");
        Response metrics = http().get("/metrics");
        assertSoftly(softly -> {
            softly.assertThat(info.getConfig().getUser()).isEqualTo("10001:10001");
            softly.assertThat(info.getHostConfig().getReadonlyRootfs()).isTrue();
            softly.assertThat(exec.getStderr()).contains("user.name = ctkit");
            softly.assertThat(built.labels()).containsEntry(ScoringImageBuilder.LABEL_MODEL_VERSION, "7");
            softly.assertThat(metrics.statusCode()).isEqualTo(200);
            softly.assertThat(metrics.asString()).contains("ctkit_");
        });
    }

    @Test
    void sigtermStopsTheServerCleanly() {
        // A second container, so the other tests keep theirs.
        try (GenericContainer<?> second = new GenericContainer<>(IMAGE)
                .withExposedPorts(8080)
                .withEnv("CTKIT_DRAIN_DELAY", "1s")
                .waitingFor(Wait.forHttp("/v2/health/ready").forStatusCode(200).withStartupTimeout(Duration.ofSeconds(60)))) {
            second.start();
            String id = second.getContainerId();
            long start = System.nanoTime();
            second.getDockerClient().stopContainerCmd(id).withTimeout(30).exec();  // SIGTERM, then SIGKILL at 30 s
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            InspectContainerResponse.ContainerState state = second.getDockerClient().inspectContainerCmd(id).exec().getState();
            String logs = second.getLogs();
            assertSoftly(softly -> {
                softly.assertThat(state.getExitCodeLong()).as("exit code after SIGTERM; logs:%n%s", logs).isZero();
                softly.assertThat(logs).contains("readiness is 503").contains("stopped");
                softly.assertThat(seconds).as("stopped by itself, well before docker's SIGKILL").isLessThan(25);
            });
        }
    }

    private List<Object> flatRows() {
        List<Object> flat = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            for (var input : model.definition().inputs()) {
                flat.add(row.get(input.name()));
            }
        }
        return flat;
    }

    private static List<Map<String, Object>> holdoutRows(int n) throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("examples/wine-classifier/holdout.csv"));
        String[] header = lines.get(0).split(",");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : lines.subList(1, 1 + n)) {
            String[] cells = line.split(",");
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                if (!header[i].equals("label")) {
                    row.put(header[i], Double.parseDouble(cells[i]));
                }
            }
            rows.add(row);
        }
        return rows;
    }
}
