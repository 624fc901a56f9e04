package io.ctkit.examples;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.ctkit.project.GeneratorSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReceiptsDataTest {
    private static final ReceiptsData.Options DEFAULTS =
            ReceiptsData.Options.from(new GeneratorSpec("receipts", "data.generate", Map.of()), "ctkit.yaml");

    private static List<String[]> rows(String csv) {
        return csv.lines().skip(1).map(l -> l.split(",", -1)).toList();
    }

    private static Map<String, Long> categories(List<String[]> rows) {
        return rows.stream().collect(Collectors.groupingBy(r -> r[8], Collectors.counting()));
    }

    @Test
    void theSameSeedWritesTheSameBatchesAndAnotherSeedOthers() {
        List<String> a = ReceiptsData.write(DEFAULTS);
        List<String> other = ReceiptsData.write(new ReceiptsData.Options(8, 1500, 3, 6, 0.2, 0.15));

        assertSoftly(softly -> {
            softly.assertThat(ReceiptsData.write(DEFAULTS)).isEqualTo(a);
            softly.assertThat(other.get(0)).isNotEqualTo(a.get(0));
            softly.assertThat(a).hasSize(2 + 3).allMatch(csv -> csv.startsWith(ReceiptsData.HEADER));
            int history = rows(a.get(0)).size() + rows(a.get(1)).size();
            softly.assertThat(history).isEqualTo(3 * 1500);
            softly.assertThat(rows(a.get(1)).size()).isBetween(800, 1000);
            softly.assertThat(a.stream().flatMap(csv -> rows(csv).stream())).allMatch(r -> r.length == 9)
                    .allMatch(r -> ReceiptsData.CATEGORIES.contains(r[8]));
            softly.assertThat(rows(a.get(2))).allMatch(r -> r[0].equals("4"));
        });
    }

    @Test
    void classesAreImbalancedAndSomeMerchantsAreAmbiguous() {
        List<String[]> train = rows(ReceiptsData.write(DEFAULTS).get(0));
        Map<String, Long> counts = categories(train);
        Map<String, Set<String>> labelsByMerchant = new HashMap<>();
        train.forEach(r -> labelsByMerchant.computeIfAbsent(r[1].toLowerCase(java.util.Locale.ROOT),
                k -> new HashSet<>()).add(r[8]));

        assertSoftly(softly -> {
            softly.assertThat(counts).containsOnlyKeys(ReceiptsData.CATEGORIES);
            softly.assertThat(counts.get("meals")).isGreaterThan(4 * counts.get("telecom"));
            softly.assertThat(labelsByMerchant.get("shell station shop")).containsExactlyInAnyOrder("fuel", "meals");
            softly.assertThat(labelsByMerchant.get("amazon")).contains("office_supplies", "software");
        });
    }

    @Test
    void theTextIsNoisyAndMixesEnglishAndGerman() {
        List<String[]> train = rows(ReceiptsData.write(DEFAULTS).get(0));
        Set<String> marriott = train.stream().map(r -> r[1]).filter(m -> m.equalsIgnoreCase("marriott"))
                .collect(Collectors.toSet());
        String items = train.stream().map(r -> r[2]).collect(Collectors.joining(" "));

        assertSoftly(softly -> {
            softly.assertThat(marriott).contains("Marriott", "MARRIOTT", "marriott");
            softly.assertThat(train.stream().map(r -> r[1])).anyMatch(m -> m.startsWith("Mar") && !m
                    .equalsIgnoreCase("marriott") && m.length() == "marriott".length());
            softly.assertThat(items).contains("Übernachtung", "hotel", "Fahrkarte", "train ticket", "subscr", "HOTEL");
        });
    }

    @Test
    void laterMonthsBringNewMerchantsAndAShiftedMix() {
        List<String> batches = ReceiptsData.write(DEFAULTS);
        Set<String> known = rows(batches.get(0)).stream().map(r -> r[1].toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.toSet());
        List<String[]> last = rows(batches.get(4));
        long newMerchants = last.stream().filter(r -> !known.contains(r[1].toLowerCase(java.util.Locale.ROOT)))
                .count();
        double softwareBefore = categories(rows(batches.get(0))).get("software") / (double) rows(batches.get(0)).size();
        double softwareAfter = categories(last).get("software") / (double) last.size();

        assertSoftly(softly -> {
            softly.assertThat(newMerchants).as("receipts of merchants unseen in training").isGreaterThan(last.size() / 10);
            softly.assertThat(softwareAfter).isGreaterThan(1.5 * softwareBefore);
            softly.assertThat(Arrays.stream(ReceiptsData.mix(6)).sum()).isCloseTo(1.0,
                    org.assertj.core.data.Offset.offset(1e-9));
        });
    }

    @Test
    void badOptionsSayWhichAndHowToFixThem() {
        assertThatThrownBy(() -> ReceiptsData.Options.from(
                new GeneratorSpec("receipts", "data.generate", Map.of("rows", 10)), "ctkit.yaml"))
                .hasMessage("ctkit.yaml: data.generate.options.rows: unknown option of the receipts generator; "
                        + "expected one of [history_months, holdout_fraction, months, noise, rows_per_month, seed]");
        assertThatThrownBy(() -> ReceiptsData.Options.from(new GeneratorSpec("receipts", "data.generate",
                Map.of("history_months", 4, "months", 2)), "ctkit.yaml"))
                .hasMessage("ctkit.yaml: data.generate.options.months: must be an integer of at least 4, got 2");
    }
}
