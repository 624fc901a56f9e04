package io.ctkit.model;

import io.ctkit.model.inference.Activation;
import io.ctkit.model.inference.DenseLayer;
import io.ctkit.model.inference.DenseNetwork;
import io.ctkit.model.inference.Precision;
import io.ctkit.model.preprocess.FeatureEncoder;
import io.ctkit.npy.NpyArray;
import io.ctkit.npy.NpyDType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Joins a definition with its arrays and checks everything that needs both: array dtypes and
 * shapes, the chain of layer widths from the feature vector to the output, finite weights, and
 * an output layer that fits the task. Messages name the place in {@code model.json}.
 */
final class ModelCompiler {

    private final ModelDefinition definition;
    private final ArraySource arrays;
    private final String source;

    private ModelCompiler(ModelDefinition definition, ArraySource arrays, String source) {
        this.definition = definition;
        this.arrays = arrays;
        this.source = source;
    }

    static Model compile(ModelDefinition definition, ArraySource arrays, String source) throws ModelException {
        return new ModelCompiler(definition, arrays, source).compile();
    }

    /** Helpers throw IllegalArgumentException("<location>: <problem>"); this adds the file name. */
    private Model compile() throws ModelException {
        try {
            return compileOrThrow();
        } catch (IllegalArgumentException e) {
            throw new ModelException(source + ": " + e.getMessage(), e);
        }
    }

    private Model compileOrThrow() {
        FeatureEncoder encoder = FeatureEncoder.of(definition.inputs(), definition.preprocessing(), this::vector);
        List<DenseLayer> layers = new ArrayList<>();
        boolean float32 = true;
        int width = encoder.width();
        for (int l = 0; l < definition.layers().size(); l++) {
            LayerSpec spec = definition.layers().get(l);
            String at = "layers[" + l + "]";
            NpyArray kernel = require(spec.weights(), at + ".weights");
            int[] shape = kernel.shape();
            if (shape.length != 2 || shape[0] != width || shape[1] < 1) {
                String have = l == 0 ? "the feature vector has " + width + " features"
                        : "layers[" + (l - 1) + "] has " + width + " units";
                throw error(at + ".weights", spec.weights() + " has shape " + Arrays.toString(shape) + ", but " + have
                        + "; a dense kernel has shape [inputs, units] = [" + width + ", units]");
            }
            int units = shape[1];
            double[] bias = new double[units];
            if (spec.bias() != null) {
                NpyArray b = require(spec.bias(), at + ".bias");
                if (b.rank() != 1 || b.shape()[0] != units) {
                    throw error(at + ".bias", spec.bias() + " has shape " + Arrays.toString(b.shape())
                            + ", but the layer has " + units + " units; a bias has shape [" + units + "]");
                }
                bias = finite(b, spec.bias(), at + ".bias");
                float32 &= b.dtype() == NpyDType.FLOAT32;
            }
            float32 &= kernel.dtype() == NpyDType.FLOAT32;
            double[] w = finite(kernel, spec.weights(), at + ".weights");
            layers.add(new DenseLayer(width, units, w, bias, spec.activation(), spec.effectiveAlpha()));
            width = units;
        }
        checkOutput(layers.get(layers.size() - 1));
        DenseNetwork network = DenseNetwork.of(layers, float32 ? Precision.FLOAT32 : Precision.FLOAT64);
        return new Model(definition, encoder, network);
    }

    private void checkOutput(DenseLayer last) {
        String at = "layers[" + (definition.layers().size() - 1) + "]";
        String has = "; this layer has " + last.units() + (last.units() == 1 ? " unit" : " units") + " with activation "
                + last.activation();
        int labels = definition.labels().size();
        switch (definition.task()) {
            case REGRESSION -> {
                if (last.units() != 1 || last.activation() == Activation.SOFTMAX) {
                    throw error(at, "a regression model ends in 1 unit (not softmax)" + has);
                }
            }
            case BINARY_CLASSIFICATION -> {
                boolean sigmoid = last.units() == 1 && last.activation() == Activation.SIGMOID;
                boolean softmax = last.units() == 2 && last.activation() == Activation.SOFTMAX;
                if (!sigmoid && !softmax) {
                    throw error(at, "a binary classifier ends in 1 sigmoid unit or 2 softmax units" + has);
                }
            }
            case MULTICLASS_CLASSIFICATION -> {
                if (last.units() != labels || last.activation() != Activation.SOFTMAX) {
                    throw error(at, "a multiclass classifier ends in a softmax over its " + labels + " labels" + has);
                }
            }
        }
    }

    /** A preprocessing parameter: a 1-d float array. */
    private double[] vector(String path, String location) {
        NpyArray array = require(path, location);
        if (array.rank() != 1) {
            throw error(location, path + " has shape " + Arrays.toString(array.shape())
                    + "; a preprocessing parameter is 1-d with one value per feature");
        }
        return finite(array, path, location);
    }

    private NpyArray require(String path, String location) {
        NpyArray array;
        try {
            array = arrays.array(path);
        } catch (IOException e) {
            throw error(location, e.getMessage());
        }
        if (array == null) {
            throw error(location, "file " + path + " is not in the bundle");
        }
        if (!array.dtype().isFloatingPoint()) {
            throw error(location, path + " has dtype " + array.dtype().code()
                    + "; model arrays must be float32 (f4) or float64 (f8)");
        }
        return array;
    }

    private double[] finite(NpyArray array, String path, String location) {
        double[] values = array.toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw error(location, path + " holds " + values[i] + " at " + index(array.shape(), i)
                        + "; refusing weights that are not finite");
            }
        }
        return values;
    }

    private static String index(int[] shape, int flat) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return Arrays.toString(index);
    }

    private static IllegalArgumentException error(String location, String message) {
        return new IllegalArgumentException(location + ": " + message);
    }
}
