package io.ctkit.drift;

/**
 * Survival function of the exact two-sided one-sample Kolmogorov–Smirnov statistic D<sub>n</sub>,
 * as scipy 1.10's {@code stats.kstwo.sf(x, n)} computes it ({@code scipy/stats/_ksstats.py},
 * after Simard &amp; L'Ecuyer 2011): Ruben–Gambino closed forms at the ends, twice the one-sided
 * Smirnov probability for large x, the Durbin matrix (Marsaglia–Tsang–Wang) or Pomeranz recursion
 * for small n·x², and the Pelz–Good expansion for large n. ks_2samp uses it with
 * n = round(m·n/(m+n)) for its asymptotic p-value.
 */
final class KolmogorovDistribution {

    private static final int E128 = 128;
    private static final double EP128 = Math.scalb(1.0, E128);
    private static final double EM128 = Math.scalb(1.0, -E128);
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double MIN_LOG = -708;
    private static final double SQRT3 = Math.sqrt(3);
    private static final double PI2 = Math.PI * Math.PI;
    private static final double PI4 = PI2 * PI2;
    private static final double PI6 = PI4 * PI2;
    /** Stirling series coefficients B_2j/(2j)/(2j−1), j = 8..1 (highest power first). */
    private static final double[] STIRLING = {-2.955065359477124183e-2, 6.4102564102564102564e-3,
        -1.9175269175269175269e-3, 8.4175084175084175084e-4, -5.952380952380952381e-4,
        7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2};

    private KolmogorovDistribution() {
    }

    /** P(D<sub>n</sub> ≥ x), i.e. {@code scipy.stats.kstwo.sf(x, n)}. */
    static double sf(int n, double x) {
        if (n < 1) {
            throw new IllegalArgumentException("Kolmogorov distribution needs n >= 1: " + n);
        }
        // scipy's rv_continuous support is (0.5/n, 1): 1 at or below it, 0 at or above it.
        if (x <= 0.5 / n) {
            return 1.0;
        }
        if (x >= 1.0) {
            return 0.0;
        }
        return clip(kolmogornSf(n, x));
    }

    private static double kolmogornSf(int n, double x) {
        double t = n * x;
        if (t <= 1.0) {
            if (t <= 0.5) {
                return 1.0;
            }
            double prob;
            if (n <= 140) {
                prob = 1.0;
                for (int i = 1; i <= n; i++) {
                    prob *= i * (1.0 / n) * (2 * t - 1);
                }
            } else {
                prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
            }
            return 1.0 - prob;
        }
        if (t >= n - 1) {
            return 2 * Math.pow(1.0 - x, n);
        }
        if (x >= 0.5) {
            return 2 * SmirnovDistribution.sf(n, x);
        }
        double nxSquared = t * x;
        if (n <= 140) {
            if (nxSquared <= 0.754693) {
                return 1.0 - clip(durbinCdf(n, x));
            }
            if (nxSquared <= 4) {
                return 1.0 - clip(pomeranzCdf(n, x));
            }
            return 2 * SmirnovDistribution.sf(n, x);
        }
        if (nxSquared >= 370.0) {
            return 0.0;
        }
        if (nxSquared >= 2.2) {
            return 2 * SmirnovDistribution.sf(n, x);
        }
        double cdf;
        if (n <= 100000 && n * Math.pow(x, 1.5) <= 1.4) {
            cdf = durbinCdf(n, x);
        } else {
            cdf = pelzGoodCdf(n, x);
        }
        return 1.0 - clip(cdf);
    }

    /** log(n!/n^n) by Stirling's series with n·log(n) removed up front (no cancellation). */
    private static double logFactorialOverPower(int n) {
        double rn = 1.0 / n;
        double z = rn / n;
        double poly = 0.0;
        for (double c : STIRLING) {
            poly = poly * z + c;
        }
        return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
    }

