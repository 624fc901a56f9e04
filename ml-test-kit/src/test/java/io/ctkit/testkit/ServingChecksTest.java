package io.ctkit.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.ctkit.bundle.Bundle;
import io.ctkit.model.Model;
import io.ctkit.testkit.internal.ModelLocator.LocatedModel;
import io.ctkit.testkit.internal.serving.RunningServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parity and contract checks against a real HTTP server that breaks the protocol (the JDK's
 * com.sun.net.httpserver): wrong metadata datatypes, and a 500 with plain text where a client's
 * mistake must get a JSON 400. Each failure lists what is broken, exactly.
 */
class ServingChecksTest {

    private HttpServer server;

    @BeforeAll
    static void writeFixtures() {
        ServingFixtures.write();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private ScoringEndpoint endpointOfABrokenServer() throws IOException {
        server = TestHttpServers.create();
        server.createContext("/v2/models/kit-regression", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean metadata = "GET".equals(exchange.getRequestMethod());
            byte[] body = (metadata
                    ? "{\"name\":\"kit-regression\",\"versions\":[\"1\"],"
                            + "\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP64\",\"shape\":[-1,3]}],"
                            + "\"outputs\":[{\"name\":\"prediction\",\"datatype\":\"FP64\",\"shape\":[-1]}]}"
                    : "boom").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", metadata ? "application/json" : "text/plain");
            exchange.sendResponseHeaders(metadata ? 200 : 500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        Bundle bundle = Bundle.open(Path.of(ServingFixtures.V1));
        LocatedModel located = new LocatedModel(bundle, Model.from(bundle), Path.of(ServingFixtures.V1), null, 0,
                "kit-regression v1");
        return new ScoringEndpoint(new RunningServer(base, "LOCAL", "broken test server", () -> "", () -> { }), located, "1");
    }

    @Test
    void theContractCheckListsEveryBrokenPoint() throws IOException {
        ScoringEndpoint endpoint = endpointOfABrokenServer();
        String base = endpoint.baseUri().toString();

        assertThatThrownBy(endpoint::assertProtocolContract).isInstanceOf(AssertionError.class).hasMessage(String.join(
                System.lineSeparator(),
                "protocol contract broken by LOCAL broken test server at " + base + " serving model kit-regression v1:",
                "  GET /v2/models/kit-regression: inputs are {input=FP64 [-1, 3]}, model.json implies {input=FP32 [-1, 3]}",
                "  POST /v2/models/kit-regression/infer with a body that is not JSON: expected HTTP 400, got 500: boom",
                "  POST /v2/models/kit-regression/infer with a tensor for an input the model does not have: expected HTTP"
                        + " 400, got 500: boom"));
    }

    @Test
    void theParityCheckNamesTheRowsAServerErrorAnswered() throws IOException {
        ScoringEndpoint endpoint = endpointOfABrokenServer();

        assertThatThrownBy(() -> endpoint.assertParity(Path.of(ServingFixtures.DATA))).isInstanceOf(AssertionError.class)
                .hasMessage("serving parity on " + ServingFixtures.DATA + ": LOCAL broken test server at "
                        + endpoint.baseUri() + " answered HTTP 500 to rows 1-256: boom" + System.lineSeparator()
                        + "(model kit-regression v1)");
        assertThatThrownBy(() -> endpoint.assertParity(Path.of(ServingFixtures.DATA), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("assertParity: the tolerance must be zero or a positive number: -1.0");
    }
}
