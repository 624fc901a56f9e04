package io.ctkit.project;

import java.util.Map;
import java.util.Objects;

/**
 * A section of {@code ctkit.yaml} that the step owning it parses ({@code validation:},
 * {@code gate:}), kept as the YAML gave it, with its path so that step's messages can name
 * fields ({@code ctkit.yaml: gate.metrics[0].min: ...}).
 *
 * @param file how to name the file in messages, e.g. {@code examples/x/ctkit.yaml}
 * @param path the section's path, e.g. {@code gate}
 * @param values the section's map (YAML scalars as Java strings, numbers, booleans; nested maps and lists)
 */
public record RawSection(String file, String path, Map<String, Object> values) {
    public RawSection {
        Objects.requireNonNull(path, "path");
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }
}
