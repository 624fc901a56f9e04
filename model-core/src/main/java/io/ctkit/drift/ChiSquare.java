package io.ctkit.drift;

import java.util.List;

/**
 * Chi-square test of homogeneity on the 2×K table (reference counts, current counts) over the
 * union of categories, as {@code scipy.stats.chi2_contingency(table)} with its defaults:
 * expected counts row·column/total, dof = K − 1, Yates' continuity correction only when dof = 1,
 * and statistic 0, p-value 1 when dof = 0 (a single category on both sides).
 */
final class ChiSquare {

    private ChiSquare() {
    }

    static ChiSquareResult test(CategoryCounts counts) {
        List<String> categories = counts.categories();
        long[] ref = counts.reference();
        long[] cur = counts.current();
        int k = categories.size();
        int dof = k - 1;
        if (dof == 0) {
            return new ChiSquareResult(0.0, 1.0, 0, false, counts.referenceSize(), counts.currentSize());
        }
        double total = counts.referenceSize() + counts.currentSize();
        double[] rowSums = {counts.referenceSize(), counts.currentSize()};
        boolean yates = dof == 1;
        double statistic = 0.0;
        for (int row = 0; row < 2; row++) {
            long[] observed = row == 0 ? ref : cur;
            for (int j = 0; j < k; j++) {
                double expected = rowSums[row] * (double) (ref[j] + cur[j]) / total;
                double o = observed[j];
                if (yates) {
                    double diff = expected - o;
                    o += Math.signum(diff) * Math.min(0.5, Math.abs(diff));
                }
                double dev = o - expected;
                statistic += dev * dev / expected;
            }
        }
        double p = IncompleteGamma.upperRegularized(dof / 2.0, statistic / 2.0);
        return new ChiSquareResult(statistic, p, dof, yates, counts.referenceSize(), counts.currentSize());
    }
}
