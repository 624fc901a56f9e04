import io.ctkit.model.inference.Activation;
import io.ctkit.model.inference.DenseLayer;
import io.ctkit.model.inference.DenseNetwork;
import io.ctkit.model.inference.Precision;
import java.util.List;
import java.util.Random;

/**
 * Rows per second of the benchmark's heavy network (512 -> 1024 -> 1024 -> 10, float32) at batch
 * sizes 1 to 32, in one JVM, each size for two seconds after the same warm-up: what dynamic
 * batching can gain inside the engine, before any HTTP. Run from the repository root:
 *   java -Djava.util.concurrent.ForkJoinPool.common.parallelism=1 -cp model-core/target/classes \
 *     bench/scoring/HeavyBatchKernel.java
 * (parallelism 1: the caller plus one pool thread, as on a 2-core machine).
 */
public class HeavyBatchKernel {
    static DenseLayer layer(Random r, int in, int out, Activation a) {
        double[] k = new double[in * out];
        for (int i = 0; i < k.length; i++) {
            k[i] = r.nextGaussian() * Math.sqrt(2.0 / in);
        }
        double[] b = new double[out];
        for (int i = 0; i < out; i++) {
            b[i] = r.nextGaussian() * 0.01;
        }
        return new DenseLayer(in, out, k, b, a);
    }

    public static void main(String[] args) {
        Random r = new Random(1);
        DenseNetwork n = DenseNetwork.of(List.of(layer(r, 512, 1024, Activation.RELU),
                layer(r, 1024, 1024, Activation.RELU), layer(r, 1024, 10, Activation.SOFTMAX)), Precision.FLOAT32);
        int[] sizes = {1, 2, 4, 8, 16, 32};
        for (int pass = 0; pass < 2; pass++) { // the first pass warms up
            for (int batch : sizes) {
                double[] x = new double[batch * 512];
                for (int i = 0; i < x.length; i++) {
                    x[i] = r.nextGaussian();
                }
                double[] y = new double[batch * 10];
                long end = System.nanoTime() + (pass == 0 ? 500_000_000L : 2_000_000_000L);
                long rows = 0;
                long t0 = System.nanoTime();
                while (System.nanoTime() < end) {
                    n.forward(x, batch, y);
                    rows += batch;
                }
                double s = (System.nanoTime() - t0) / 1e9;
                if (pass == 1) {
                    System.out.printf("batch %2d: %6.0f rows/s (%6.1f us/row)%n", batch, rows / s, s * 1e6 / rows);
                }
            }
        }
    }
}
