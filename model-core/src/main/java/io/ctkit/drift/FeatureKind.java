package io.ctkit.drift;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a feature's values are numbers or categories; decides which statistics apply. */
public enum FeatureKind {
    /** PSI, Jensen–Shannon (over quantile bins), Kolmogorov–Smirnov, Wasserstein-1. */
    @JsonProperty("numeric") NUMERIC,
    /** PSI, Jensen–Shannon (over categories), chi-square. */
    @JsonProperty("categorical") CATEGORICAL
}
