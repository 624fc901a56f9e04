package io.ctkit.gate;

import io.ctkit.bundle.Bundle;
import io.ctkit.bundle.BundleVerification;
import io.ctkit.config.ConfigNode;
import io.ctkit.data.Dataset;
import io.ctkit.junit.JUnitResults;
import io.ctkit.junit.TestOutcome;
import io.ctkit.metrics.Predictions;
import io.ctkit.model.Model;
import io.ctkit.model.Task;
import io.ctkit.quality.Reports;
import io.ctkit.scoring.ModelData;
import io.ctkit.scoring.PredictionsFile;
import io.ctkit.scoring.Scoring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code gate} step: a challenger against a policy's thresholds and, scored on the same rows,
 * against a champion (paired bootstrap), or the policy's first-run rule when there is no champion.
 * Writes the verdict ({@code ctkit-gate/1}, atomically) and returns it. {@code ctkit gate}, the
 * {@code gate} stage of {@code ctkit run} and the JUnit kit all call it.
 *
 * <pre>{@code
 * GateStep.Result r = GateStep.run(GateStep.Request
 *         .of(GateStep.Candidate.model(Path.of("model"), Path.of("holdout.csv"), "label"))
 *         .withChampion(GateStep.Candidate.model(Path.of("champion"), Path.of("holdout.csv"), "label"))
 *         .withPolicy(GatePolicy.read(SettingsFiles.read(Path.of("gate.yaml"), "--policy")))
 *         .withVerdict(Path.of("gate.json")));
 * if (!r.verdict().passed()) { ... }
 * }</pre>
 */
public final class GateStep {

    private GateStep() {
    }

    /** One side of the gate: a model bundle scored on data, or a predictions file. */
    public sealed interface Candidate {

        /** A model bundle (directory or .tar, verified) scored on {@code data}, whose column {@code label} is the truth. */
        static Candidate model(Path bundle, Path data, String label) {
            return new ModelFile(bundle, data, label);
        }

        /**
         * An opened bundle (e.g. from the registry) scored on rows already read; {@code source}
         * says where it came from in the verdict and in error messages.
         */
        static Candidate model(Bundle bundle, String source, Dataset data) {
            return new LoadedModel(bundle, source, data);
        }

        /** A predictions file of the request's task (label plus score | prob_&lt;class&gt; | prediction). */
        static Candidate predictions(Path file) {
            return new PredictionsOnFile(file);
        }
    }

    /** See {@link Candidate#model(Path, Path, String)}. */
    public record ModelFile(Path bundle, Path data, String label) implements Candidate {
        public ModelFile {
            Objects.requireNonNull(bundle, "bundle");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(label, "label");
        }
    }

    /** See {@link Candidate#model(Bundle, String, Dataset)}. */
    public record LoadedModel(Bundle bundle, String source, Dataset data) implements Candidate {
        public LoadedModel {
            Objects.requireNonNull(bundle, "bundle");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(data, "data");
        }
    }

