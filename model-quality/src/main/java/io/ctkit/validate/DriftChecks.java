package io.ctkit.validate;

import io.ctkit.data.Column;
import io.ctkit.drift.DriftReport;
import io.ctkit.drift.DriftStatistics;
import io.ctkit.drift.DriftVerdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Drift of the data against a reference, per number and category column (labels included:
 * a shifted label distribution is drift too), with model-core's statistics. Missing and
 * non-conforming cells are left out of numeric samples and are the category "<missing>" in
 * categorical ones.
 */
final class DriftChecks {
    static final String MISSING = "<missing>";

    final List<DriftReport> reports = new ArrayList<>();
    final List<DriftVerdict> verdicts = new ArrayList<>();

    void run(RawTable data, RawTable reference, ValidationPolicy policy, List<ValidationCheck> out) {
        for (Column c : data.schema().columns()) {
            DriftReport report;
            if (RawTable.numeric(c)) {
                double[] cur = finite(data.numbers(c));
                double[] ref = finite(reference.numbers(c));
                if (cur.length == 0 || ref.length == 0) {
                    out.add(notComputed(c, cur.length == 0 ? "the data" : "the reference"));
                    continue;
                }
                report = DriftStatistics.numeric(c.name(), ref, cur, policy.driftOptions());
            } else if (RawTable.categorical(c)) {
                report = DriftStatistics.categorical(c.name(), categories(reference.cells(c.name())),
                        categories(data.cells(c.name())), policy.driftOptions());
            } else {
                continue;
            }
            DriftVerdict verdict = policy.drift().evaluate(report);
            reports.add(report);
            verdicts.add(verdict);
            double psi = report.psi().statistic();
            String stats = report.kolmogorovSmirnov() != null
                    ? String.format(Locale.ROOT, "psi %.4g, ks %.4g (p %.4g), wasserstein %.4g", psi,
                            report.kolmogorovSmirnov().statistic(), report.kolmogorovSmirnov().pValue(),
                            report.wasserstein().statistic())
                    : String.format(Locale.ROOT, "psi %.4g, chi-square %.4g (p %.4g), jensen-shannon %.4g", psi,
                            report.chiSquare().statistic(), report.chiSquare().pValue(),
                            report.jensenShannon().statistic());
            out.add(ValidationCheck.of("drift", c.name(), psi, policy.drift().maxPsi(), !verdict.drift(),
                    verdict.drift() ? "drift: " + String.join("; ", verdict.reasons()) + " [" + stats + "]"
                            : "no drift [" + stats + "]"));
        }
    }

    private static ValidationCheck notComputed(Column c, String side) {
        return ValidationCheck.of("drift", c.name(), Double.NaN, Double.NaN, true,
                "not computed: " + side + " has no numeric value in this column");
    }

    private static double[] finite(double[] v) {
        return Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
    }

    private static String[] categories(String[] cells) {
        String[] out = cells.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                out[i] = MISSING;
            }
        }
        return out;
    }
}
