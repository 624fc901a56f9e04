package io.ctkit.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ctkit.data.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataValidatorTest {

    @TempDir
    Path tmp;

    static Map<String, Object> yaml(String text) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = new ObjectMapper(new YAMLFactory()).readValue(text, Map.class);
        return m;
    }

    private DataValidator validator(String policy) throws IOException {
        return new DataValidator(Schema.fromMap(yaml(Tables.SCHEMA)),
                policy == null ? ValidationPolicy.defaults() : ValidationPolicy.read(ValidationPolicyTest.node(policy, "test", "")));
    }

    private static ValidationCheck check(ValidationReport r, String name, String feature) {
        return r.checks().stream().filter(c -> c.name().equals(name) && Objects.equals(c.feature(), feature))
                .findFirst().orElseThrow(() -> new AssertionError("no check " + name + " " + feature + " in " + r.checks()));
    }

    @Test
    void conformingDataPassesAndEveryCheckIsRecorded() throws IOException {
        Path data = Tables.write(tmp, "d.csv", Tables.csv(300, 1, 0, false, 0));

        ValidationReport r = validator(null).validate(data, null, null);

        assertSoftly(softly -> {
            softly.assertThat(r.passed()).as(r.summary()).isTrue();
            softly.assertThat(r.checks()).extracting(c -> c.name() + ":" + c.feature()).contains("label:converted",
                    "type:spend", "range:spend", "categories:channel", "type:day", "categories:converted",
                    "missing_fraction:id", "missing_fraction:spend", "duplicates:null");
            softly.assertThat(check(r, "range", "spend").message()).contains("within [0, 1000]", "values from ");
            softly.assertThat(r.toJson().get("data").get("sha256").asText()).startsWith("sha256:");
        });
    }

    @Test
    void nonConformingCellsFailTheirChecksNamingTheRows() throws IOException {
        Path data = Tables.write(tmp, "d.csv", """
                id,spend,channel,day,converted
                a,12,email,2024-05-01,yes
                b,"12,5x",email,2024-05-02,no
                c,-3,fax,2024-13-01,
                d,1200,email,2024-05-03,no
                """);

        ValidationReport r = validator("max_missing_fraction: 0.5").validate(data, null, null);

        ValidationCheck type = check(r, "type", "spend");
        ValidationCheck range = check(r, "range", "spend");
        ValidationCheck label = check(r, "label", "converted");
        assertSoftly(softly -> {
            softly.assertThat(r.passed()).isFalse();
            softly.assertThat(type.observed()).isEqualTo(1);
            softly.assertThat(type.examples()).containsExactly("row 2: \"12,5x\" is not a number");
            softly.assertThat(range.observed()).isEqualTo(2);
            softly.assertThat(range.examples()).containsExactly("row 3: \"-3\" is below the minimum 0",
                    "row 4: \"1200\" is above the maximum 1000");
            softly.assertThat(check(r, "categories", "channel").message()).contains("1 values are not among", "\"fax\" ×1");
            softly.assertThat(check(r, "type", "day").examples()).singleElement().asString()
                    .startsWith("row 3: \"2024-13-01\"");
            softly.assertThat(label.passed()).isFalse();
            softly.assertThat(label.examples()).containsExactly("row 3: no label");
            softly.assertThat(check(r, "missing_fraction", "converted").passed()).isFalse();
        });
    }

    /** 100 rows whose first 20 have no spend. */
    private Path twentyPercentMissingSpend() throws IOException {
        String csv = Tables.csv(100, 2, 0, false, 0);
        String[] lines = csv.split("\n");
        StringBuilder sb = new StringBuilder(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            sb.append(i <= 20 ? line.replaceFirst(",[0-9.]+,", ",,") : line).append('\n');
        }
        return Tables.write(tmp, "d.csv", sb.toString());
    }

    @Test
    void missingFractionsAreHeldToTheirLimits() throws IOException {
        ValidationReport strict = validator(null).validate(twentyPercentMissingSpend(), null, null);

        ValidationCheck c = check(strict, "missing_fraction", "spend");
        assertSoftly(softly -> {
            softly.assertThat(c.observed()).isEqualTo(0.2);
            softly.assertThat(c.threshold()).isEqualTo(0.1);
            softly.assertThat(c.passed()).isFalse();
            softly.assertThat(c.message()).isEqualTo("20 of 100 values missing (20.00%), limit 10.00%");
        });
    }

    @Test
    void aColumnsOwnMissingFractionLimitReplacesTheDefault() throws IOException {
        ValidationReport lenient = validator("missing_fraction_by_column: {spend: 0.25}")
                .validate(twentyPercentMissingSpend(), null, null);

        assertThat(check(lenient, "missing_fraction", "spend").passed()).isTrue();
    }

    @Test
    void duplicateRowsIgnoreIdColumns() throws IOException {
        Path data = Tables.write(tmp, "d.csv", """
                id,spend,channel,day,converted
                a,12,email,2024-05-01,yes
                b,12.0,email,2024-05-01,yes
                c,13,email,2024-05-01,yes
                """);

        ValidationReport r = validator(null).validate(data, null, null);

        ValidationCheck d = check(r, "duplicates", null);
        assertThat(d.observed()).isEqualTo(1.0 / 3);
        assertThat(d.passed()).isFalse();
        assertThat(d.examples()).containsExactly("row 2 repeats row 1");
    }

    @Test
    void rowsSharedWithTheHoldoutAreLeakage() throws IOException {
        String train = Tables.csv(200, 3, 0, false, 0);
        String[] lines = train.split("\n");
        String holdout = Tables.csv(50, 4, 0, false, 1000) + lines[5].replaceFirst("^c4,", "h1,") + "\n"
                + lines[9] + "\n";
        Path t = Tables.write(tmp, "train.csv", train);
        Path h = Tables.write(tmp, "holdout.csv", holdout);

        ValidationReport r = validator(null).validate(t, h, null);

        ValidationCheck leak = check(r, "leakage", null);
        assertSoftly(softly -> {
            softly.assertThat(leak.observed()).isEqualTo(2);
            softly.assertThat(leak.passed()).isFalse();
            softly.assertThat(leak.examples()).containsExactly("row 5 also occurs in " + h, "row 9 also occurs in " + h);
            softly.assertThat(r.toJson().get("holdout").get("rows").asInt()).isEqualTo(52);
        });
    }

    @Test
    void aHoldoutThatSharesNoRowsIsNoLeakage() throws IOException {
        Path t = Tables.write(tmp, "train.csv", Tables.csv(200, 3, 0, false, 0));

        ValidationReport clean = validator(null).validate(t, Tables.write(tmp, "other.csv", Tables.csv(50, 4, 0, false, 0)), null);

        assertThat(check(clean, "leakage", null).passed()).isTrue();
    }

    @Test
    void driftIsMeasuredPerFeatureAndAlwaysRecorded() throws IOException {
        Path reference = Tables.write(tmp, "ref.csv", Tables.csv(500, 5, 0, false, 0));
        Path same = Tables.write(tmp, "same.csv", Tables.csv(400, 6, 0, false, 0));

        ValidationReport stable = validator("drift: {max_psi: 0.2}\nmax_missing_fraction: 0").validate(same, null, reference);

        var json = stable.toJson().get("drift");
        assertSoftly(softly -> {
            softly.assertThat(stable.checks().stream().filter(c -> c.name().equals("drift")))
                    .extracting(ValidationCheck::feature).containsExactly("spend", "channel", "converted");
            softly.assertThat(stable.checks().stream().filter(c -> c.name().equals("drift"))).allSatisfy(c -> {
                assertThat(c.passed()).as(c.message()).isTrue();
                assertThat(c.observed()).isBetween(0.0, 0.2);
            });
            softly.assertThat(json.get("features")).hasSize(3);
            softly.assertThat(json.get("features").get(0).get("kolmogorovSmirnov").get("pValue").asDouble()).isPositive();
            softly.assertThat(json.get("verdicts").get(0).get("drift").asBoolean()).isFalse();
        });
    }

    @Test
    void shiftedFeaturesFailTheirDriftChecks() throws IOException {
        Path reference = Tables.write(tmp, "ref.csv", Tables.csv(500, 5, 0, false, 0));
        Path shifted = Tables.write(tmp, "shifted.csv", Tables.csv(400, 7, 300, true, 0));

        ValidationReport drifted = validator("{}").validate(shifted, null, reference);

        ValidationCheck spend = check(drifted, "drift", "spend");
        assertSoftly(softly -> {
            softly.assertThat(spend.passed()).isFalse();
            softly.assertThat(spend.observed()).isGreaterThan(0.2);
            softly.assertThat(spend.message()).startsWith("drift: psi ").contains("ks p-value", "wasserstein");
            softly.assertThat(check(drifted, "drift", "channel").passed()).isFalse();
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a row with too many fields | bad.csv    | "id,spend,channel,day,converted\\na,1,email,2024-05-01,yes,extra\\n" | io.ctkit.data.DatasetException | bad.csv:2: expected 5 fields as in the header, found 6
            a missing column           | nocol.csv  | "id,spend,day,converted\\na,1,2024-05-01,yes\\n"                     | io.ctkit.data.DatasetException | channel
            an empty file              | empty.csv  | ""                                                                 | java.lang.Exception            | empty.csv
            a header without rows      | header.csv | "id,spend,channel,day,converted\\n"                                 | java.lang.Exception            | header.csv: no data rows
            """)
    void aFileThatCannotBeInterpretedIsAnError(String what, String name, String content, Class<? extends Exception> type,
            String message) throws IOException {
        Path data = Tables.write(tmp, name, content.translateEscapes());

        assertThatThrownBy(() -> validator(null).validate(data, null, null)).isInstanceOf(type)
                .hasMessageContaining(message);
    }

    @Test
    void aHoldoutThatCannotBeInterpretedIsAnErrorNamingIt() throws IOException {
        Path noColumn = Tables.write(tmp, "nocol.csv", "id,spend,day,converted\na,1,2024-05-01,yes\n");

        assertThatThrownBy(() -> validator(null).validate(Tables.write(tmp, "ok.csv", Tables.csv(10, 1, 0, false, 0)), noColumn, null))
                .hasMessageContaining("nocol.csv");
    }

    @Test
    void aSchemaWithoutLabelFails() throws IOException {
        Schema noLabel = Schema.fromMap(yaml("columns: [{name: spend, type: number}]"));
        Path data = Tables.write(tmp, "d.csv", "spend\n1\n2\n");

        ValidationReport required = new DataValidator(noLabel, ValidationPolicy.defaults()).validate(data, null, null);

        assertThat(check(required, "label", null).message()).contains("declares no label column");
        assertThat(required.passed()).isFalse();
    }

    @Test
    void aSchemaWithoutLabelPassesWhenLabelsAreNotRequired() throws IOException {
        Schema noLabel = Schema.fromMap(yaml("columns: [{name: spend, type: number}]"));
        Path data = Tables.write(tmp, "d.csv", "spend\n1\n2\n");

        ValidationReport optional = new DataValidator(noLabel, ValidationPolicy.read(ValidationPolicyTest.node("require_label: false", "p", "")))
                .validate(data, null, null);

        assertThat(optional.passed()).as(optional.summary()).isTrue();
        assertThat(List.copyOf(optional.checks())).noneMatch(c -> c.name().equals("label"));
    }

    private static final String REFERENCE = Tables.csv(300, 8, 0, false, 0);

    /** Scoring data without the label column, one row a copy of a reference row. */
    private Path unlabelled() throws IOException {
        return Tables.write(tmp, "scoring.csv", Tables.csv(200, 9, 0, false, 500).replaceAll(",(yes|no)\n", "\n")
                .replace(",converted\n", "\n") + REFERENCE.split("\n")[3].replaceFirst(",(yes|no)$", "") + "\n");
    }

    @Test
    void unlabelledDataIsCheckedWithTheTrainingSchemaWhenLabelsAreNotRequired() throws IOException {
        Path ref = Tables.write(tmp, "ref.csv", REFERENCE);

        ValidationReport r = validator("require_label: false").validate(unlabelled(), ref, ref);

        ValidationCheck leak = check(r, "leakage", null);
        assertSoftly(softly -> {
            softly.assertThat(r.checks()).noneMatch(c -> "converted".equals(c.feature()));
            softly.assertThat(r.checks().stream().filter(c -> c.name().equals("drift"))).extracting(ValidationCheck::feature)
                    .containsExactly("spend", "channel");
            softly.assertThat(leak.observed()).as("the copied reference row, compared without the label").isEqualTo(1);
        });
    }

    @Test
    void unlabelledDataIsRefusedWhenLabelsAreRequired() throws IOException {
        Path scoring = unlabelled();

        assertThatThrownBy(() -> validator(null).validate(scoring, null, null))
                .hasMessageContaining("converted");
    }
}
