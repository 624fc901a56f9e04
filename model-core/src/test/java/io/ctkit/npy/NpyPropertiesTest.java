package io.ctkit.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips of random arrays, and random damage to valid files. */
class NpyPropertiesTest {

    private static final List<byte[]> VALID_FILES = NpyFixtures.cases("valid").map(NpyFixtures::bytes).toList();

    @Property(tries = 500)
    void anyArrayRoundTripsThroughItsBytes(@ForAll("arrays") NpyArray array) throws NpyFormatException {
        byte[] bytes = Npy.toBytes(array);
        NpyArray read = Npy.read(bytes, "random.npy");

        assertThat(Npy.toBytes(read)).isEqualTo(bytes);
        assertThat(read.dtype()).isEqualTo(array.dtype());
        assertThat(read.byteOrder()).isEqualTo(array.byteOrder());
        assertThat(read.fortranOrder()).isEqualTo(array.fortranOrder());
        assertThat(read.shape()).containsExactly(array.shape());
        assertThat(NpyFixtures.bitsOf(read)).containsExactly(NpyFixtures.bitsOf(array));
        assertThat((bytes.length - read.size() * read.dtype().size()) % 64).isZero();
    }

    @Property(tries = 300)
    void factoryArraysKeepTheirValues(@ForAll("shapes") int[] shape, @ForAll long seed) throws NpyFormatException {
        int size = NpyArray.checkedSize(shape);
        java.util.Random random = new java.util.Random(seed);
        double[] doubles = new double[size];
        for (int i = 0; i < size; i++) {
            doubles[i] = Double.longBitsToDouble(random.nextLong());
        }
        long[] longs = random.longs(size).toArray();
        int[] ints = random.ints(size).toArray();

        double[] readDoubles = Npy.read(Npy.toBytes(NpyArray.ofDoubles(shape, doubles)), "d").toDoubleArray();
        assertThat(Arrays.stream(readDoubles).mapToLong(Double::doubleToRawLongBits).toArray())
                .containsExactly(Arrays.stream(doubles).mapToLong(Double::doubleToRawLongBits).toArray());
        assertThat(Npy.read(Npy.toBytes(NpyArray.ofLongs(shape, longs)), "l").toLongArray()).containsExactly(longs);
        assertThat(Npy.read(Npy.toBytes(NpyArray.ofInts(shape, ints)), "i").toLongArray())
                .containsExactly(Arrays.stream(ints).asLongStream().toArray());
    }

    @Property(tries = 1000)
    void damagedFilesAreReadConsistentlyOrRefusedWithNpyFormatException(
            @ForAll("damagedFiles") byte[] damaged) {
        assertThatCode(() -> {
            try {
                NpyArray array = Npy.read(damaged, "damaged.npy");
                assertThat(Npy.toBytes(array)).isEqualTo(damaged);
                assertThat(array.toDoubleArray()).hasSize((int) array.size());
            } catch (NpyFormatException expected) {
                assertThat(expected).hasMessageStartingWith("damaged.npy: ");
            }
        }).doesNotThrowAnyException();
    }

    @Provide
    Arbitrary<int[]> shapes() {
        return Arbitraries.integers().between(0, 5).array(int[].class).ofMaxSize(4);
    }

    @Provide
    Arbitrary<NpyArray> arrays() {
        Arbitrary<NpyDType> dtype = Arbitraries.of(NpyDType.class);
        Arbitrary<ByteOrder> order = Arbitraries.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN);
        Arbitrary<Boolean> fortran = Arbitraries.of(true, false);
        return Combinators.combine(dtype, order, fortran, shapes(), Arbitraries.longs())
                .as((t, o, f, shape, seed) -> {
                    byte[] data = new byte[NpyArray.checkedSize(shape) * t.size()];
                    new java.util.Random(seed).nextBytes(data);
                    return new NpyArray(t, o, f, shape, data, null);
                });
    }

    @Provide
    Arbitrary<byte[]> damagedFiles() {
        Arbitrary<byte[]> file = Arbitraries.of(VALID_FILES);
        Arbitrary<byte[]> flipped = Combinators.combine(file, Arbitraries.integers().between(1, 4), Arbitraries.longs())
                .as((bytes, count, seed) -> {
                    java.util.Random random = new java.util.Random(seed);
                    byte[] out = bytes.clone();
                    for (int i = 0; i < count; i++) {
                        // Most damage goes to the first 128 bytes, where the header lives.
                        int limit = random.nextBoolean() ? Math.min(128, out.length) : out.length;
                        out[random.nextInt(limit)] = (byte) random.nextInt(256);
                    }
                    return out;
                });
        Arbitrary<byte[]> truncated = file.flatMap(bytes -> Arbitraries.integers().between(0, bytes.length - 1)
                .map(n -> Arrays.copyOf(bytes, n)));
        Arbitrary<byte[]> extended = Combinators.combine(file, Arbitraries.bytes().array(byte[].class).ofMinSize(1)
                .ofMaxSize(16)).as((bytes, extra) -> {
                    byte[] out = Arrays.copyOf(bytes, bytes.length + extra.length);
                    System.arraycopy(extra, 0, out, bytes.length, extra.length);
                    return out;
                });
        Arbitrary<byte[]> headerText = Combinators.combine(file, Arbitraries.integers().between(10, 127),
                Arbitraries.of("'", "\"", "(", ")", ",", "{", "}", ":", "9", "0", "-", "O", "True", "\n", " ", "\\"))
                .as((bytes, at, text) -> {
                    byte[] out = bytes.clone();
                    byte[] t = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                    System.arraycopy(t, 0, out, Math.min(at, out.length - t.length), t.length);
                    return out;
                });
        return Arbitraries.oneOf(flipped, truncated, extended, headerText);
    }
}
