package io.ctkit.bundle;

import io.ctkit.bench.Paired;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Paired, interleaved timing of the two readers on the realistic bundle (see {@link Paired}). */
public final class TarPaired {

    public static void main(String[] args) throws IOException {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path dir = Files.createTempDirectory("tarpaired");
        Path tar = RealisticBundle.writeTar(dir);
        System.out.println("bundle tar: " + Files.size(tar) + " bytes");
        System.out.println(Paired.HEADER);
        for (boolean bundle : new boolean[] {false, true}) {
            Paired.Result r = Paired.run(pairs, pairs / 4, reader(tar, TarReaders.Impl.CURRENT, bundle),
                    reader(tar, TarReaders.Impl.COMPRESS, bundle));
            System.out.println(r.row(bundle ? "bundle (+ manifest)" : "tar (reader only)", "current", "compress"));
        }
    }

    private static Supplier<Object> reader(Path tar, TarReaders.Impl impl, boolean bundle) {
        return () -> {
            try {
                return TarBenchmark.read(tar, impl, bundle);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
