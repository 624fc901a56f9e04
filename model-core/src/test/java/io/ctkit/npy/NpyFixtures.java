package io.ctkit.npy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The files and cases of fixtures/npy (see generate.py there). */
final class NpyFixtures {

    static final Path DIR = directory();
    static final JsonNode CASES = load();

    private NpyFixtures() {
    }

    static Stream<JsonNode> cases(String kind) {
        return StreamSupport.stream(CASES.get(kind).spliterator(), false);
    }

    static Path file(JsonNode c) {
        return DIR.resolve(c.get("file").asText());
    }

    static byte[] bytes(JsonNode c) {
        try {
            return Files.readAllBytes(file(c));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] shape(JsonNode c) {
        return StreamSupport.stream(c.get("shape").spliterator(), false).mapToInt(JsonNode::asInt).toArray();
    }

    static String[] values(JsonNode c) {
        return StreamSupport.stream(c.get("values").spliterator(), false).map(JsonNode::asText).toArray(String[]::new);
    }

    /** The elements in C order as generate.py encodes them: hex bit patterns of the element width. */
    static String[] bitsOf(NpyArray array) {
        int n = (int) array.size();
        String[] out = new String[n];
        switch (array.dtype()) {
            case FLOAT32 -> {
                float[] v = array.toFloatArray();
                for (int i = 0; i < n; i++) {
                    out[i] = hex8(Float.floatToRawIntBits(v[i]));
                }
            }
            case FLOAT64 -> {
                double[] v = array.toDoubleArray();
                for (int i = 0; i < n; i++) {
                    out[i] = hex16(Double.doubleToRawLongBits(v[i]));
                }
            }
            case INT32 -> {
                long[] v = array.toLongArray();
                for (int i = 0; i < n; i++) {
                    out[i] = hex8((int) v[i]);
                }
            }
            case INT64 -> {
                long[] v = array.toLongArray();
                for (int i = 0; i < n; i++) {
                    out[i] = hex16(v[i]);
                }
            }
        }
        return out;
    }

    static float[] floats(String[] bits) {
        float[] out = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
            out[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(bits[i], 16));
        }
        return out;
    }

    static double[] doubles(String[] bits) {
        double[] out = new double[bits.length];
        for (int i = 0; i < bits.length; i++) {
            out[i] = Double.longBitsToDouble(Long.parseUnsignedLong(bits[i], 16));
        }
        return out;
    }

    static int[] ints(String[] bits) {
        int[] out = new int[bits.length];
        for (int i = 0; i < bits.length; i++) {
            out[i] = Integer.parseUnsignedInt(bits[i], 16);
        }
        return out;
    }

    static long[] longs(String[] bits) {
        long[] out = new long[bits.length];
        for (int i = 0; i < bits.length; i++) {
            out[i] = Long.parseUnsignedLong(bits[i], 16);
        }
        return out;
    }

    private static String hex8(int bits) {
        return String.format(Locale.ROOT, "%08x", bits);
    }

    private static String hex16(long bits) {
        return String.format(Locale.ROOT, "%016x", bits);
    }

    private static Path directory() {
        URL url = NpyFixtures.class.getResource("/fixtures/npy/cases.json");
        if (url == null) {
            throw new IllegalStateException("fixtures/npy/cases.json is not on the test class path");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode load() {
        try {
            return new ObjectMapper().readTree(DIR.resolve("cases.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
