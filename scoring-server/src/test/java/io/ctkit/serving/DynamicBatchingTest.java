package io.ctkit.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.model.Model;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent requests are scored together in one batch, and each still gets its own rows back. */
class DynamicBatchingTest {

    @TempDir
    Path tmp;

    @Test
    void concurrentRequestsAreBatchedAndEachGetsItsOwnRows() throws Exception {
        Model model = TestBundles.regression(tmp.resolve("reg"), "reg", 5);
        try (RunningServer server = RunningServer.start("--model", tmp.resolve("reg").toString(), "--batch-max-rows", "64",
                "--batch-max-delay", "500ms")) {
            HttpClient client = HttpClient.newHttpClient();
            int requests = 24;
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int rows = 1 + i % 3;
                StringBuilder data = new StringBuilder();
                for (int k = 0; k < rows * 3; k++) {
                    data.append(k == 0 ? "" : ",").append(i + k * 0.25);
                }
                String body = "{\"inputs\":[{\"name\":\"input\",\"shape\":[" + rows + ",3],\"datatype\":\"FP64\",\"data\":["
                        + data + "]}]}";
                answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/v2/models/reg/infer")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            ObjectMapper json = new ObjectMapper();
            for (int i = 0; i < requests; i++) {
                int rows = 1 + i % 3;
                double[] values = new double[rows * 3];
                for (int k = 0; k < values.length; k++) {
                    values[k] = i + k * 0.25;
                }
                var expected = model.predictNumeric(values, rows);
                HttpResponse<String> response = answers.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                var data = json.readTree(response.body()).path("outputs").get(0).path("data");
                assertThat(data.size()).isEqualTo(rows);
                for (int r = 0; r < rows; r++) {
                    assertThat(data.get(r).doubleValue()).as("request %d row %d", i, r).isEqualTo(expected.value(r));
                }
            }
            var batches = server.server.metrics().registry().get("ctkit.batch.rows").summary();
            assertThat(batches.totalAmount()).isEqualTo(48.0);
            assertThat(batches.count()).as("batches run for %d requests", requests).isLessThan(requests);
            assertThat(batches.max()).isGreaterThan(3.0);
        }
    }
}
