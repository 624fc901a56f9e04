package io.ctkit.registry;

import java.time.Instant;
import java.util.Map;

/**
 * A registered model.
 *
 * @param name the model name
 * @param description free text, or null
 * @param createdAt when its first version was registered
 * @param lastVersion the highest version number handed out
 * @param tags the model's tags
 * @param aliases alias name to version number, e.g. {@code production -> 3}
 */
public record ModelInfo(String name, String description, Instant createdAt, int lastVersion,
        Map<String, String> tags, Map<String, Integer> aliases) {

    public ModelInfo {
        tags = Map.copyOf(tags);
        aliases = Map.copyOf(aliases);
    }
}