    /** See {@link Candidate#predictions}. */
    public record PredictionsOnFile(Path file) implements Candidate {
        public PredictionsOnFile {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * What to judge.
     *
     * @param challenger the model judged
     * @param champion   what it must not fall behind, or null (the policy's first-run rule decides)
     * @param policy     the rules
     * @param task       the task of predictions files; when given, model bundles must be of it too
     * @param idColumn   a row id column; when both sides have it, the rows must be the same, in order
     * @param verdict    where to write the verdict, or null for nowhere
     * @param policySource where the policy was read from, to name a rule of another task by its
     *                   path (e.g. {@code gate.yaml: thresholds[0].metric}); or null
     * @param tests      the challenger's own test results (JUnit XML), judged by the policy's
     *                   {@code tests} rule; or null for no tests check
     */
    public record Request(Candidate challenger, Candidate champion, GatePolicy policy, Task task, String idColumn,
            Path verdict, ConfigNode policySource, JUnitResults tests) {
        public Request {
            Objects.requireNonNull(challenger, "challenger");
            Objects.requireNonNull(policy, "policy");
        }

        /** The challenger under the default policy (no regression of the task's main metric), no champion. */
        public static Request of(Candidate challenger) {
            return new Request(challenger, null, GatePolicy.defaults(), null, null, null, null, null);
        }

        public Request withChampion(Candidate c) {
            return new Request(challenger, c, policy, task, idColumn, verdict, policySource, tests);
        }

        public Request withPolicy(GatePolicy p) {
            return new Request(challenger, champion, p, task, idColumn, verdict, null, tests);
        }

        /** The policy read from {@code source} ({@link GatePolicy#read}), whose paths name a misfit rule. */
        public Request withPolicy(GatePolicy p, ConfigNode source) {
            return new Request(challenger, champion, p, task, idColumn, verdict, source, tests);
        }

        public Request withTask(Task t) {
            return new Request(challenger, champion, policy, t, idColumn, verdict, policySource, tests);
        }

        public Request withIdColumn(String column) {
            return new Request(challenger, champion, policy, task, column, verdict, policySource, tests);
        }

        public Request withVerdict(Path file) {
            return new Request(challenger, champion, policy, task, idColumn, file, policySource, tests);
        }

        /** The challenger's test results, judged by the policy's {@code tests} rule. */
        public Request withTests(JUnitResults results) {
            return new Request(challenger, champion, policy, task, idColumn, verdict, policySource, results);
        }
    }

    /** The verdict and where it was written (null for nowhere). */
    public record Result(GateVerdict verdict, Path file) {
    }

    /**
     * Scores both sides, judges, and writes the verdict.
     *
     * @throws IOException when a file cannot be read or the verdict cannot be written
     * @throws IllegalArgumentException for inputs that cannot be judged: a missing file, a task
     *     mismatch, different classes, different rows, a policy rule of another task
     */
    public static Result run(Request request) throws IOException {
        GatePolicy policy = request.policy();
        List<String> slices = policy.thresholds().stream().map(GatePolicy.ThresholdRule::slice)
                .filter(Objects::nonNull).distinct().toList();
        Side challenger = side(request.challenger(), request, slices);
        if (request.policySource() != null) {
            policy.checkTask(challenger.predictions().task(), request.policySource());
        }
        Side champion = request.champion() == null ? null : side(request.champion(), request, slices);
        GateInput challengerInput = challenger.input(challenger.classes());
        GateVerdict verdict = new Gate(policy).judge(challengerInput,
                champion == null ? null : champion.input(challenger.classes()));
        if (request.tests() != null) {
            verdict = withTestsCheck(verdict, request.tests(), policy.tests());
        }
        if (request.verdict() != null) {
            Reports.write(request.verdict(), verdict.toJson());
        }
        return new Result(verdict, request.verdict());
    }

    /** One side's rows before its classes are put in the challenger's order. */
    private record Side(String source, Predictions predictions, List<String> classes, Map<String, String[]> slices,
            String[] ids, Map<String, Object> description) {

        /**
         * The gate input with the multiclass probability columns in the order of {@code order}: two
         * predictions files may list the same prob_ columns in another order, and a paired comparison
         * must compare class with class.
         */
        GateInput input(List<String> order) {
            Predictions p = predictions.task() == Task.MULTICLASS_CLASSIFICATION && !order.equals(classes)
                    ? reordered(order) : predictions;
            return new GateInput(p, slices, ids, description);
        }

        private Predictions reordered(List<String> order) {
            if (!new HashSet<>(order).equals(new HashSet<>(classes)) || order.size() != classes.size()) {
                throw new IllegalArgumentException(source + " has the classes " + classes + " but the challenger has "
                        + order + ": both must predict the same classes");
            }
            int[] to = new int[classes.size()];
            for (int c = 0; c < to.length; c++) {
                to[c] = order.indexOf(classes.get(c));
            }
            int[] labels = predictions.trueLabels();
            double[][] from = predictions.classProbabilities();
            double[][] p = new double[labels.length][to.length];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = to[labels[i]];
                for (int c = 0; c < to.length; c++) {
                    p[i][to[c]] = from[i][c];
                }
            }
            return Predictions.multiclass(labels, p);
        }
    }

    private static Side side(Candidate candidate, Request request, List<String> slices) throws IOException {
        if (candidate instanceof PredictionsOnFile p) {
            return fromFile(p.file(), request, slices);
        }
        if (candidate instanceof ModelFile m) {
            requireExists(m.bundle());
            requireExists(m.data());
            Bundle bundle = Bundle.open(m.bundle(), BundleVerification.defaults());
            Model model = Model.from(bundle);
            requireTask(request, model, m.bundle().toString());
            Dataset rows = ModelData.read(model, m.data(), m.label(), request.idColumn(), new ArrayList<>(slices));
            return fromModel(model, bundle, m.bundle().toString(), rows,
                    ModelData.ids(model, m.data(), rows, request.idColumn()), slices, false);
        }
        LoadedModel l = (LoadedModel) candidate;
        Model model = Model.from(l.bundle());
        requireTask(request, model, l.source());
        String id = request.idColumn();
        String[] ids = id != null && l.data().schema().column(id).isPresent() ? l.data().strings(id) : null;
        return fromModel(model, l.bundle(), l.source(), l.data(), ids, slices, true);
    }

    private static Side fromModel(Model model, Bundle bundle, String source, Dataset rows, String[] ids,
            List<String> slices, boolean nameSource) {
        Predictions predictions;
        try {
            predictions = Scoring.scoreWithTruth(model, rows);
        } catch (IllegalArgumentException e) {
            if (!nameSource) {
                throw e;
            }
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("kind", "model");
        description.put("source", source);
        description.put("name", model.name());
        description.put("sha256", bundle.digest());
        description.put("data", Map.of("source", rows.source(), "sha256", rows.fingerprint()));
        description.put("rows", rows.rowCount());
        List<String> classes = model.task() == Task.REGRESSION ? List.of() : model.labels();
        return new Side(source, predictions, classes, SliceKeys.of(rows, slices), ids, description);
    }

    private static Side fromFile(Path file, Request request, List<String> slices) throws IOException {
        requireExists(file);
        if (request.task() == null) {
            throw new IllegalArgumentException("a predictions file (" + file + ") needs its task: binary, multiclass"
                    + " or regression");
        }
        PredictionsFile p = PredictionsFile.read(file, request.task(), slices, request.idColumn());
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("kind", "predictions");
        description.put("source", file.toString());
        description.put("sha256", p.data().fingerprint());
        description.put("rows", p.data().rowCount());
        return new Side(file.toString(), p.predictions(), p.classes(), SliceKeys.of(p.data(), slices),
                request.idColumn() == null ? null : p.data().strings(request.idColumn()), description);
    }

    /**
     * Adds the {@code tests} check: failed when a test failed or erred (or none ran) and the policy
     * requires the tests; advisory failures are reported and pass.
     */
    static GateVerdict withTestsCheck(GateVerdict verdict, JUnitResults tests, GatePolicy.Tests rule) {
        List<TestOutcome> problems = tests.problems();
        boolean ok = tests.passed();
        StringBuilder message = new StringBuilder("tests: ").append(tests.summary());
        if (tests.total() == tests.count(TestOutcome.Status.SKIPPED)) {
            message.append("; no test ran");
        }
        for (int i = 0; i < Math.min(3, problems.size()); i++) {
            TestOutcome p = problems.get(i);
            message.append("; ").append(p.displayName()).append(p.status() == TestOutcome.Status.ERROR
                    ? " erred: " : " failed: ").append(firstLine(p.message()));
        }
        if (problems.size() > 3) {
            message.append("; and ").append(problems.size() - 3).append(" more");
        }
        if (!ok && rule == GatePolicy.Tests.ADVISORY) {
            message.append(" (advisory: tests: advisory in the policy)");
        }
        boolean passed = ok || rule == GatePolicy.Tests.ADVISORY;
        GateCheck check = new GateCheck("tests", GateCheck.Kind.TESTS, null, null, problems.size(), Double.NaN,
                Double.NaN, 0, null, null, passed, message.toString());
        List<GateCheck> checks = new ArrayList<>(verdict.checks());
        checks.add(check);
        return new GateVerdict(verdict.passed() && passed, verdict.firstRun(), checks, verdict.challenger(),
                verdict.champion());
    }

    /** A message's first line; "…" when the message goes on after it (e.g. a list of failing rows). */
    private static String firstLine(String message) {
        // AssertJ's messages start with a line break ("\nExpecting ...")
        String text = message.strip();
        int nl = text.indexOf('\n');
        if (nl < 0) {
            return text;
        }
        String line = text.substring(0, nl).stripTrailing();
        return (line.endsWith(":") ? line.substring(0, line.length() - 1) : line) + " (…)";
    }

    private static void requireTask(Request request, Model model, String source) {
        if (request.task() != null && request.task() != model.task()) {
            throw new IllegalArgumentException("--task " + request.task().shortName() + " but the model " + source
                    + " is " + model.task().jsonName());
        }
    }

    private static void requireExists(Path p) {
        if (!Files.exists(p)) {
            throw new IllegalArgumentException(p + ": no such file or directory");
        }
    }
}
