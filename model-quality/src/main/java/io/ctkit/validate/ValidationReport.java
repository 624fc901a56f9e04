package io.ctkit.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.drift.DriftJson;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every check of one validation run, with the files it read. {@link #toJson()} is the report
 * written by {@code ctkit validate-data} (format {@code ctkit-validation/1}).
 *
 * @param checks    every check, in the order run
 * @param data      source, sha256 and rows of the validated file
 * @param holdout   the same for the holdout, or {@code null}
 * @param reference the same for the drift reference, or {@code null}
 * @param drift     every drift statistic and verdict, or {@code null} without a reference
 */
public record ValidationReport(List<ValidationCheck> checks, Map<String, Object> data, Map<String, Object> holdout,
        Map<String, Object> reference, DriftJson.Document drift) {

    public static final String FORMAT = "ctkit-validation/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public ValidationReport {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().allMatch(ValidationCheck::passed);
    }

    public List<ValidationCheck> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** The report; NaN observed values and thresholds are {@code null}. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("passed", passed());
        root.set("data", JSON.valueToTree(data));
        root.set("holdout", holdout == null ? JSON.nullNode() : JSON.valueToTree(holdout));
        root.set("reference", reference == null ? JSON.nullNode() : JSON.valueToTree(reference));
        var list = root.putArray("checks");
        for (ValidationCheck c : checks) {
            ObjectNode n = list.addObject();
            n.put("name", c.name());
            n.put("feature", c.feature());
            number(n, "observed", c.observed());
            number(n, "threshold", c.threshold());
            n.put("passed", c.passed());
            n.put("message", c.message());
            if (!c.examples().isEmpty()) {
                var ex = n.putArray("examples");
                c.examples().forEach(ex::add);
            }
        }
        try {
            root.set("drift", drift == null ? JSON.nullNode() : JSON.readTree(DriftJson.write(drift)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("drift JSON does not parse back", e);
        }
        root.put("summary", summary());
        return root;
    }

    /** The failures in full, then how many checks of each kind passed. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("validation of ").append(data.get("source")).append(" (").append(data.get("rows")).append(" rows): ")
                .append(checks.size()).append(" checks, ").append(failures().size()).append(" failed")
                .append(System.lineSeparator());
        for (ValidationCheck c : failures()) {
            sb.append("  FAIL  ").append(c.name()).append(c.feature() == null ? "" : " " + c.feature()).append(": ")
                    .append(c.message()).append(System.lineSeparator());
            for (String e : c.examples()) {
                sb.append("          ").append(e).append(System.lineSeparator());
            }
        }
        Map<String, Integer> passed = new TreeMap<>();
        checks.stream().filter(ValidationCheck::passed).forEach(c -> passed.merge(c.name(), 1, Integer::sum));
        if (!passed.isEmpty()) {
            sb.append("  passed: ");
            passed.forEach((name, n) -> sb.append(name).append(' ').append(n).append(", "));
            sb.setLength(sb.length() - 2);
            sb.append(System.lineSeparator());
        }
        sb.append(passed() ? "validation passed" : "validation FAILED");
        return sb.toString();
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }
}
