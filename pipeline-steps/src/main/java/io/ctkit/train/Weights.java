package io.ctkit.train;

import java.util.List;

/** Moves between the flat parameter layout (per layer the kernel, then the bias) and {@code [W0, b0, ...]}. */
final class Weights {
    private Weights() {
    }

    static float[][] split(List<MlpGraph.LayerShape> shapes, float[] flat) {
        float[][] out = new float[2 * shapes.size()][];
        int offset = 0;
        for (int l = 0; l < shapes.size(); l++) {
            MlpGraph.LayerShape s = shapes.get(l);
            out[2 * l] = java.util.Arrays.copyOfRange(flat, offset, offset + s.inputs() * s.units());
            offset += s.inputs() * s.units();
            out[2 * l + 1] = java.util.Arrays.copyOfRange(flat, offset, offset + s.units());
            offset += s.units();
        }
        return out;
    }

    static double[][] split(List<MlpGraph.LayerShape> shapes, double[] flat) {
        double[][] out = new double[2 * shapes.size()][];
        int offset = 0;
        for (int l = 0; l < shapes.size(); l++) {
            MlpGraph.LayerShape s = shapes.get(l);
            out[2 * l] = java.util.Arrays.copyOfRange(flat, offset, offset + s.inputs() * s.units());
            offset += s.inputs() * s.units();
            out[2 * l + 1] = java.util.Arrays.copyOfRange(flat, offset, offset + s.units());
            offset += s.units();
        }
        return out;
    }

    static float[] concat(float[][] weights) {
        int total = 0;
        for (float[] w : weights) {
            total += w.length;
        }
        float[] flat = new float[total];
        int offset = 0;
        for (float[] w : weights) {
            System.arraycopy(w, 0, flat, offset, w.length);
            offset += w.length;
        }
        return flat;
    }
}
