package io.ctkit.drift;

/**
 * Regularized upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a), for chi-square
 * p-values: {@code chi2.sf(x, k) = Q(k/2, x/2)}. Power series for P when x &lt; a + 1, Lentz's
 * continued fraction for Q otherwise (Numerical Recipes §6.2, cephes {@code igam}/{@code igamc});
 * each converges to double precision in its region, and the continued fraction keeps small
 * p-values accurate relatively.
 */
final class IncompleteGamma {

    private static final double EPS = 1e-16;
    private static final double TINY = 1e-300;
    private static final int MAX_ITERATIONS = 100_000;
    /** Lanczos approximation, g = 607/128, 15 terms (Godfrey), relative error below 1e-15. */
    private static final double LANCZOS_G = 607.0 / 128.0;
    private static final double[] LANCZOS = {
        0.99999999999999709182, 57.156235665862923517, -59.597960355475491248,
        14.136097974741747174, -0.49191381609762019978, .33994649984811888699e-4,
        .46523628927048575665e-4, -.98374475304879564677e-4, .15808870322491248884e-3,
        -.21026444172410488319e-3, .21743961811521264320e-3, -.16431810653676389022e-3,
        .84418223983852743293e-4, -.26190838401581408670e-4, .36899182659531622704e-5};
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private IncompleteGamma() {
    }

    /** Q(a, x) for a &gt; 0, x ≥ 0. */
    static double upperRegularized(double a, double x) {
        if (!(a > 0) || !(x >= 0)) {
            throw new IllegalArgumentException("incomplete gamma needs a > 0 and x >= 0: a=" + a + ", x=" + x);
        }
        if (x == 0) {
            return 1.0;
        }
        if (Double.isInfinite(x)) {
            return 0.0;
        }
        double logPrefactor = -x + a * Math.log(x) - logGamma(a);
        if (x < a + 1) {
            return 1.0 - series(a, x, logPrefactor);
        }
        return continuedFraction(a, x, logPrefactor);
    }

    /** P(a, x) by Σ x^n / (a(a+1)…(a+n)). */
    private static double series(double a, double x, double logPrefactor) {
        double ap = a;
        double del = 1.0 / a;
        double sum = del;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            ap += 1;
            del *= x / ap;
            sum += del;
            if (Math.abs(del) < Math.abs(sum) * EPS) {
                return sum * Math.exp(logPrefactor);
            }
        }
        throw new ArithmeticException("incomplete gamma series did not converge for a=" + a + ", x=" + x);
    }

    /** Q(a, x) by the continued fraction 1/(x+1−a− 1·(1−a)/(x+3−a− …)), modified Lentz. */
    private static double continuedFraction(double a, double x, double logPrefactor) {
        double b = x + 1 - a;
        double c = 1.0 / TINY;
        double d = 1.0 / b;
        double h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = b + an / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1.0 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1.0) < EPS) {
                return Math.exp(logPrefactor) * h;
            }
        }
        throw new ArithmeticException("incomplete gamma continued fraction did not converge for a=" + a + ", x=" + x);
    }

    /** log Γ(a) for a &gt; 0. */
    static double logGamma(double a) {
        if (a < 0.5) {
            // reflection keeps the Lanczos sum in its accurate range
            return Math.log(Math.PI / Math.sin(Math.PI * a)) - logGamma(1 - a);
        }
        double z = a - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + LANCZOS_G + 0.5;
        return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
