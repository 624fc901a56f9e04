package io.ctkit.train;

import java.io.OutputStream;
import java.io.PrintStream;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J set up for reproducible training, and its quirks kept in one place.
 *
 * <p>Training must give the same bits for the same seed and data. ND4J's native ops split work
 * across OpenMP and OpenBLAS threads, and a reduction whose partial sums depend on the thread
 * count is not reproducible from one machine to the next; one thread makes the order of every sum
 * fixed (and, for the small matrices of these networks, is faster than two).
 * ctkit draws every random number itself (initial weights, shuffling), never from ND4J.
 */
final class Nd4jRuntime {
    private static final Object LOCK = new Object();
    private static volatile boolean ready;

    private Nd4jRuntime() {
    }

    /** Loads the backend and pins it to one thread; idempotent. */
    static void init() {
        if (ready) {
            return;
        }
        synchronized (LOCK) {
            if (!ready) {
                // JavaCPP otherwise reads the process's resident size (/proc) on every native
                // allocation to enforce a limit; SameDiff allocates several arrays per op, and the
                // check took a quarter of the native time of a training step. Set before ND4J loads.
                if (System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null) {
                    System.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "0");
                }
                Nd4j.getEnvironment().setMaxThreads(1);
                Nd4j.getEnvironment().setMaxMasterThreads(1);
                // Environment.setMaxThreads does not reach every op: OpenMP and OpenBLAS keep their own
                // thread counts. On a busy machine an op split over threads also waits for the slowest.
                NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
                Nd4j.factory().blas().setMaxThreads(1);
                Nd4j.getRandom().setSeed(0);
                ready = true;
            }
        }
    }

    /** ND4J's version, from its jar manifest or Maven metadata. */
    static String version() {
        // The Maven metadata first: in the shaded CLI jar every package reports ctkit's own
        // Implementation-Version, which would be recorded as ND4J's.
        try (var in = Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in != null) {
                var p = new java.util.Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (java.io.IOException e) {
            // fall through: the version is informational
        }
        String v = Nd4j.class.getPackage().getImplementationVersion();
        return v != null ? v : "unknown";
    }

    /**
     * Runs {@code action} with {@code System.out} silenced. SameDiff 1.0.0-M2.1 prints a line per
     * differentiated op to {@code System.out} when it builds the gradient graph; that would corrupt
     * the CLI's output (and JSON written to stdout). Serialised, because System.out is global.
     */
    static void quietly(Runnable action) {
        synchronized (LOCK) {
            PrintStream original = System.out;
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                action.run();
            } finally {
                System.setOut(original);
            }
        }
    }
}
