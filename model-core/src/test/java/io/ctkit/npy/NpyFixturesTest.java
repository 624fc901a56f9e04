package io.ctkit.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Files written by numpy (fixtures/npy/generate.py): read exactly, refused exactly. */
class NpyFixturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = root();
    private static final JsonNode VALID = json("valid.json");
    private static final JsonNode BAD = json("bad.json");

    static Stream<String> valid() {
        return names(VALID);
    }

    static Stream<String> bad() {
        return names(BAD);
    }

    @ParameterizedTest
    @MethodSource("valid")
    void readsWhatNumpyWroteExactly(String name) throws IOException {
        JsonNode expected = VALID.get(name);
        Path file = ROOT.resolve("valid").resolve(name + ".npy");

        NpyArray array = Npy.read(file);

        assertThat(array.dtype()).isEqualTo(NpyDType.valueOf(expected.get("dtype").asText()));
        assertThat(array.shape()).containsExactly(ints(expected.get("shape")));
        assertThat(array.fortranOrder()).isEqualTo(expected.get("fortran").asBoolean());
        assertThat(array.byteOrder()).isEqualTo(expected.get("big_endian").asBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        assertThat(bits(array)).containsExactlyElementsOf(strings(expected.get("bits")));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void writesBackTheSameBytes(String name) throws IOException {
        byte[] original = Files.readAllBytes(ROOT.resolve("valid").resolve(name + ".npy"));

        assertThat(Npy.toBytes(Npy.read(original, name))).isEqualTo(original);
    }

    @ParameterizedTest
    @MethodSource("valid")
    void aNewArrayIsWrittenAsNumpySaveWritesIt(String name) throws IOException {
        JsonNode expected = VALID.get(name);
        if (!expected.get("created_by_save").asBoolean()) {
            return; // big-endian, Fortran, v2/v3 and legacy files are not what np.save writes for a new array
        }
        byte[] original = Files.readAllBytes(ROOT.resolve("valid").resolve(name + ".npy"));
        NpyArray read = Npy.read(original, name);
        int[] shape = read.shape();

        NpyArray fresh = switch (read.dtype()) {
            case FLOAT64 -> NpyArray.ofDoubles(shape, read.toDoubleArray());
            case FLOAT32 -> NpyArray.ofFloats(shape, read.toFloatArray());
            case INT32 -> NpyArray.ofInts(shape, java.util.Arrays.stream(read.toLongArray()).mapToInt(Math::toIntExact).toArray());
            case INT64 -> NpyArray.ofLongs(shape, read.toLongArray());
        };

        assertThat(Npy.toBytes(fresh)).isEqualTo(original);
    }

    @ParameterizedTest
    @MethodSource("bad")
    void refusesMalformedFilesSayingWhatAndWhere(String name) {
        Path file = ROOT.resolve("bad").resolve(name + ".npy");

        assertThatThrownBy(() -> Npy.read(file))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining(BAD.get(name).asText());
    }

    private static List<String> bits(NpyArray array) {
        List<String> out = new ArrayList<>();
        switch (array.dtype()) {
            case FLOAT64 -> {
                for (double d : array.toDoubleArray()) {
                    out.add(Long.toHexString(Double.doubleToRawLongBits(d)));
                }
            }
            case FLOAT32 -> {
                for (float f : array.toFloatArray()) {
                    out.add(Integer.toHexString(Float.floatToRawIntBits(f)));
                }
            }
            default -> {
                for (long v : array.toLongArray()) {
                    out.add(Long.toString(v));
                }
            }
        }
        return out;
    }

    private static int[] ints(JsonNode node) {
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asInt();
        }
        return out;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Stream<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    private static JsonNode json(String file) {
        try {
            return JSON.readTree(ROOT.resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() {
        try {
            return Path.of(NpyFixturesTest.class.getResource("/fixtures/npy").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
