package io.ctkit.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a gate: passed when every check passed. {@link #toJson()} is the
 * {@code ctkit-gate/1} contract the registry reads.
 */
public record GateVerdict(boolean passed, boolean firstRun, List<GateCheck> checks, Map<String, Object> challenger,
        Map<String, Object> champion) {

    public static final String FORMAT = "ctkit-gate/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public GateVerdict {
        checks = List.copyOf(checks);
        Objects.requireNonNull(challenger, "challenger");
    }

    /** The checks that failed. */
    public List<GateCheck> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /**
     * {@code {"format":"ctkit-gate/1","passed":..,"first_run":..,"checks":[..],"challenger":{..},
     * "champion":{..}|null}}; undefined numbers are {@code null}.
     */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("passed", passed);
        root.put("first_run", firstRun);
        var list = root.putArray("checks");
        for (GateCheck c : checks) {
            ObjectNode n = list.addObject();
            n.put("name", c.name());
            n.put("kind", c.kind().key());
            n.put("metric", c.metric());
            n.put("slice", c.slice());
            number(n, "observed", c.observed());
            number(n, "ci_low", c.ciLow());
            number(n, "ci_high", c.ciHigh());
            number(n, "bound", c.bound());
            number(n, "champion", c.champion() == null ? Double.NaN : c.champion());
            number(n, "delta", c.delta() == null ? Double.NaN : c.delta());
            n.put("passed", c.passed());
            n.put("message", c.message());
        }
        root.set("challenger", JSON.valueToTree(challenger));
        if (champion == null) {
            root.putNull("champion");
        } else {
            root.set("champion", JSON.valueToTree(champion));
        }
        return root;
    }

    /** One line per check, failures marked, then the verdict. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("gate: ").append(checks.size()).append(checks.size() == 1 ? " check" : " checks")
                .append(firstRun ? " (first run: no champion)" : "").append(System.lineSeparator());
        for (GateCheck c : checks) {
            sb.append(c.passed() ? "  PASS  " : "  FAIL  ").append(c.message()).append(System.lineSeparator());
        }
        sb.append(passed ? "gate passed" : "gate FAILED: " + failures().size() + " of " + checks.size()
                + " checks failed");
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
