package io.ctkit.registry;

import java.util.Objects;

/**
 * A request to point an alias at a version.
 *
 * @param alias the alias, e.g. {@code production}
 * @param actor who asks (recorded)
 * @param reason why (recorded; required when forced)
 * @param force override the policy that {@code production} needs a passing gate verdict
 */
public record Promotion(String alias, String actor, String reason, boolean force) {

    /** The alias only versions with a passing gate verdict may hold, unless forced. */
    public static final String PRODUCTION = "production";
    public static final String STAGING = "staging";

    public Promotion {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(actor, "actor");
    }

    public static Promotion to(String alias, String actor) {
        return new Promotion(alias, actor, null, false);
    }

    public Promotion because(String why) {
        return new Promotion(alias, actor, why, force);
    }

    public Promotion forced(String why) {
        return new Promotion(alias, actor, why, true);
    }
}
