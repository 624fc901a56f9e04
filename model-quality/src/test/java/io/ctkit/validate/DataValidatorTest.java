package io.ctkit.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ctkit.data.DatasetException;
import io.ctkit.data.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

        assertThat(r.passed()).as(r.summary()).isTrue();
        assertThat(r.checks()).extracting(c -> c.name() + ":" + c.feature()).contains("label:converted",
                "type:spend", "range:spend", "categories:channel", "type:day", "categories:converted",
                "missing_fraction:id", "missing_fraction:spend", "duplicates:null");
        assertThat(check(r, "range", "spend").message()).contains("within [0, 1000]", "values from ");
        assertThat(r.toJson().get("data").get("sha256").asText()).startsWith("sha256:");
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

        assertThat(r.passed()).isFalse();
        ValidationCheck type = check(r, "type", "spend");
        assertThat(type.observed()).isEqualTo(1);
        assertThat(type.examples()).containsExactly("row 2: \"12,5x\" is not a number");
        ValidationCheck range = check(r, "range", "spend");
        assertThat(range.observed()).isEqualTo(2);
        assertThat(range.examples()).containsExactly("row 3: \"-3\" is below the minimum 0",
                "row 4: \"1200\" is above the maximum 1000");
        assertThat(check(r, "categories", "channel").message()).contains("1 values are not among", "\"fax\" ×1");
        assertThat(check(r, "type", "day").examples()).singleElement().asString().startsWith("row 3: \"2024-13-01\"");
        ValidationCheck label = check(r, "label", "converted");
        assertThat(label.passed()).isFalse();
        assertThat(label.examples()).containsExactly("row 3: no label");
        assertThat(check(r, "missing_fraction", "converted").passed()).isFalse();
    }

    @Test
    void missingFractionsAreHeldToTheirLimits() throws IOException {
        String csv = Tables.csv(100, 2, 0, false, 0);
        String[] lines = csv.split("\n");
        StringBuilder sb = new StringBuilder(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            sb.append(i <= 20 ? line.replaceFirst(",[0-9.]+,", ",,") : line).append('\n');
        }
        Path data = Tables.write(tmp, "d.csv", sb.toString());

        ValidationReport strict = validator(null).validate(data, null, null);
        ValidationReport lenient = validator("missing_fraction_by_column: {spend: 0.25}").validate(data, null, null);

        ValidationCheck c = check(strict, "missing_fraction", "spend");
        assertThat(c.observed()).isEqualTo(0.2);
        assertThat(c.threshold()).isEqualTo(0.1);
        assertThat(c.passed()).isFalse();
        assertThat(c.message()).isEqualTo("20 of 100 values missing (20.00%), limit 10.00%");
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
        ValidationReport clean = validator(null).validate(t, Tables.write(tmp, "other.csv", Tables.csv(50, 4, 0, false, 0)), null);

        ValidationCheck leak = check(r, "leakage", null);
        assertThat(leak.observed()).isEqualTo(2);
        assertThat(leak.passed()).isFalse();
        assertThat(leak.examples()).containsExactly("row 5 also occurs in " + h, "row 9 also occurs in " + h);
        assertThat(check(clean, "leakage", null).passed()).isTrue();
        assertThat(r.toJson().get("holdout").get("rows").asInt()).isEqualTo(52);
    }

    @Test
    void driftIsMeasuredPerFeatureAndAlwaysRecorded() throws IOException {
        Path reference = Tables.write(tmp, "ref.csv", Tables.csv(500, 5, 0, false, 0));
        Path same = Tables.write(tmp, "same.csv", Tables.csv(400, 6, 0, false, 0));
        Path shifted = Tables.write(tmp, "shifted.csv", Tables.csv(400, 7, 300, true, 0));

        ValidationReport stable = validator("drift: {max_psi: 0.2}\nmax_missing_fraction: 0").validate(same, null, reference);
        ValidationReport drifted = validator("{}").validate(shifted, null, reference);

        assertThat(stable.checks().stream().filter(c -> c.name().equals("drift")))
                .extracting(ValidationCheck::feature).containsExactly("spend", "channel", "converted");
        assertThat(stable.checks().stream().filter(c -> c.name().equals("drift"))).allSatisfy(c -> {
            assertThat(c.passed()).as(c.message()).isTrue();
            assertThat(c.observed()).isBetween(0.0, 0.2);
        });
        ValidationCheck spend = check(drifted, "drift", "spend");
        assertThat(spend.passed()).isFalse();
        assertThat(spend.observed()).isGreaterThan(0.2);
        assertThat(spend.message()).startsWith("drift: psi ").contains("ks p-value", "wasserstein");
        assertThat(check(drifted, "drift", "channel").passed()).isFalse();
        var json = stable.toJson().get("drift");
        assertThat(json.get("features")).hasSize(3);
        assertThat(json.get("features").get(0).get("kolmogorovSmirnov").get("pValue").asDouble()).isPositive();
        assertThat(json.get("verdicts").get(0).get("drift").asBoolean()).isFalse();
    }

    @Test
    void aFileThatCannotBeInterpretedIsAnError() throws IOException {
        DataValidator v = validator(null);
        Path badRow = Tables.write(tmp, "bad.csv", "id,spend,channel,day,converted\na,1,email,2024-05-01,yes,extra\n");
        Path noColumn = Tables.write(tmp, "nocol.csv", "id,spend,day,converted\na,1,2024-05-01,yes\n");
        Path empty = Tables.write(tmp, "empty.csv", "");
        Path headerOnly = Tables.write(tmp, "header.csv", "id,spend,channel,day,converted\n");

        assertThatThrownBy(() -> v.validate(badRow, null, null)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("bad.csv:2: expected 5 fields as in the header, found 6");
        assertThatThrownBy(() -> v.validate(noColumn, null, null)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("channel");
        assertThatThrownBy(() -> v.validate(empty, null, null)).hasMessageContaining("empty.csv");
        assertThatThrownBy(() -> v.validate(headerOnly, null, null)).hasMessageContaining("header.csv: no data rows");
        assertThatThrownBy(() -> v.validate(Tables.write(tmp, "ok.csv", Tables.csv(10, 1, 0, false, 0)), noColumn, null))
                .hasMessageContaining("nocol.csv");
    }

    @Test
    void aSchemaWithoutLabelFailsUnlessLabelsAreNotRequired() throws IOException {
        Schema noLabel = Schema.fromMap(yaml("columns: [{name: spend, type: number}]"));
        Path data = Tables.write(tmp, "d.csv", "spend\n1\n2\n");

        ValidationReport required = new DataValidator(noLabel, ValidationPolicy.defaults()).validate(data, null, null);
        ValidationReport optional = new DataValidator(noLabel, ValidationPolicy.read(ValidationPolicyTest.node("require_label: false", "p", "")))
                .validate(data, null, null);

        assertThat(check(required, "label", null).message()).contains("declares no label column");
        assertThat(required.passed()).isFalse();
        assertThat(optional.passed()).as(optional.summary()).isTrue();
        assertThat(List.copyOf(optional.checks())).noneMatch(c -> c.name().equals("label"));
    }

    @Test
    void unlabelledDataIsCheckedWithTheTrainingSchemaWhenLabelsAreNotRequired() throws IOException {
        String reference = Tables.csv(300, 8, 0, false, 0);
        String unlabelled = Tables.csv(200, 9, 0, false, 500).replaceAll(",(yes|no)\n", "\n")
                .replace(",converted\n", "\n") + reference.split("\n")[3].replaceFirst(",(yes|no)$", "") + "\n";
        Path ref = Tables.write(tmp, "ref.csv", reference);
        Path scoring = Tables.write(tmp, "scoring.csv", unlabelled);

        ValidationReport r = validator("require_label: false").validate(scoring, ref, ref);

        assertThat(r.checks()).noneMatch(c -> "converted".equals(c.feature()));
        assertThat(r.checks().stream().filter(c -> c.name().equals("drift"))).extracting(ValidationCheck::feature)
                .containsExactly("spend", "channel");
        ValidationCheck leak = check(r, "leakage", null);
        assertThat(leak.observed()).as("the copied reference row, compared without the label").isEqualTo(1);
        assertThatThrownBy(() -> validator(null).validate(scoring, null, null))
                .hasMessageContaining("converted");
    }
}
