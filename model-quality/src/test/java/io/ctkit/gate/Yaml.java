package io.ctkit.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ctkit.config.ConfigNode;
import java.util.Map;

/** Parses YAML snippets for policy tests. */
final class Yaml {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Yaml() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(String yaml) {
        try {
            return YAML.readValue(yaml, Map.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The snippet as the document {@code source} at {@code path} (empty for its root). */
    static ConfigNode node(String yaml, String source, String path) {
        try {
            return ConfigNode.at(source, path, YAML.readTree(yaml));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
