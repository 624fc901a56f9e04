package io.ctkit.bench.inference;

import io.ctkit.model.inference.Activation;
import io.ctkit.model.inference.DenseLayer;
import io.ctkit.model.inference.DenseNetwork;
import io.ctkit.model.inference.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark networks: {@code width} inputs, two hidden relu layers of {@code width} units and
 * a softmax over 10 classes. The same seeded float32 weights feed both engines.
 */
final class Networks {
    static final int CLASSES = 10;

    final int[] widths;
    final float[][] kernels;
    final float[][] biases;

    Networks(int width, long seed) {
        widths = new int[] {width, width, width, CLASSES};
        kernels = new float[widths.length - 1][];
        biases = new float[widths.length - 1][];
        SplittableRandom random = new SplittableRandom(seed);
        for (int l = 0; l < kernels.length; l++) {
            double scale = Math.sqrt(2.0 / widths[l]); // He initialisation keeps activations in range
            kernels[l] = new float[widths[l] * widths[l + 1]];
            for (int i = 0; i < kernels[l].length; i++) {
                kernels[l][i] = (float) (gaussian(random) * scale);
            }
            biases[l] = new float[widths[l + 1]];
            for (int i = 0; i < biases[l].length; i++) {
                biases[l][i] = (float) (0.01 * gaussian(random));
            }
        }
    }

    DenseNetwork ctkit() {
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l < kernels.length; l++) {
            Activation activation = l == kernels.length - 1 ? Activation.SOFTMAX : Activation.RELU;
            layers.add(new DenseLayer(widths[l], widths[l + 1], toDoubles(kernels[l]), toDoubles(biases[l]), activation));
        }
        return DenseNetwork.of(layers, Precision.FLOAT32);
    }

    Nd4jMlp nd4j() {
        return new Nd4jMlp(kernels, biases, widths);
    }

    static float[] input(int rows, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[rows * width];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) gaussian(random);
        }
        return x;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double[] toDoubles(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
