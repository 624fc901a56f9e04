package io.ctkit.train;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * All kernels and biases of a network in one flat array, and their gradients in another of the
 * same layout: per layer the kernel {@code [inputs, units]} then the bias, which together are the
 * {@code [inputs + 1, units]} matrix {@code [W; b]}. The per-layer arrays are views into the two,
 * so whole-network steps (L2, updater, parameter update) are one native call each.
 *
 * @param wb per layer {@code [W; b]}, {@code [inputs + 1, units]}
 * @param kernel per layer {@code W}, {@code [inputs, units]}
 * @param bias per layer {@code b}, {@code [1, units]}
 * @param gwb {@code wb}'s view into the gradients
 * @param gKernel {@code kernel}'s view into the gradients
 * @param gBias {@code bias}'s view into the gradients
 */
record FlatParameters(DataType dtype, INDArray params, INDArray grads, INDArray[] wb, INDArray[] kernel, INDArray[] bias,
        INDArray[] gwb, INDArray[] gKernel, INDArray[] gBias) {

    static FlatParameters of(List<MlpGraph.LayerShape> shapes, DataType dtype) {
        int layers = shapes.size();
        long total = 0;
        for (MlpGraph.LayerShape s : shapes) {
            total += (long) (s.inputs() + 1) * s.units();
        }
        INDArray params = Nd4j.zeros(dtype, 1, total);
        INDArray grads = Nd4j.zeros(dtype, 1, total);
        FlatParameters p = new FlatParameters(dtype, params, grads, new INDArray[layers], new INDArray[layers],
                new INDArray[layers], new INDArray[layers], new INDArray[layers], new INDArray[layers]);
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            MlpGraph.LayerShape s = shapes.get(l);
            long[] stride = {s.units(), 1};
            long biasOffset = offset + (long) s.inputs() * s.units();
            p.wb[l] = Nd4j.create(params.data(), new long[] {s.inputs() + 1, s.units()}, stride, offset, 'c');
            p.kernel[l] = Nd4j.create(params.data(), new long[] {s.inputs(), s.units()}, stride, offset, 'c');
            p.bias[l] = Nd4j.create(params.data(), new long[] {1, s.units()}, stride, biasOffset, 'c');
            p.gwb[l] = Nd4j.create(grads.data(), new long[] {s.inputs() + 1, s.units()}, stride, offset, 'c');
            p.gKernel[l] = Nd4j.create(grads.data(), new long[] {s.inputs(), s.units()}, stride, offset, 'c');
            p.gBias[l] = Nd4j.create(grads.data(), new long[] {1, s.units()}, stride, biasOffset, 'c');
            offset = biasOffset + s.units();
        }
        return p;
    }

    long size() {
        return params.length();
    }

    /** Copies {@code values} (C order) into a whole, non-view array: one native copy. */
    static void copy(INDArray target, float[] values) {
        if (target.dataType() == DataType.FLOAT) {
            target.data().setData(values);
        } else {
            double[] d = new double[values.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = values[i];
            }
            target.data().setData(d);
        }
    }
}
