package io.ctkit.serving.internal.model;

import io.ctkit.model.Model;
import io.ctkit.model.PredictionBatch;
import io.ctkit.model.preprocess.InvalidInputException;
import io.ctkit.serving.internal.protocol.InputBatch;
import io.ctkit.serving.internal.protocol.RequestException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One loaded, verified model version. A request reads the current {@code ServedModel} once and
 * uses only it, so a version switch never mixes versions inside a request.
 *
 * @param name the name clients use in URLs (model.json's {@code name} unless overridden)
 * @param version the version directory's name ({@code 1} for a single bundle directory)
 * @param digest the bundle digest (SHA-256 of MANIFEST.json)
 */
public record ServedModel(String name, String version, Model model, String digest, Path source, Instant loadedAt) {

    public ServedModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(model, "model");
    }

    /** Encodes a request's rows into feature vectors, row-major {@code [rows, width]}. */
    public double[] encode(InputBatch batch) {
        var encoder = model.encoder();
        double[] features = new double[batch.rows() * encoder.width()];
        try {
            if (encoder.numericOnly()) {
                encoder.encodeNumeric(batch.numericRows(), batch.rows(), features);
            } else {
                encoder.encode(batch.mapRows(), features);
            }
        } catch (InvalidInputException e) {
            throw RequestException.badRequest(e.getMessage());
        }
        return features;
    }

    /** Scores encoded rows directly (no batching). */
    public PredictionBatch score(double[] features, int rows) {
        return model.predictFeatures(features, rows);
    }
}
