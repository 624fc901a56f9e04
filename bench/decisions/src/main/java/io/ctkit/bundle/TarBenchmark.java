package io.ctkit.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading the realistic bundle tar (about 2.2 MB) from the page cache: input {@code tar} is the
 * reader alone (all entries into memory, policy checks), {@code bundle} adds the manifest
 * verification (SHA-256 of every file) as Bundle.open does. JMH orders parameters by name, so
 * {@code reader} varies fastest and the two contenders of each input run back to back.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TarBenchmark {

    @Param({"tar", "bundle"})
    public String input;

    @Param({"current", "compress"})
    public String reader;

    private Path dir;
    private Path tar;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("tarbench");
        tar = RealisticBundle.writeTar(dir);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(tar);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public Object read() throws IOException {
        return read(tar, reader.equals("compress") ? TarReaders.Impl.COMPRESS : TarReaders.Impl.CURRENT,
                input.equals("bundle"));
    }

    static Object read(Path tar, TarReaders.Impl impl, boolean bundle) throws IOException {
        BundleVerification v = BundleVerification.defaults();
        return bundle ? TarReaders.open(impl, tar, v) : TarReaders.source(impl, tar, v);
    }
}
