import io.ctkit.model.inference.Activation;
import io.ctkit.model.inference.DenseLayer;
import io.ctkit.model.inference.DenseNetwork;
import io.ctkit.model.inference.Precision;
import java.util.List;
import java.util.Random;

/**
 * Rows per second of the benchmark's heavy network (512 -> 1024 -> 1024 -> 10, float32) at batch
 * sizes 1 to 32 on one thread, and of two threads scoring single rows at once (what the server
 * does with batching off on two cores), in one JVM, each for two seconds after the same warm-up:
 * what dynamic batching can gain inside the engine, before any HTTP. Run from the repository root:
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

    public static void main(String[] args) throws InterruptedException {
        Random r = new Random(1);
        DenseNetwork n = DenseNetwork.of(List.of(layer(r, 512, 1024, Activation.RELU),
                layer(r, 1024, 1024, Activation.RELU), layer(r, 1024, 10, Activation.SOFTMAX)), Precision.FLOAT32);
        int[] sizes = {1, 2, 3, 4, 5, 6, 8, 16, 32};
        for (int pass = 0; pass < 2; pass++) { // the first pass warms up
            long nanos = pass == 0 ? 500_000_000L : 2_000_000_000L;
            for (int batch : sizes) {
                double rate = rowsPerSecond(n, r, batch, nanos);
                if (pass == 1) {
                    System.out.printf("batch %2d, one thread: %6.0f rows/s (%6.1f us/row)%n", batch, rate, 1e6 / rate);
                }
            }
            // what the server does with batching off: each core scores its own single rows
            double[] rates = new double[2];
            Thread[] threads = new Thread[2];
            for (int t = 0; t < 2; t++) {
                int at = t;
                Random own = new Random(2 + t);
                threads[t] = new Thread(() -> rates[at] = rowsPerSecond(n, own, 1, nanos));
                threads[t].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (pass == 1) {
                System.out.printf("batch  1, two threads at once: %6.0f rows/s together%n", rates[0] + rates[1]);
            }
        }
    }

    static double rowsPerSecond(DenseNetwork n, Random r, int batch, long nanos) {
        double[] x = new double[batch * 512];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        double[] y = new double[batch * 10];
        long end = System.nanoTime() + nanos;
        long rows = 0;
        long t0 = System.nanoTime();
        while (System.nanoTime() < end) {
            n.forward(x, batch, y);
            rows += batch;
        }
        return rows / ((System.nanoTime() - t0) / 1e9);
    }
}
