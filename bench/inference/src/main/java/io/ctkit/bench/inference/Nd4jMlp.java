package io.ctkit.bench.inference;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The peer: the same dense network evaluated with ND4J, the way a JVM scoring service would. */
final class Nd4jMlp {
    private final INDArray[] weights;
    private final INDArray[] biases;
    private final int inputs;
    private final int outputs;

    Nd4jMlp(float[][] weights, float[][] biases, int[] widths) {
        this.weights = new INDArray[weights.length];
        this.biases = new INDArray[weights.length];
        for (int l = 0; l < weights.length; l++) {
            this.weights[l] = Nd4j.create(weights[l], new long[] {widths[l], widths[l + 1]}, 'c');
            this.biases[l] = Nd4j.create(biases[l], new long[] {1, widths[l + 1]}, 'c');
        }
        this.inputs = widths[0];
        this.outputs = widths[widths.length - 1];
    }

    /** Java array in, Java array out: what a server does with a decoded request. */
    float[] predict(float[] rowMajorBatch, int batch) {
        INDArray x = Nd4j.create(rowMajorBatch, new long[] {batch, inputs}, 'c');
        return forward(x).data().asFloat();
    }

    /** ND4J arrays in and out: ND4J's best case, no conversions. */
    INDArray forward(INDArray x) {
        INDArray h = x;
        for (int l = 0; l < weights.length; l++) {
            h = h.mmul(weights[l]).addiRowVector(biases[l]);
            if (l < weights.length - 1) {
                Transforms.relu(h, false);
            } else {
                h = Transforms.softmax(h, false);
            }
        }
        return h;
    }

    int outputs() {
        return outputs;
    }

    static DataType dataType() {
        return DataType.FLOAT;
    }
}
