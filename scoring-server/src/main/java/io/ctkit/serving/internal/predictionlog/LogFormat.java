package io.ctkit.serving.internal.predictionlog;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ctkit.serving.internal.model.Scores;
import io.ctkit.serving.internal.protocol.InputBatch;
import java.io.IOException;
import java.time.Instant;

/** The JSON line of each record (documented in docs/scoring-server.md). */
final class LogFormat {

    private LogFormat() {
    }

    static void write(JsonGenerator g, LogRecord record) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", record instanceof LogRecord.Prediction ? "prediction" : "feedback");
        g.writeStringField("id", record.id());
        g.writeStringField("time", Instant.ofEpochMilli(record.timeMillis()).toString());
        if (record instanceof LogRecord.Prediction p) {
            prediction(g, p);
        } else {
            LogRecord.Feedback f = (LogRecord.Feedback) record;
            if (f.row() != null) {
                g.writeNumberField("row", f.row());
                g.writeFieldName("outcome");
                value(g, f.outcomes().get(0));
            } else {
                g.writeArrayFieldStart("outcomes");
                for (Object o : f.outcomes()) {
                    value(g, o);
                }
                g.writeEndArray();
            }
        }
        g.writeEndObject();
    }

    private static void prediction(JsonGenerator g, LogRecord.Prediction p) throws IOException {
        g.writeStringField("model", p.model());
        g.writeStringField("version", p.version());
        InputBatch batch = p.inputs();
        g.writeNumberField("rows", batch.rows());
        g.writeObjectFieldStart("inputs");
        for (int i = 0; i < batch.inputs().size(); i++) {
            g.writeArrayFieldStart(batch.inputs().get(i).name());
            Object column = batch.columns()[i];
            if (column instanceof double[] numbers) {
                for (double v : numbers) {
                    if (Double.isNaN(v)) {
                        g.writeNull();
                    } else {
                        g.writeNumber(v);
                    }
                }
            } else {
                for (String s : (String[]) column) {
                    g.writeString(s);
                }
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        Scores predictions = p.predictions();
        g.writeObjectFieldStart("outputs");
        if (predictions.task().isClassification()) {
            g.writeArrayFieldStart("label");
            for (int r = 0; r < predictions.size(); r++) {
                g.writeString(predictions.label(r));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("probabilities");
            for (int r = 0; r < predictions.size(); r++) {
                g.writeStartArray();
                for (int c = 0; c < predictions.labels().size(); c++) {
                    g.writeNumber(predictions.probability(r, c));
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        } else {
            g.writeArrayFieldStart("prediction");
            for (int r = 0; r < predictions.size(); r++) {
                g.writeNumber(predictions.value(r));
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void value(JsonGenerator g, Object value) throws IOException {
        if (value instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else {
            g.writeString(String.valueOf(value));
        }
    }
}
