package io.ctkit.testkit;

import io.ctkit.model.Model;
import io.ctkit.testkit.internal.ModelLocator.LocatedModel;
import io.ctkit.testkit.internal.serving.ContractCheck;
import io.ctkit.testkit.internal.serving.Http;
import io.ctkit.testkit.internal.serving.ParityCheck;
import io.ctkit.testkit.internal.serving.RunningServer;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A running scoring server of the model under test, injected by {@link ScoringContainerTest}: where
 * it answers, which model and version it serves, a REST Assured request ready to use, and the
 * built-in checks every scoring container should pass (serving parity, the protocol contract).
 *
 * <pre>{@code
 * endpoint.request().get("/v2/health/ready").then().statusCode(200);
 * endpoint.assertParity(Path.of("data/holdout.csv"));
 * endpoint.assertProtocolContract();
 * }</pre>
 */
public final class ScoringEndpoint {

    private final RunningServer server;
    private final LocatedModel located;
    private final String modelVersion;
    private final RequestSpecification specification;

    ScoringEndpoint(RunningServer server, LocatedModel located, String modelVersion) {
        this.server = server;
        this.located = located;
        this.modelVersion = modelVersion;
        this.specification = Http.specification(server.baseUri());
    }

    /** Where the server answers, e.g. {@code http://localhost:32768}. */
    public URI baseUri() {
        return server.baseUri();
    }

    /** The served model's name (model.json's {@code name}). */
    public String modelName() {
        return located.model().name();
    }

    /** The version the server reports for the model ({@code GET /v2/models/{name}}). */
    public String modelVersion() {
        return modelVersion;
    }

    /** The model the server is expected to serve, as the parity and contract checks read it. */
    public Model model() {
        return located.model();
    }

    /** The mode that ran: {@code DOCKER} or {@code LOCAL} (never AUTO: AUTO chose one of them). */
    public ScoringContainerTest.Mode mode() {
        return ScoringContainerTest.Mode.valueOf(server.mode());
    }

    /** {@code POST /v2/models/{name}/infer}, absolute. */
    public URI inferUri() {
        return URI.create(server.baseUri() + "/v2/models/" + modelName() + "/infer");
    }

    /**
     * A REST Assured request with the base URI set (and, when Allure is present, the filter that
     * attaches every request and response to the report): {@code endpoint.request().get("/v2")}.
     */
    public RequestSpecification request() {
        return RestAssured.given().spec(specification);
    }

    /** The server's log so far (the container's, or the local server's). */
    public String serverLog() {
        return server.logs().get();
    }

    /**
     * Serving parity on a dataset: the server's answers equal the in-process engine's within
     * {@value io.ctkit.testkit.internal.serving.ParityCheck#TOLERANCE} (the server computes in
     * float32), and the labels are equal.
     *
     * @param data a CSV file with a column per model input (other columns are ignored)
     * @throws AssertionError naming how many rows differ and showing the first of them
     */
    public void assertParity(Path data) {
        assertParity(data, ParityCheck.TOLERANCE);
    }

    /** As {@link #assertParity(Path)}, with an absolute tolerance of your own. */
    public void assertParity(Path data, double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("assertParity: the tolerance must be zero or a positive number: " + tolerance);
        }
        Path file = data.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("assertParity: no data file at " + file + " (\"" + data + "\"); give a CSV"
                    + " file with a column per model input " + inputNames());
        }
        String failure;
        try {
            failure = ParityCheck.run(model(), located.description(), data, tolerance, this::request,
                    "/v2/models/" + modelName() + "/infer", describe());
        } catch (IOException e) {
            throw new UncheckedIOException("assertParity: " + e.getMessage(), e);
        }
        if (failure != null) {
            throw new AssertionError(failure);
        }
    }

    /**
     * The V2 protocol contract: {@code GET /v2/models/{name}} describes the inputs and outputs
     * model.json defines (names, datatypes, shapes), and malformed infer requests get HTTP 400 with
     * a JSON {@code {"error": ...}}.
     *
     * @throws AssertionError listing every broken point
     */
    public void assertProtocolContract() {
        List<String> broken = ContractCheck.run(model(), this::request);
        if (!broken.isEmpty()) {
            throw new AssertionError("protocol contract broken by " + describe() + " serving model "
                    + located.description() + ":" + System.lineSeparator() + "  "
                    + String.join(System.lineSeparator() + "  ", broken));
        }
    }

    private List<String> inputNames() {
        return model().definition().inputs().stream().map(i -> i.name()).toList();
    }

    private String describe() {
        return server.mode() + " " + server.description() + " at " + server.baseUri();
    }

    @Override
    public String toString() {
        return "ScoringEndpoint[" + modelName() + " version " + modelVersion + ", " + describe() + "]";
    }
}