    /** Durbin's matrix algorithm as organised by Marsaglia, Tsang and Wang (2003): P(D_n ≤ d). */
    static double durbinCdf(int n, double d) {
        if (d >= 1.0) {
            return 1.0;
        }
        double nd = n * d;
        if (nd <= 0.5) {
            return 0.0;
        }
        int k = (int) Math.ceil(nd);
        double h = k - nd;
        int m = 2 * k - 1;
        double[] v = new double[m];
        double[] w = new double[m];
        double fac = 1.0;
        for (int j = 1; j <= m; j++) {
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] = (1.0 - Math.pow(h, j)) * fac;
        }
        double tt = Math.pow(Math.max(2 * h - 1.0, 0), m) - 2 * Math.pow(h, m);
        v[m - 1] = (1.0 + tt) * fac;
        double[][] hm = new double[m][m];
        for (int i = 1; i < m; i++) {
            for (int r = i - 1; r < m; r++) {
                hm[r][i] = w[r - i + 1];
            }
        }
        for (int r = 0; r < m; r++) {
            hm[r][0] = v[r];
        }
        for (int c = 0; c < m; c++) {
            hm[m - 1][c] = v[m - 1 - c];
        }
        double[][] power = identity(m);
        int nn = n;
        int expnt = 0;
        int hExpnt = 0;
        while (nn > 0) {
            if (nn % 2 == 1) {
                power = multiply(power, hm);
                expnt += hExpnt;
            }
            hm = multiply(hm, hm);
            hExpnt *= 2;
            if (Math.abs(hm[k - 1][k - 1]) > EP128) {
                scale(hm, EM128);
                hExpnt += E128;
            }
            nn /= 2;
        }
        double p = power[k - 1][k - 1];
        for (int i = 1; i <= n; i++) {
            p = i * p / n;
            if (Math.abs(p) < EM128) {
                p *= EP128;
                expnt -= E128;
            }
        }
        return expnt != 0 ? Math.scalb(p, expnt) : p;
    }

    /** Pomeranz's recursion (1974): P(D_n ≤ x). */
    static double pomeranzCdf(int n, double x) {
        return Pomeranz.cdf(n, x);
    }

    /** Pelz–Good (1976) approximation to P(D_n ≤ x), used for large n. */
    static double pelzGoodCdf(int n, double x) {
        if (x <= 0.0) {
            return 0.0;
        }
        if (x >= 1.0) {
            return 1.0;
        }
        double z = Math.sqrt(n) * x;
        double z2 = z * z;
        double z3 = z2 * z;
        double z4 = z2 * z2;
        double z6 = z4 * z2;
        double qlog = -PI2 / 8 / z2;
        if (qlog < MIN_LOG) {
            return 0.0;
        }
        double q = Math.exp(qlog);
        double k1a = -z2;
        double k1b = PI2 / 4;
        double k2a = 6 * z6 + 2 * z4;
        double k2b = (2 * z4 - 5 * z2) * PI2 / 4;
        double k2c = PI4 * (1 - 2 * z2) / 16;
        double k3d = PI6 * (5 - 30 * z2) / 64;
        double k3c = PI4 * (-60 * z2 + 212 * z4) / 16;
        double k3b = PI2 * (135 * z4 - 96 * z6) / 4;
        double k3a = -30 * z6 - 90 * Math.pow(z, 8);
        double[] kk = new double[4];
        int maxk = (int) Math.ceil(16 * z / Math.PI);
        for (int k = maxk; k > 0; k--) {
            double mm = 2 * k - 1;
            double m2 = mm * mm;
            double m4 = m2 * m2;
            double m6 = m4 * m2;
            double qpower = Math.pow(q, 8 * k);
            double[] coeffs = {1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4,
                k3a + k3b * m2 + k3c * m4 + k3d * m6};
            for (int i = 0; i < 4; i++) {
                kk[i] = kk[i] * qpower + coeffs[i];
            }
        }
        double[] div = {z, 6 * z4, 72 * Math.pow(z, 7), 6480 * Math.pow(z, 10)};
        for (int i = 0; i < 4; i++) {
            kk[i] = kk[i] * q * SQRT_2PI / div[i];
        }
        double q2 = Math.exp(-PI2 / 2 / z2);
        double k2extra = 0.0;
        double k3extra = 0.0;
        double sqrt3z = SQRT3 * z;
        for (int k = maxk; k > 0; k--) {
            double ks2 = (double) k * k;
            double qp = Math.pow(q2, ks2);
            double kspi = Math.PI * k;
            k2extra += ks2 * qp;
            k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ks2 * qp;
        }
        kk[2] += k2extra * PI2 * SQRT_2PI / (-36 * z3);
        kk[3] += k3extra * PI2 * SQRT_2PI / (216 * z6);
        double sum = 0.0;
        for (int i = 0; i < 4; i++) {
            sum += kk[i] / Math.pow(n, i / 2.0);
        }
        return sum;
    }

    private static double[][] identity(int m) {
        double[][] id = new double[m][m];
        for (int i = 0; i < m; i++) {
            id[i][i] = 1.0;
        }
        return id;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int m = a.length;
        double[][] c = new double[m][m];
        for (int i = 0; i < m; i++) {
            double[] ci = c[i];
            for (int l = 0; l < m; l++) {
                double ail = a[i][l];
                if (ail == 0.0) {
                    continue;
                }
                double[] bl = b[l];
                for (int j = 0; j < m; j++) {
                    ci[j] += ail * bl[j];
                }
            }
        }
        return c;
    }

    private static void scale(double[][] a, double factor) {
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= factor;
            }
        }
    }

    static double clip(double p) {
        return Math.max(0.0, Math.min(1.0, p));
    }
}
