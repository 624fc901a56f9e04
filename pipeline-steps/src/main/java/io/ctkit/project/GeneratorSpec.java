package io.ctkit.project;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

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

    /** Refuses an option not in {@code known}, naming it (in {@code file}) and the known ones. */
    public void requireKnownOptions(Set<String> known, String file) {
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(at(file, key) + ": unknown option of the " + name
                        + " generator; expected one of " + new TreeSet<>(known));
            }
        }
    }

    /** Option {@code key}, else {@code dflt}: an integer of at least {@code min}. */
    public int integerOption(String key, int dflt, int min, String file) {
        Object v = options.getOrDefault(key, dflt);
        if (!(v instanceof Integer i) || i < min) {
            throw new IllegalArgumentException(at(file, key) + ": must be an integer of at least " + min + ", got " + v);
        }
        return i;
    }

    /** Option {@code key}, else {@code dflt}: a number from {@code min} to {@code max}. */
    public double numberOption(String key, double dflt, double min, double max, String file) {
        Object v = options.getOrDefault(key, dflt);
        if (!(v instanceof Number n) || !(n.doubleValue() >= min && n.doubleValue() <= max)) {
            throw new IllegalArgumentException(at(file, key) + ": must be a number from " + plain(min) + " to "
                    + plain(max) + ", got " + v);
        }
        return n.doubleValue();
    }

    /** Option {@code seed}, else {@code dflt}: an integer. */
    public long seedOption(long dflt, String file) {
        Object v = options.getOrDefault("seed", dflt);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(at(file, "seed") + ": must be an integer, got " + v);
        }
        return n.longValue();
    }

    private String at(String file, String key) {
        return file + ": " + path + ".options." + key;
    }

    /** A bound as a user writes it: 0.05, 1, 10. */
    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
