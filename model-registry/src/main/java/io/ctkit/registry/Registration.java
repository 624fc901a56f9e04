package io.ctkit.registry;

import io.ctkit.provenance.Provenance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link ModelRegistry#register} stores as one new version, in one transaction: the bundle,
 * the evidence files and the run that made it.
 *
 * <pre>{@code
 * ModelVersion v = registry.register(Registration.of("wine-classifier", Path.of("target/bundle"))
 *         .withMetrics(Path.of("target/metrics.json"))
 *         .withGateVerdict(Path.of("target/gate.json"))
 *         .withRun(run)
 *         .withActor("ci"));
 * }</pre>
 *
 * @param model the model name (created on its first registration)
 * @param bundle the bundle directory or tar
 * @param metrics a metrics report, or null
 * @param gateVerdict a {@code ctkit-gate/1} verdict, or null
 * @param testReports JUnit XML reports or Allure summary.json files; a directory stands for its
 *     {@code TEST-*.xml} files (Surefire's and Gradle's report directories)
 * @param reports other files to keep, by name
 * @param run the run that produced the version, recorded (or merged) in the same transaction, or null
 * @param runId the id of an already recorded run, when {@code run} is null; or null
 * @param actor who registers (recorded)
 * @param provenance where the bundle comes from (data fingerprints, config, code, seed, runtime),
 *     stored with the version and shown by its lineage; or null
 * @param goldenRows a few rows with the engine's answers, stored with the version for deploy smoke
 *     tests and parity checks ({@link ModelRegistry#goldenRows}); or null
 */
public record Registration(String model, Path bundle, String description, Map<String, String> tags, Path metrics,
        Path gateVerdict, List<Path> testReports, Map<String, Path> reports, Run run, String runId, String actor,
        Provenance provenance, GoldenRows goldenRows) {

    public Registration {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(bundle, "bundle");
        tags = Map.copyOf(tags);
        testReports = List.copyOf(testReports);
        reports = Map.copyOf(reports);
        if (run != null && runId != null && !run.id().equals(runId)) {
            throw new IllegalArgumentException("run " + run.id() + " and run id " + runId + " disagree");
        }
    }

    public static Registration of(String model, Path bundle) {
        return new Registration(model, bundle, null, Map.of(), null, null, List.of(), Map.of(), null, null,
                System.getProperty("user.name", "unknown"), null, null);
    }

    public Registration withDescription(String text) {
        return new Registration(model, bundle, text, tags, metrics, gateVerdict, testReports, reports, run, runId, actor, provenance, goldenRows);
    }

    public Registration withTag(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(tags);
        more.put(key, value);
        return new Registration(model, bundle, description, more, metrics, gateVerdict, testReports, reports, run, runId,
                actor, provenance, goldenRows);
    }

    public Registration withMetrics(Path report) {
        return new Registration(model, bundle, description, tags, report, gateVerdict, testReports, reports, run, runId,
                actor, provenance, goldenRows);
    }

    public Registration withGateVerdict(Path verdict) {
        return new Registration(model, bundle, description, tags, metrics, verdict, testReports, reports, run, runId,
                actor, provenance, goldenRows);
    }

    public Registration withTestReport(Path report) {
        List<Path> more = new ArrayList<>(testReports);
        more.add(report);
        return new Registration(model, bundle, description, tags, metrics, gateVerdict, more, reports, run, runId, actor, provenance, goldenRows);
    }

    public Registration withReport(String name, Path file) {
        Map<String, Path> more = new LinkedHashMap<>(reports);
        more.put(name, file);
        return new Registration(model, bundle, description, tags, metrics, gateVerdict, testReports, more, run, runId,
                actor, provenance, goldenRows);
    }

    public Registration withRun(Run producedBy) {
        return new Registration(model, bundle, description, tags, metrics, gateVerdict, testReports, reports, producedBy,
                null, actor, provenance, goldenRows);
    }

    public Registration withRunId(String id) {
        return new Registration(model, bundle, description, tags, metrics, gateVerdict, testReports, reports, null, id,
                actor, provenance, goldenRows);
    }

    /** Stores the bundle's provenance with the version ({@link ModelRegistry#provenance}, {@link Lineage}). */
    public Registration withProvenance(Provenance p) {
        return new Registration(model, bundle, description, tags, metrics, gateVerdict, testReports, reports, run, runId,
                actor, p, goldenRows);
    }

    /** Stores golden rows with the version ({@link ModelRegistry#goldenRows}); they must be this bundle's. */
    public Registration withGoldenRows(GoldenRows rows) {
        return new Registration(model, bundle, description, tags, metrics, gateVerdict, testReports, reports, run, runId,
                actor, provenance, rows);
    }

    public Registration withActor(String who) {
        return new Registration(model, bundle, description, tags, metrics, gateVerdict, testReports, reports, run, runId,
                who, provenance, goldenRows);
    }

    /** The id of the producing run, from {@code run} or {@code runId}; null when there is none. */
    public String producingRun() {
        return run != null ? run.id() : runId;
    }
}
