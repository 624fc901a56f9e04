package io.ctkit.registry;

import java.util.Map;
import java.util.Objects;

/**
 * Something a run read or wrote (ML Metadata's artifact): a dataset, a config, a bundle, a report,
 * an image.
 *
 * @param kind e.g. {@code dataset}, {@code config}, {@code bundle}, {@code metrics}, {@code gate},
 *     {@code tests}, {@code image}, {@code code}
 * @param role what it was for the step, e.g. {@code train}, {@code holdout}, {@code pipeline}
 * @param location where it was (a path or URL), or null
 * @param digest its content digest ({@code sha256:<hex>}; for a dataset, its fingerprint), or null
 * @param properties anything else worth keeping
 */
public record Artifact(String kind, String role, String location, String digest, Map<String, String> properties) {

    public Artifact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(role, "role");
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** A dataset read by a run: {@code digest} is its fingerprint ({@link io.ctkit.data.Dataset#fingerprint()}). */
    public static Artifact dataset(String role, String location, String fingerprint) {
        return new Artifact("dataset", role, location, fingerprint, Map.of());
    }

    /** A configuration file, by location and content digest. */
    public static Artifact config(String location, String digest) {
        return new Artifact("config", "pipeline", location, digest, Map.of());
    }
}
