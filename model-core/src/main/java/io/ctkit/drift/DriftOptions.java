package io.ctkit.drift;

/**
 * How binned statistics are computed.
 *
 * @param bins    number of reference-quantile bins for numeric PSI and Jensen–Shannon (≥ 2;
 *                fewer remain when quantiles tie)
 * @param epsilon floor for bin proportions in PSI, in (0, 1)
 * @param jsBase  logarithm base of the Jensen–Shannon distance ({@link Math#E} = natural log,
 *                scipy's default; 2 bounds the distance by 1)
 */
public record DriftOptions(int bins, double epsilon, double jsBase) {

    public static final int DEFAULT_BINS = 10;
    public static final double DEFAULT_EPSILON = 1e-4;

    public DriftOptions {
        if (bins < 2) {
            throw new IllegalArgumentException("bins must be at least 2: " + bins);
        }
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new IllegalArgumentException("epsilon must be strictly between 0 and 1, e.g. 1e-4: " + epsilon);
        }
        if (!(jsBase > 0) || jsBase == 1 || Double.isInfinite(jsBase)) {
            throw new IllegalArgumentException("jsBase must be a finite number > 0 other than 1, e.g. 2 or Math.E: "
                    + jsBase);
        }
    }

    /** 10 bins, epsilon 1e-4, natural log. */
    public static DriftOptions defaults() {
        return new DriftOptions(DEFAULT_BINS, DEFAULT_EPSILON, Math.E);
    }

    public DriftOptions withBins(int newBins) {
        return new DriftOptions(newBins, epsilon, jsBase);
    }

    public DriftOptions withEpsilon(double newEpsilon) {
        return new DriftOptions(bins, newEpsilon, jsBase);
    }

    public DriftOptions withJsBase(double newBase) {
        return new DriftOptions(bins, epsilon, newBase);
    }
}
