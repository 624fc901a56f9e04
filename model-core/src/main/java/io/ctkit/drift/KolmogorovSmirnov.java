package io.ctkit.drift;

/**
 * Two-sample Kolmogorov–Smirnov test, two-sided, reproducing scipy 1.10's
 * {@code stats.ks_2samp(a, b)} with its defaults (method 'auto'): the exact null distribution
 * (Hodges' lattice-path counting; Viehmann's stable recursion for unequal sizes) when both
 * samples have at most 10 000 values, otherwise the one-sample Kolmogorov distribution
 * {@code kstwo.sf(d, round(m·n/(m+n)))}.
 */
final class KolmogorovSmirnov {

    static final int MAX_EXACT_N = 10_000;

    private KolmogorovSmirnov() {
    }

    static KsResult test(double[] reference, double[] current) {
        double[] a = Samples.sortedCopy(reference, "reference");
        double[] b = Samples.sortedCopy(current, "current");
        int n1 = a.length;
        int n2 = b.length;
        double d = statistic(a, b);
        long g = gcd(n1, n2);
        if (Math.max(n1, n2) <= MAX_EXACT_N) {
            long lcm = (n1 / g) * n2;
            long h = (long) Math.rint(d * lcm);
            // scipy reports the statistic snapped to the lattice it counts paths on
            d = h * 1.0 / lcm;
            double p;
            if (h == 0) {
                p = 1.0;
            } else if (n1 == n2) {
                p = probOutsideSquare(n1, h);
            } else {
                p = outerProbInside(n1, n2, g, h);
            }
            if (p >= 0 && p <= 1) {
                return new KsResult(d, p, KsResult.Method.EXACT, n1, n2);
            }
        }
        double m = Math.max(n1, n2);
        double n = Math.min(n1, n2);
        double en = m * n / (m + n);
        double p = KolmogorovDistribution.sf((int) Math.rint(en), d);
        return new KsResult(d, KolmogorovDistribution.clip(p), KsResult.Method.ASYMPTOTIC, n1, n2);
    }

    /** sup |F_a − F_b| over the pooled values, both ECDFs right-continuous, as scipy computes it. */
    static double statistic(double[] a, double[] b) {
        int n1 = a.length;
        int n2 = b.length;
        int i = 0;
        int j = 0;
        double maxS = Double.NEGATIVE_INFINITY;
        double minS = Double.POSITIVE_INFINITY;
        while (i < n1 || j < n2) {
            double v = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
            while (i < n1 && a[i] <= v) {
                i++;
            }
            while (j < n2 && b[j] <= v) {
                j++;
            }
            double diff = (double) i / n1 - (double) j / n2;
            maxS = Math.max(maxS, diff);
            minS = Math.min(minS, diff);
        }
        double minClipped = Math.max(0.0, Math.min(1.0, -minS));
        return minClipped > maxS ? minClipped : maxS;
    }

    /** Pr(D_{n,n} ≥ h/n): Hodges' alternating sum, evaluated Horner-like to avoid cancellation. */
    static double probOutsideSquare(long n, long h) {
        double p = 0.0;
        long k = n / h;
        while (k >= 0) {
            double p1 = 1.0;
            for (long j = 0; j < h; j++) {
                p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
            }
            p = p1 * (1.0 - p);
            k--;
        }
        return 2 * p;
    }

    /**
     * Proportion of lattice paths from (0,0) to (m,n) that leave the band |x/m − y/n| &lt; h/lcm(m,n),
     * by Viehmann's recursion for 1 − p (arXiv:2102.08037), one sliding column at a time.
     */
    static double outerProbInside(long m0, long n0, long g, long h) {
        long m = Math.max(m0, n0);
        int n = (int) Math.min(m0, n0);
        long mg = m / g;
        long ng = n / g;
        int minj = 0;
        int maxj = (int) Math.min((long) Math.ceil((double) h / mg), n + 1);
        int curlen = maxj - minj;
        int lenA = Math.min(2 * maxj + 2, n + 1);
        double[] a = new double[lenA];
        java.util.Arrays.fill(a, 1.0);
        for (int j = minj; j < maxj; j++) {
            a[j] = 0.0;
        }
        for (long i = 1; i <= m; i++) {
            int lastminj = minj;
            int lastlen = curlen;
            minj = (int) Math.max((long) Math.floor((double) (ng * i - h) / mg) + 1, 0);
            minj = Math.min(minj, n);
            maxj = (int) Math.min((long) Math.ceil((double) (ng * i + h) / mg), n + 1);
            if (maxj <= minj) {
                return 1.0;
            }
            double val = minj == 0 ? 0.0 : 1.0;
            for (int jj = 0; jj < maxj - minj; jj++) {
                int j = jj + minj;
                val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
                a[jj] = val;
            }
            curlen = maxj - minj;
            if (lastlen > curlen) {
                for (int c = maxj - minj; c < maxj - minj + (lastlen - curlen) && c < lenA; c++) {
                    a[c] = 1;
                }
            }
        }
        return a[maxj - minj - 1];
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
