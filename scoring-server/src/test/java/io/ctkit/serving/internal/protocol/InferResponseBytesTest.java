package io.ctkit.serving.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ctkit.model.Model;
import io.ctkit.serving.TestBundles;
import io.ctkit.serving.internal.model.Scores;
import io.ctkit.serving.internal.model.ServedModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The V2 infer response is written as bytes by hand; it must be byte for byte what Jackson's
 * generator, configured as the server's {@link Json}, writes for the same document.
 */
class InferResponseBytesTest {

    @TempDir
    Path tmp;

    private final Json json = new Json(32);
    private final KserveV2 v2 = new KserveV2(json, 100);

    @Test
    void classifierAndRegressionResponsesEqualTheGeneratorsBytes() throws Exception {
        Model wine = Model.load(TestBundles.WINE);
        Model regression = TestBundles.regression(tmp.resolve("reg"), "reg", 3);
        Random random = new Random(5);
        StringBuilder printable = new StringBuilder();
        for (char c = 0x20; c <= 0x7F; c++) {
            printable.append(c); // every printable ASCII character, DEL and '/' too: the generator escapes only '"' and '\\'
        }
        List<String> ids = Arrays.asList(null, "abc", "q\"uote\\ \n\t ü \u2028 𝄞 \u0001", printable.toString());
        int checked = 0;
        for (String name : List.of("wine-classifier", "w \"ü\" \\ 𝄞")) {
            for (Model model : List.of(wine, regression)) {
                ServedModel served = new ServedModel(name, "7", model, null, tmp, Instant.now());
                int width = model.encoder().width();
                List<List<String>> outputLists = model.task().isClassification()
                        ? List.of(List.of("probabilities", "label"), List.of("label"), List.of("probabilities"),
                                List.of("label", "probabilities"))
                        : List.of(List.of("prediction"));
                for (int rows = 1; rows <= 4; rows++) {
                    double[] features = new double[rows * width];
                    for (int i = 0; i < features.length; i++) {
                        features[i] = random.nextGaussian() * (model == wine ? 50 : 3);
                    }
                    Scores scores = Scores.of(served.score(features, rows));
                    for (String id : ids) {
                        for (List<String> outputs : outputLists) {
                            KserveV2.Infer infer = new KserveV2.Infer(id, null, outputs);
                            String actual = new String(v2.response(served, infer, scores, "p-1f"), StandardCharsets.UTF_8);
                            assertThat(actual).isEqualTo(generator(served, infer, scores, "p-1f"));
                            checked++;
                        }
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(2 * 4 * ids.size() * (4 + 1));
    }

    /** The response as the generator-based writer (before the hand-written one) produced it. */
    private String generator(ServedModel served, KserveV2.Infer request, Scores predictions, String predictionId)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = json.generator(bytes)) {
            int rows = predictions.size();
            g.writeStartObject();
            g.writeStringField("model_name", served.name());
            g.writeStringField("model_version", served.version());
            g.writeStringField("id", request.id() != null ? request.id() : predictionId);
            g.writeObjectFieldStart("parameters");
            g.writeStringField("prediction_id", predictionId);
            g.writeEndObject();
            g.writeArrayFieldStart("outputs");
            for (String output : request.outputs()) {
                g.writeStartObject();
                g.writeStringField("name", output);
                List<Integer> shape = new ArrayList<>(List.of(rows));
                switch (output) {
                    case "prediction" -> {
                        g.writeStringField("datatype", "FP64");
                        writeShape(g, shape);
                        g.writeArrayFieldStart("data");
                        for (int r = 0; r < rows; r++) {
                            Json.number(g, predictions.value(r));
                        }
                        g.writeEndArray();
                    }
                    case "probabilities" -> {
                        int classes = predictions.labels().size();
                        shape.add(classes);
                        g.writeStringField("datatype", "FP64");
                        writeShape(g, shape);
                        g.writeArrayFieldStart("data");
                        for (int r = 0; r < rows; r++) {
                            for (int c = 0; c < classes; c++) {
                                Json.number(g, predictions.probability(r, c));
                            }
                        }
                        g.writeEndArray();
                    }
                    default -> {
                        g.writeStringField("datatype", "BYTES");
                        writeShape(g, shape);
                        g.writeArrayFieldStart("data");
                        for (int r = 0; r < rows; r++) {
                            g.writeString(predictions.label(r));
                        }
                        g.writeEndArray();
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void writeShape(JsonGenerator g, List<Integer> dims) throws IOException {
        g.writeArrayFieldStart("shape");
        for (int d : dims) {
            g.writeNumber(d);
        }
        g.writeEndArray();
    }
}
