package io.ctkit.bench.inference;

import io.ctkit.model.inference.DenseNetwork;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ctkit's plain-Java engine against ND4J on the same float32 network and inputs.
 *
 * <p>{@code ctkit} and {@code nd4j} both go from a Java {@code float[]} batch to a Java
 * {@code float[]} of outputs, which is what a scoring server does with a decoded request.
 * {@code nd4jPreallocated} is ND4J's best case (input already an INDArray, output left in
 * ND4J), reported so the comparison's conversions are visible.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class InferenceBenchmark {

    @Param({"16", "64", "256"})
    public int width;

    @Param({"1", "64", "1024"})
    public int batch;

    private DenseNetwork ctkit;
    private Nd4jMlp nd4j;
    private float[] input;
    private float[] output;
    private INDArray nd4jInput;

    @Setup(Level.Trial)
    public void setUp() {
        Networks networks = new Networks(width, 42);
        ctkit = networks.ctkit();
        nd4j = networks.nd4j();
        input = Networks.input(batch, width, 7);
        output = new float[batch * Networks.CLASSES];
        nd4jInput = Nd4j.create(input, new long[] {batch, width}, 'c');
        checkAgreement();
    }

    /** A benchmark of two engines that disagree measures nothing: fail the trial instead. */
    private void checkAgreement() {
        ctkit.forward(input, batch, output);
        float[] expected = nd4j.predict(input, batch);
        for (int i = 0; i < output.length; i++) {
            if (Math.abs(output[i] - expected[i]) > 1e-4f) {
                throw new IllegalStateException("engines disagree at " + i + ": ctkit " + output[i]
                        + ", nd4j " + expected[i]);
            }
        }
    }

    @Benchmark
    public float[] ctkit() {
        float[] out = new float[batch * Networks.CLASSES];
        ctkit.forward(input, batch, out);
        return out;
    }

    @Benchmark
    public float[] nd4j() {
        return nd4j.predict(input, batch);
    }

    @Benchmark
    public INDArray nd4jPreallocated() {
        return nd4j.forward(nd4jInput);
    }
}
