package io.ctkit.project;

import java.util.Map;
import java.util.Objects;

/**
 * {@code data.generate:}: a built-in, seeded data generator that writes the data files when
 * they are missing (examples ship a generator instead of CSV files).
 *
 * @param name the generator, e.g. {@code marketing-forecast}
 * @param path the YAML path of the section, for the generator's own error messages
 * @param options the generator's options, checked by the generator
 */
public record GeneratorSpec(String name, String path, Map<String, Object> options) {
    public GeneratorSpec {
        Objects.requireNonNull(name, "name");
        options = Map.copyOf(options);
    }
}
