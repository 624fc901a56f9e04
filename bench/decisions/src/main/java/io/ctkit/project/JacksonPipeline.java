package io.ctkit.project;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

/**
 * ctkit.yaml as Jackson records: the whole structure (every section, so unknown keys are caught
 * everywhere), per-field rules (ranges, patterns) in compact constructors. Cross-field and
 * cross-section rules (the task fits the label, features are schema columns, momentum only with
 * sgd) are not here: they stay hand-written whichever binder reads the file.
 */
record JacksonPipeline(
        @Required String name,
        Long seed,
        @Required Data data,
        @Required List<Feature> features,
        @Required Model model,
        Training training,
        Evaluate evaluate,
        Validation validation,
        Gate gate,
        Register register) {

    JacksonPipeline {
        Invalid.check(name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}") && !name.contains(".."), "name",
                "must start with a letter or digit and contain only letters, digits, '.', '_' and '-' (at most 128)", name);
        Invalid.check(!features.isEmpty(), "features", "must list at least one feature", features);
    }

    record Data(@Required String train, @Required String holdout,
            String reference, @Required Schema schema, String label, Generate generate) {
        Data {
            for (String p : new String[] {train, holdout, reference}) {
                Invalid.check(p == null || !p.startsWith("/"), p == train ? "train" : p == holdout ? "holdout"
                        : "reference", "is absolute; give a path relative to the ctkit.yaml file", p);
            }
        }
    }

    record Generate(@Required String generator, Map<String, Object> options) {
    }

    record Schema(@Required List<Column> columns,
            @JsonProperty("missingValues") List<String> missingValues) {
    }

    record Column(@Required String name, @Required ColumnType type,
            LabelKind kind, Missing missing, Object fill, Double min, Double max, List<String> values,
            Unknown unknown) {
        Column {
            Invalid.check(min == null || max == null || min <= max, "max", "is below min " + min, max);
        }
    }

    enum ColumnType {
        @JsonProperty("number") NUMBER, @JsonProperty("category") CATEGORY, @JsonProperty("text") TEXT,
        @JsonProperty("label") LABEL, @JsonProperty("id") ID, @JsonProperty("time") TIME
    }

    enum LabelKind { @JsonProperty("regression") REGRESSION, @JsonProperty("classification") CLASSIFICATION }

    enum Missing {
        @JsonProperty("error") ERROR, @JsonProperty("skip-row") SKIP_ROW, @JsonProperty("keep") KEEP,
        @JsonProperty("fill") FILL
    }

    enum Unknown { @JsonProperty("error") ERROR, @JsonProperty("missing") MISSING, @JsonProperty("keep") KEEP }

    record Feature(@Required String name, Transform transform, Object impute, Integer buckets,
            HashMode mode) {
        Feature {
            Invalid.check(buckets == null || buckets >= 1 && buckets <= 16_777_216, "buckets",
                    "must be 1 to 16777216", buckets);
        }
    }

    enum Transform {
        @JsonProperty("standardize") STANDARDIZE, @JsonProperty("min_max") MIN_MAX,
        @JsonProperty("passthrough") PASSTHROUGH, @JsonProperty("one_hot") ONE_HOT, @JsonProperty("hash") HASH
    }

    enum HashMode { @JsonProperty("count") COUNT, @JsonProperty("binary") BINARY }

    record Model(@Required Task task, List<Hidden> hidden) {
    }

    enum Task {
        @JsonProperty("regression") REGRESSION, @JsonProperty("binary-classification") BINARY_CLASSIFICATION,
        @JsonProperty("multiclass-classification") MULTICLASS_CLASSIFICATION
    }

    record Hidden(@Required int units, Activation activation, Double alpha) {
        Hidden {
            Invalid.check(units >= 1, "units", "must be a positive integer", units);
        }
    }

    enum Activation {
        @JsonProperty("linear") LINEAR, @JsonProperty("relu") RELU, @JsonProperty("leaky_relu") LEAKY_RELU,
        @JsonProperty("elu") ELU, @JsonProperty("sigmoid") SIGMOID, @JsonProperty("tanh") TANH
    }

    record Training(Optimizer optimizer, Double learningRate, Double momentum, Integer batchSize, Integer epochs,
            EarlyStopping earlyStopping, Object classWeights, Double l2, Engine engine) {
        Training {
            Invalid.check(learningRate == null || learningRate > 0, "learning_rate", "must be greater than 0",
                    learningRate);
            Invalid.check(momentum == null || momentum >= 0 && momentum < 1, "momentum", "must be at least 0 and less than 1",
                    momentum);
            Invalid.check(batchSize == null || batchSize >= 1, "batch_size", "must be a positive integer", batchSize);
            Invalid.check(epochs == null || epochs >= 1, "epochs", "must be a positive integer", epochs);
            Invalid.check(l2 == null || l2 >= 0, "l2", "must be at least 0", l2);
        }
    }

    enum Optimizer { @JsonProperty("adam") ADAM, @JsonProperty("sgd") SGD }

    enum Engine { @JsonProperty("direct") DIRECT, @JsonProperty("samediff") SAMEDIFF }

    record EarlyStopping(Integer patience, Double validationFraction, Double minDelta) {
        EarlyStopping {
            Invalid.check(patience == null || patience >= 1, "patience", "must be a positive integer", patience);
            Invalid.check(validationFraction == null || validationFraction > 0 && validationFraction <= 0.5,
                    "validation_fraction", "must be greater than 0 and at most 0.5", validationFraction);
            Invalid.check(minDelta == null || minDelta >= 0, "min_delta", "must be at least 0", minDelta);
        }
    }

    record Evaluate(Integer bootstrap, Double confidence, Double threshold, List<String> slices, Integer minSliceSize,
            Boolean plots) {
        Evaluate {
            Invalid.check(bootstrap == null || bootstrap >= 0, "bootstrap", "must be an integer of 0 or more", bootstrap);
            Invalid.check(confidence == null || confidence > 0 && confidence < 1, "confidence",
                    "must be greater than 0 and less than 1", confidence);
            Invalid.check(threshold == null || threshold >= 0 && threshold <= 1, "threshold", "must be between 0 and 1",
                    threshold);
            Invalid.check(minSliceSize == null || minSliceSize >= 1, "min_slice_size", "must be a positive integer",
                    minSliceSize);
        }
    }

    record Validation(Double maxMissingFraction, Map<String, Double> missingFractionByColumn,
            Double maxDuplicateFraction, Integer maxLeakedRows, Boolean requireLabel, Drift drift) {
        Validation {
            Invalid.check(maxMissingFraction == null || maxMissingFraction >= 0 && maxMissingFraction <= 1,
                    "max_missing_fraction", "must be a fraction between 0 and 1", maxMissingFraction);
            Invalid.check(maxDuplicateFraction == null || maxDuplicateFraction >= 0 && maxDuplicateFraction <= 1,
                    "max_duplicate_fraction", "must be a fraction between 0 and 1", maxDuplicateFraction);
            Invalid.check(maxLeakedRows == null || maxLeakedRows >= 0, "max_leaked_rows", "must be 0 or more",
                    maxLeakedRows);
        }
    }

    // SNAKE_CASE turns minKsPValue into min_ks_pvalue: the names need spelling out.
    record Drift(Double maxPsi, @JsonProperty("min_ks_p_value") Double minKsPValue,
            @JsonProperty("min_chi_square_p_value") Double minChiSquarePValue, Integer bins) {
        Drift {
            Invalid.check(maxPsi == null || maxPsi >= 0, "max_psi", "must be 0 or more", maxPsi);
            Invalid.check(bins == null || bins >= 2, "bins", "must be a whole number of at least 2", bins);
        }
    }

    record Gate(Integer bootstrap, Double confidence, Long seed, Double decisionThreshold, Integer minSliceSize,
            FirstRun firstRun, List<Threshold> thresholds, List<NoRegression> noRegression,
            List<Improvement> improvement) {
    }

    enum FirstRun { @JsonProperty("pass") PASS, @JsonProperty("fail") FAIL }

    record Threshold(@Required String metric, Double min, Double max, String slice,
            Integer minSliceSize) {
        Threshold {
            Invalid.metric(metric);
            Invalid.check((min == null) != (max == null), "min", "give exactly one of min and max", null);
        }
    }

    record NoRegression(@Required String metric, Double margin) {
        NoRegression {
            Invalid.metric(metric);
        }
    }

    record Improvement(@Required String metric, Double minGain) {
        Improvement {
            Invalid.metric(metric);
        }
    }

    record Register(String alias) {
        Register {
            Invalid.check(alias == null || alias.equals("none") || alias.matches("[a-z][a-z0-9_-]{0,62}"), "alias",
                    "must be an alias name (lower-case letters, digits, - and _, starting with a letter) or none", alias);
        }
    }

    /**
     * Present and not null. required = true alone lets an explicit null through ("name:"), and the global
     * switches for nulls (Nulls.FAIL as default setter info, FAIL_ON_NULL_CREATOR_PROPERTIES) also refuse
     * every absent optional field of a record.
     */
    @Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @JacksonAnnotationsInside
    @JsonProperty(required = true)
    @JsonSetter(nulls = Nulls.FAIL)
    @interface Required {
    }

    /** A rule broken inside a record, naming the field, so the error formatter can extend Jackson's path. */
    static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final String field;
        final Object value;

        Invalid(String field, String problem, Object value) {
            super(problem);
            this.field = field;
            this.value = value;
        }

        static void check(boolean ok, String field, String problem, Object value) {
            if (!ok) {
                throw new Invalid(field, problem, value);
            }
        }

        static void metric(String key) {
            try {
                io.ctkit.metrics.Metric.fromKey(key);
            } catch (IllegalArgumentException e) {
                throw new Invalid("metric", e.getMessage(), null);
            }
        }
    }
}
