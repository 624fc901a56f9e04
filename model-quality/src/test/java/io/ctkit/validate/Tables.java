package io.ctkit.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/** Seeded campaign-like CSV files for validation tests. */
final class Tables {

    static final String SCHEMA = """
            columns:
              - {name: id, type: id}
              - {name: spend, type: number, min: 0, max: 1000, missing: keep}
              - {name: channel, type: category, values: [email, search, social]}
              - {name: day, type: time}
              - {name: converted, type: label, kind: classification, values: ["no", "yes"]}
            """;

    private Tables() {
    }

    /** {@code rows} rows; spend ~ uniform(shift, shift + 500), channel mostly email when {@code emailHeavy}. */
    static String csv(int rows, long seed, double shift, boolean emailHeavy, int idOffset) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("id,spend,channel,day,converted\n");
        String[] channels = {"email", "search", "social"};
        for (int i = 0; i < rows; i++) {
            String channel = emailHeavy && r.nextInt(10) < 8 ? "email" : channels[r.nextInt(3)];
            sb.append(String.format(Locale.ROOT, "c%d,%.3f,%s,2024-05-%02d,%s%n", idOffset + i,
                    shift + r.nextDouble(500), channel, 1 + r.nextInt(28), r.nextInt(3) == 0 ? "yes" : "no"));
        }
        return sb.toString();
    }

    static Path write(Path dir, String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }
}
