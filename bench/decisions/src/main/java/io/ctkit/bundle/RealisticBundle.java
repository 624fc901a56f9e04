package io.ctkit.bundle;

import io.ctkit.npy.Npy;
import io.ctkit.npy.NpyArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A bundle the size of a real one: an MLP 784-512-256-10 in float32 .npy files (about 2.1 MB of
 * weights), standardization vectors, a vocabulary, model.json; seeded, so every run writes the same.
 */
final class RealisticBundle {

    private RealisticBundle() {
    }

    static SortedMap<String, byte[]> files() {
        Random r = new Random(42);
        SortedMap<String, byte[]> files = new TreeMap<>(BundlePaths.ORDER);
        int[] widths = {784, 512, 256, 10};
        for (int l = 0; l + 1 < widths.length; l++) {
            files.put("weights/dense_" + l + "_W.npy", Npy.toBytes(floats(r, widths[l], widths[l + 1])));
            files.put("weights/dense_" + l + "_b.npy", Npy.toBytes(floats(r, widths[l + 1])));
        }
        files.put("weights/mean.npy", Npy.toBytes(floats(r, 784)));
        files.put("weights/std.npy", Npy.toBytes(floats(r, 784)));
        StringBuilder vocabulary = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            vocabulary.append("token").append(i).append('\n');
        }
        files.put("preprocessing/vocabulary.txt", vocabulary.toString().getBytes(StandardCharsets.UTF_8));
        files.put("model.json", "{\"format\":\"ctkit-model/1\",\"name\":\"bench\"}\n".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** Writes the bundle tar with ctkit's writer into {@code dir}; returns its path. */
    static Path writeTar(Path dir) throws IOException {
        BundleWriter w = BundleWriter.create();
        files().forEach(w::add);
        Path tar = dir.resolve("realistic.tar");
        Files.deleteIfExists(tar);
        w.writeTar(tar);
        return tar;
    }

    private static NpyArray floats(Random r, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = (float) (r.nextGaussian() * 0.05);
        }
        return NpyArray.ofFloats(shape, data);
    }
}
