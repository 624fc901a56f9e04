package io.ctkit.drift;

/**
 * Survival function of the one-sided one-sample Kolmogorov–Smirnov statistic D+<sub>n</sub>,
 * following the algorithm of scipy's {@code special.smirnov} (cephes {@code kolmogorov.c},
 * van Mulbregt 2018): the Smirnov/Birnbaum–Tingey sum, from below or from above depending on
 * which has fewer, better conditioned terms. scipy evaluates the terms in double-double
 * arithmetic; here each term is evaluated in log space from the exact fractional part of
 * {@code n·x}, which keeps the relative error around 1e-12 for the sizes ks_2samp reaches.
 */
final class SmirnovDistribution {

    /** cephes MINLOG: exp() of anything below underflows. */
    private static final double MIN_LOG = -7.08396418532264106224E2;
    private static final int MAX_COMPUTE_N = 1_000_000;
    private static final int UPPER_MAX_TERMS = 3;
    private static final int UPPER_SUM_MIN_N = 10;
    private static final double EPSILON = Math.ulp(1.0);

    private SmirnovDistribution() {
    }

    /** P(D+<sub>n</sub> ≥ x). */
    static double sf(int n, double x) {
        if (!(n > 0 && x >= 0.0 && x <= 1.0)) {
            return Double.NaN;
        }
        if (n == 1) {
            return 1 - x;
        }
        if (x == 0.0) {
            return 1.0;
        }
        if (x == 1.0) {
            return 0.0;
        }
        // n·x split exactly into floor and fraction (scipy uses double-double for this).
        double hi = n * x;
        double lo = Math.fma(n, x, -hi);
        double floor = Math.floor(hi);
        double alpha = (hi - floor) + lo;
        if (alpha < 0) {
            floor -= 1;
            alpha += 1;
        }
        if (alpha >= 1) {
            floor += 1;
            alpha -= 1;
        }
        int nxfl = (int) floor;
        int n1mxfl = n - nxfl - (alpha == 0 ? 0 : 1);
        int n1mxceil = n - nxfl;
        if (alpha == 0) {
            n1mxfl -= 1;
            n1mxceil += 1;
        }
        if (nxfl == 0 || (nxfl == 1 && alpha == 0)) {
            double cdf = x * Math.pow(1 + x, n - 1);
            return clip(1 - cdf);
        }
        if (-2 * n * x * x < MIN_LOG) {
            return 0.0;
        }
        if (nxfl >= n - 1) {
            return clip(Math.pow(1 - x, n));
        }
        if (n > MAX_COMPUTE_N) {
            double logp = -Math.pow(6.0 * n * x + 1, 2) / 18.0 / n;
            return clip(logp < -Math.log(2) ? Math.exp(logp) : 1 + Math.expm1(logp));
        }
        int upperTerms = n - n1mxceil + 1;
        boolean upper = (upperTerms <= 1 && x < 0.5)
                || (n >= UPPER_SUM_MIN_N && upperTerms <= UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n));
        double sum;
        int terms;
        int start;
        int step;
        if (upper) {
            start = n;
            step = -1;
            terms = n - n1mxceil + 1;
            sum = Math.pow(1 + x, n - 1);
        } else {
            start = 0;
            step = 1;
            terms = n1mxfl + 1;
            sum = Math.pow(1 - x, n) / x;
        }
        // log C(n, j), updated as j grows; compensated, as thousands of terms of size ~1e3 accumulate
        double logBinomial = 0.0;
        double compensation = 0.0;
        int vmid = n / 2;
        for (int j = 1; j < terms; j++) {
            double y = Math.log((double) (n - j + 1) / j) - compensation;
            double t = logBinomial + y;
            compensation = (t - logBinomial) - y;
            logBinomial = t;
            int v = start + j * step;
            double term = term(n, v, nxfl, alpha, logBinomial);
            sum += term;
            if (term != 0) {
                if (4.0 * (terms - j) * Math.abs(term) < EPSILON * sum && j != terms - 1) {
                    break;
                }
            } else if (j > vmid) {
                break;
            }
        }
        double prob = x * sum;
        return clip(upper ? 1 - prob : prob);
    }

    /** C(n,v) (1 − x − v/n)^(n−v) (x + v/n)^(v−1), with 1 − x − v/n = (n − ⌊nx⌋ − v − α)/n exactly. */
    private static double term(int n, int v, int nxfl, double alpha, double logBinomial) {
        double below = ((double) (n - nxfl - v) - alpha) / n;
        double above = ((double) (nxfl + v) + alpha) / n;
        if (below <= 0 || above <= 0) {
            return 0.0;
        }
        double log = logBinomial + (n - v) * Math.log(below) + (v - 1) * Math.log(above);
        return Math.exp(log);
    }

    private static double clip(double p) {
        return Math.max(0.0, Math.min(1.0, p));
    }
}
