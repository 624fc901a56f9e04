package io.ctkit.drift;

/** PSI and Jensen–Shannon over binned counts, and Wasserstein-1 over raw sorted samples. */
final class Divergences {

    private Divergences() {
    }

    /**
     * PSI = Σ (c_i − r_i)·ln(c_i / r_i) with r_i, c_i the bin proportions, each floored at epsilon
     * (no renormalisation after flooring).
     */
    static double psi(long[] reference, long[] current, double epsilon) {
        double nr = sum(reference);
        double nc = sum(current);
        double psi = 0.0;
        for (int i = 0; i < reference.length; i++) {
            double r = Math.max(reference[i] / nr, epsilon);
            double c = Math.max(current[i] / nc, epsilon);
            psi += (c - r) * Math.log(c / r);
        }
        return psi;
    }

    /**
     * scipy.spatial.distance.jensenshannon(p, q, base): sqrt((KL(p‖m) + KL(q‖m)) / 2) with
     * m = (p + q)/2, counts normalised to proportions, natural log divided by ln(base).
     */
    static double jensenShannon(long[] reference, long[] current, double base) {
        double nr = sum(reference);
        double nc = sum(current);
        double left = 0.0;
        double right = 0.0;
        for (int i = 0; i < reference.length; i++) {
            double p = reference[i] / nr;
            double q = current[i] / nc;
            double m = (p + q) / 2.0;
            left += relativeEntropy(p, m);
            right += relativeEntropy(q, m);
        }
        double js = left + right;
        if (base != Math.E) {
            js /= Math.log(base);
        }
        // rounding can leave -1e-17 for equal distributions; scipy would answer NaN there
        return Math.sqrt(Math.max(js, 0.0) / 2.0);
    }

    private static double relativeEntropy(double x, double y) {
        return x > 0 ? x * Math.log(x / y) : 0.0;
    }

    /**
     * scipy.stats.wasserstein_distance(u, v): ∫ |F_u − F_v| over the pooled values, both ECDFs
     * right-continuous; inputs must be sorted.
     */
    static double wasserstein(double[] u, double[] v) {
        int nu = u.length;
        int nv = v.length;
        int i = 0;
        int j = 0;
        double sum = 0.0;
        double compensation = 0.0;
        // walk the pooled sorted values; between consecutive ones both ECDFs are constant
        double previous = Math.min(u[0], v[0]);
        while (i < nu || j < nv) {
            double next = j >= nv || (i < nu && u[i] <= v[j]) ? u[i] : v[j];
            double term = Math.abs((double) i / nu - (double) j / nv) * (next - previous);
            double y = term - compensation;
            double t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
            previous = next;
            if (i < nu && u[i] == next) {
                i++;
            } else {
                j++;
            }
        }
        return sum;
    }

    private static double sum(long[] counts) {
        long s = 0;
        for (long c : counts) {
            s += c;
        }
        return s;
    }
}
