package io.ctkit.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as ctkit.yaml and the CLI write them: a positive whole number and a unit, {@code ms},
 * {@code s}, {@code m}, {@code h} or {@code d} ({@code 500ms}, {@code 90s}, {@code 15m}, {@code 6h},
 * {@code 1d}). One grammar for every setting (test timeouts, rollout timeouts, retraining cooldowns,
 * monitoring windows, schedules), so that what works in one place works in all.
 */
public final class Durations {
    /** Examples for messages: "expected a duration such as " + EXAMPLES. */
    public static final String EXAMPLES = "30s, 10m, 6h or 1d";

    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,8})\\s*(ms|s|m|h|d)");

    private Durations() {}

    /** The duration {@code text} writes, or empty when it is not one (a missing unit, zero, a sign, a fraction). */
    public static Optional<Duration> parse(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    /** {@code d} in the largest unit that divides it: {@code 90m}, {@code 6h}, {@code 1d}, {@code 1500ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s > 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s > 0 && s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s > 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    /** The duration at {@code node}, or a {@link ConfigException} naming the file, line and field. */
    static Duration of(ConfigNode node) {
        if (node.raw().isNumber()) {
            throw node.error("expected a duration such as " + EXAMPLES + ", got the number " + node.raw()
                    + "; add its unit");
        }
        return (node.raw().isTextual() ? parse(node.raw().asText()) : Optional.<Duration>empty())
                .orElseThrow(() -> node.error("expected a duration such as " + EXAMPLES + ", got "
                        + ConfigNode.describe(node.raw())));
    }
}
