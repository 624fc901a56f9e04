package io.ctkit.npy;

import static io.ctkit.npy.NpyFixtures.bitsOf;
import static io.ctkit.npy.NpyFixtures.bytes;
import static io.ctkit.npy.NpyFixtures.cases;
import static io.ctkit.npy.NpyFixtures.file;
import static io.ctkit.npy.NpyFixtures.shape;
import static io.ctkit.npy.NpyFixtures.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every file of fixtures/npy (written by numpy, see generate.py) against what numpy says it holds. */
class NpyReferenceTest {

    @Test
    void fixturesCoverEveryDtypeVersionAndOrder() {
        Set<String> descrs = cases("valid").map(c -> c.get("descr").asText()).collect(Collectors.toSet());
        assertSoftly(softly -> {
            softly.assertThat(descrs).containsExactlyInAnyOrder("<f4", ">f4", "<f8", ">f8", "<i4", ">i4", "<i8", ">i8");
            softly.assertThat(cases("valid").map(c -> c.get("version").asText()).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("1.0", "2.0", "3.0");
            softly.assertThat(cases("valid").filter(c -> c.get("fortran_order").asBoolean())).hasSizeGreaterThan(16);
            softly.assertThat(cases("valid").map(c -> c.get("shape").size()).collect(Collectors.toSet()))
                    .contains(0, 1, 2, 3, 4);
            softly.assertThat(cases("valid").filter(c -> c.get("name").asText().startsWith("legacy16"))).hasSize(4);
            softly.assertThat(cases("written")).hasSizeGreaterThanOrEqualTo(4 * 9);
            softly.assertThat(cases("bad")).hasSizeGreaterThan(40);
        });
    }

    @TestFactory
    Stream<DynamicTest> readsEveryValidFileAsNumpyDoes() {
        return cases("valid").map(c -> dynamicTest(c.get("name").asText(), () -> {
            NpyArray array = Npy.read(file(c));
            String descr = c.get("descr").asText();
            assertSoftly(softly -> {
                softly.assertThat(array.dtype().code()).isEqualTo(descr.substring(1));
                softly.assertThat(array.byteOrder())
                        .isEqualTo(descr.charAt(0) == '<' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                softly.assertThat(array.shape()).containsExactly(shape(c));
                softly.assertThat(array.rank()).isEqualTo(shape(c).length);
                softly.assertThat(array.fortranOrder()).isEqualTo(c.get("fortran_order").asBoolean());
                softly.assertThat(array.size()).isEqualTo(values(c).length);
                softly.assertThat(bitsOf(array)).containsExactly(values(c));
            });
        }));
    }

    @TestFactory
    Stream<DynamicTest> writesBackEveryValidFileBitForBit() {
        return cases("valid").map(c -> dynamicTest(c.get("name").asText(), () -> {
            byte[] original = bytes(c);
            assertThat(Npy.toBytes(Npy.read(file(c)))).isEqualTo(original);
            assertThat(Npy.toBytes(Npy.read(original, "x"))).isEqualTo(original);
        }));
    }

    @TestFactory
    Stream<DynamicTest> getDoubleAgreesWithCOrderValuesInEveryOrder() {
        return cases("valid").filter(c -> c.get("descr").asText().charAt(1) == 'f')
                .map(c -> dynamicTest(c.get("name").asText(), () -> {
                    NpyArray array = Npy.read(file(c));
                    double[] cOrder = array.toDoubleArray();
                    int[] shape = array.shape();
                    int[] index = new int[shape.length];
                    for (int i = 0; i < cOrder.length; i++) {
                        assertThat(Double.doubleToRawLongBits(array.getDouble(index)))
                                .isEqualTo(Double.doubleToRawLongBits(cOrder[i]));
                        for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                            index[d] = 0;
                        }
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> factoriesWriteWhatNumpySaveWrites() {
        return cases("written").map(c -> dynamicTest(c.get("name").asText(), () -> {
            int[] shape = shape(c);
            String[] bits = values(c);
            NpyArray array = switch (c.get("factory").asText()) {
                case "ofFloats" -> NpyArray.ofFloats(shape, NpyFixtures.floats(bits));
                case "ofDoubles" -> NpyArray.ofDoubles(shape, NpyFixtures.doubles(bits));
                case "ofInts" -> NpyArray.ofInts(shape, NpyFixtures.ints(bits));
                case "ofLongs" -> NpyArray.ofLongs(shape, NpyFixtures.longs(bits));
                default -> throw new AssertionError(c);
            };
            assertThat(Npy.toBytes(array)).isEqualTo(bytes(c));
            assertThat(bitsOf(array)).containsExactly(bits);
        }));
    }

    @TestFactory
    Stream<DynamicTest> refusesEveryBadFileNamingThePathAndTheProblem() {
        return cases("bad").map(c -> dynamicTest(c.get("name").asText(), () -> {
            Path file = file(c);
            assertThatThrownBy(() -> Npy.read(file))
                    .isInstanceOf(NpyFormatException.class)
                    .hasMessageStartingWith(file + ": ")
                    .hasMessageContaining(c.get("message").asText());
        }));
    }

    @TestFactory
    Stream<DynamicTest> refusesEveryBadContentNamingTheSource() {
        return cases("bad").map(c -> dynamicTest(c.get("name").asText(), () -> {
            JsonNode name = c.get("name");
            assertThatThrownBy(() -> Npy.read(bytes(c), "weights/" + name.asText() + ".npy"))
                    .isInstanceOf(NpyFormatException.class)
                    .hasMessageStartingWith("weights/" + name.asText() + ".npy: ")
                    .hasMessageContaining(c.get("message").asText());
        }));
    }
}
