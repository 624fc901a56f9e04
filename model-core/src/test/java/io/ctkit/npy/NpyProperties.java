package io.ctkit.npy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class NpyProperties {

    @Provide
    Arbitrary<NpyArray> arrays() {
        Arbitrary<int[]> shapes = Arbitraries.integers().between(0, 4).list().ofMinSize(0).ofMaxSize(4)
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray());
        return Combinators.combine(shapes, Arbitraries.of(NpyDType.values()), Arbitraries.longs())
                .as((shape, dtype, seed) -> {
                    int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
                    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                    return switch (dtype) {
                        case FLOAT64 -> NpyArray.ofDoubles(shape, r.doubles(size).map(d -> Double.longBitsToDouble(r.nextLong())).toArray());
                        case FLOAT32 -> {
                            float[] f = new float[size];
                            for (int i = 0; i < size; i++) {
                                f[i] = Float.intBitsToFloat(r.nextInt());
                            }
                            yield NpyArray.ofFloats(shape, f);
                        }
                        case INT32 -> NpyArray.ofInts(shape, r.ints(size).toArray());
                        case INT64 -> NpyArray.ofLongs(shape, r.longs(size).toArray());
                    };
                });
    }

    @Property(tries = 300)
    void validArraysRoundTripBitForBit(@ForAll("arrays") NpyArray array) throws NpyFormatException {
        byte[] bytes = Npy.toBytes(array);

        NpyArray back = Npy.read(bytes, "roundtrip");

        assertThat(Npy.toBytes(back)).isEqualTo(bytes);
        assertThat(back.shape()).containsExactly(array.shape());
        assertThat(back.dtype()).isEqualTo(array.dtype());
        if (array.dtype() == NpyDType.INT64 || array.dtype() == NpyDType.INT32) {
            assertThat(back.toLongArray()).containsExactly(array.toLongArray());
        } else {
            double[] a = array.toDoubleArray();
            double[] b = back.toDoubleArray();
            for (int i = 0; i < a.length; i++) {
                assertThat(Double.doubleToRawLongBits(b[i])).isEqualTo(Double.doubleToRawLongBits(a[i]));
            }
        }
    }

    @Property(tries = 1000)
    void mutatedFilesAreReadOrRefusedButNeverCrashTheReader(@ForAll("arrays") NpyArray array,
            @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll byte value,
            @ForAll @IntRange(min = 0, max = 3) int kind) {
        byte[] bytes = Npy.toBytes(array);
        int at = position % bytes.length;
        byte[] mutated = switch (kind) {
            case 0 -> {
                byte[] m = bytes.clone();
                m[at] = value;
                yield m;
            }
            case 1 -> Arrays.copyOf(bytes, at);
            case 2 -> {
                byte[] m = Arrays.copyOf(bytes, bytes.length + 1 + at % 7);
                m[bytes.length] = value;
                yield m;
            }
            default -> {
                byte[] m = bytes.clone();
                m[at] = (byte) "0123456789(),' {}:<>=|OfiTrueFalse-".charAt(Math.floorMod(value, 35));
                yield m;
            }
        };
        try {
            NpyArray read = Npy.read(mutated, "mutated");
            read.toDoubleArray(); // whatever was accepted must be fully readable
        } catch (NpyFormatException expected) {
            assertThat(expected.getMessage()).startsWith("mutated: ");
        }
    }
}
