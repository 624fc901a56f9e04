package io.ctkit.serving.internal.predictionlog;

import io.ctkit.serving.internal.model.Scores;
import io.ctkit.serving.internal.protocol.InputBatch;
import java.util.List;

/** One line of the prediction log. */
public sealed interface LogRecord permits LogRecord.Prediction, LogRecord.Feedback {

    String id();

    long timeMillis();

    /** A scored request: its rows and what the model answered. */
    record Prediction(String id, long timeMillis, String model, String version, InputBatch inputs,
            Scores predictions) implements LogRecord {
    }

    /**
     * The true outcomes for (some rows of) a prediction.
     *
     * @param row the row the single outcome is for, or null when {@code outcomes} holds one per row
     * @param outcomes label strings (classifiers) or numbers (regression)
     */
    record Feedback(String id, long timeMillis, Integer row, List<Object> outcomes) implements LogRecord {
        public Feedback {
            outcomes = List.copyOf(outcomes);
        }
    }
}
