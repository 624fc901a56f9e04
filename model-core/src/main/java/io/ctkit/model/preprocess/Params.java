package io.ctkit.model.preprocess;

/** Resolves and checks the vector parameters of one op; messages name the JSON location. */
final class Params {

    private final PreprocessingOp op;
    private final String prefix;
    private final ArrayResolver resolver;

    Params(PreprocessingOp op, String prefix, ArrayResolver resolver) {
        this.op = op;
        this.prefix = prefix;
        this.resolver = resolver;
    }

    double[] get(String name) {
        ArrayRef ref = op.arrays().get(name);
        String location = prefix + name;
        double[] values;
        String source;
        if (ref == null) {
            throw new IllegalArgumentException(location + ": missing; fit the op first (FeatureEncoder.fit)"
                    + " or give one value per feature");
        } else if (ref instanceof ArrayRef.Inline inline) {
            values = inline.values();
            source = "";
        } else {
            String path = ((ArrayRef.File) ref).path();
            if (resolver == null) {
                throw new IllegalArgumentException(location + ": refers to file " + path
                        + ", but no array resolver was given to read it");
            }
            values = resolver.values(path, location);
            source = " (" + path + ")";
        }
        int features = op.features().size();
        if (values.length != features) {
            throw new IllegalArgumentException(location + source + ": has " + values.length
                    + " values but the op has " + features + " features; give one value per feature");
        }
        for (int f = 0; f < values.length; f++) {
            if (!Double.isFinite(values[f])) {
                throw new IllegalArgumentException(location + "[" + f + "]" + source + ": must be finite, got "
                        + values[f]);
            }
        }
        return values;
    }

    void requireNonNegative(String name, double[] values) {
        for (int f = 0; f < values.length; f++) {
            if (values[f] < 0) {
                throw new IllegalArgumentException(prefix + name + "[" + f + "]: must not be negative, got "
                        + values[f]);
            }
        }
    }

    void requireOrdered(double[] min, double[] max) {
        for (int f = 0; f < min.length; f++) {
            if (max[f] < min[f]) {
                throw new IllegalArgumentException(prefix + "max[" + f + "]: " + max[f] + " is less than min["
                        + f + "] " + min[f]);
            }
        }
    }
}
