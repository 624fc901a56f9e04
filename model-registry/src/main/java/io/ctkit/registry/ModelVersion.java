package io.ctkit.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One registered version of a model. Its bundle is immutable: {@code bundleDigest} is the
 * SHA-256 of the bundle's MANIFEST.json, which lists the digest of every file.
 *
 * @param model the model name
 * @param version the version number, from 1, never reused
 * @param bundleDigest {@code sha256:<hex>}, as {@link io.ctkit.bundle.Bundle#digest()} reports it
 * @param runId the pipeline run that produced it, or null
 * @param description free text, or null
 * @param createdAt when it was registered
 * @param createdBy who registered it
 * @param tags the version's tags
 * @param aliases the aliases pointing at it now
 */
public record ModelVersion(String model, int version, String bundleDigest, String runId, String description,
        Instant createdAt, String createdBy, Map<String, String> tags, List<String> aliases) {

    public ModelVersion {
        tags = Map.copyOf(tags);
        aliases = List.copyOf(aliases);
    }

    /** {@code model:version}, e.g. {@code wine-classifier:3}. */
    public String reference() {
        return model + ":" + version;
    }
}
