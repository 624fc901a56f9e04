package io.ctkit.register;

import io.ctkit.config.ConfigNode;
import io.ctkit.project.PipelineFile;
import io.ctkit.project.Section;
import io.ctkit.registry.GoldenRows;
import io.ctkit.registry.Promotion;
import java.util.Set;

/**
 * {@code register:} of ctkit.yaml: what {@code ctkit run} does with a version it registers.
 *
 * @param alias the alias moved to the version (default {@code production}: the next run's
 *              champion), or null for {@code none}
 * @param goldenRows how many holdout rows, with the engine's answers, are stored with the version
 *              as its golden rows (default 8; 0 for none); chosen with the project's seed
 */
public record RegisterSettings(String alias, int goldenRows) {

    /** The section as {@link PipelineFile#section} takes it. */
    public static final Section<RegisterSettings> SECTION = new RegisterSection();

    /** Default alias moved to a registered version: the next run's champion. */
    public static final String DEFAULT_ALIAS = Promotion.PRODUCTION;

    /** Reads {@code register:}, a map with {@code alias} (an alias name or {@code none}) and {@code golden_rows}. */
    public static final class RegisterSection implements Section<RegisterSettings> {
        @Override
        public String key() {
            return "register";
        }

        @Override
        public RegisterSettings read(ConfigNode node, PipelineFile project) {
            node.requireObject(Set.of("alias", "golden_rows"));
            int golden = node.optional("golden_rows").map(ConfigNode::nonNegativeInt).orElse(GoldenRows.DEFAULT_ROWS);
            String alias = node.optional("alias").map(ConfigNode::string).orElse(DEFAULT_ALIAS);
            if (alias.equals("none")) {
                return new RegisterSettings(null, golden);
            }
            if (!alias.matches("[a-z][a-z0-9_-]{0,62}")) {
                throw node.get("alias").error("must be an alias name (lower-case letters, digits, - and _, starting"
                        + " with a letter) or none, got \"" + alias + "\"");
            }
            return new RegisterSettings(alias, golden);
        }

        @Override
        public RegisterSettings absent(PipelineFile project) {
            return new RegisterSettings(DEFAULT_ALIAS, GoldenRows.DEFAULT_ROWS);
        }
    }
}
