package io.ctkit.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpyTest {

    @TempDir
    Path dir;

    @Test
    void writeThenReadGivesTheSameArrayAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("w.npy");
        NpyArray array = NpyArray.ofDoubles(new int[] {2, 2}, new double[] {1, 2, 3, 4});

        Npy.write(file, array);

        assertThat(Npy.read(file).toDoubleArray()).containsExactly(1, 2, 3, 4);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void writeReplacesAnExistingFile() throws IOException {
        Path file = dir.resolve("w.npy");
        Files.writeString(file, "old");

        Npy.write(file, NpyArray.ofInts(new int[] {1}, new int[] {7}));

        assertThat(Npy.read(file).toLongArray()).containsExactly(7);
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("absent.npy");

        assertThatThrownBy(() -> Npy.read(file))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void aDirectoryIsNamedInTheError() {
        assertThatThrownBy(() -> Npy.read(dir))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(dir + ": cannot read the .npy file: ");
    }

    @Test
    void contentWithoutASourceNameIsCalledNpy() {
        assertThatThrownBy(() -> Npy.read(new byte[0], null))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageStartingWith("<npy>: not a .npy file");
    }

    @Test
    void factoriesRefuseAValueCountThatDoesNotMatchTheShape() {
        assertThatThrownBy(() -> NpyArray.ofDoubles(new int[] {2, 3}, new double[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape (2, 3) holds 6 elements but 5 values were given");
    }

    @Test
    void factoriesRefuseANegativeDimension() {
        assertThatThrownBy(() -> NpyArray.ofFloats(new int[] {-1}, new float[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative dimension");
    }

    @Test
    void factoriesRefuseAShapeOfMoreThanIntMaxElements() {
        assertThatThrownBy(() -> NpyArray.ofInts(new int[] {65536, 65536}, new int[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 2147483647 elements");
    }

    @Test
    void shapeIsACopy() {
        int[] shape = {2};
        NpyArray array = NpyArray.ofLongs(shape, new long[] {1, 2});
        shape[0] = 5;
        array.shape()[0] = 9;

        assertThat(array.shape()).containsExactly(2);
    }

    @Test
    void scalarHasRankZeroAndOneElement() throws NpyFormatException {
        NpyArray scalar = Npy.read(Npy.toBytes(NpyArray.ofDoubles(new int[0], new double[] {2.5})), "s");

        assertThat(scalar.rank()).isZero();
        assertThat(scalar.size()).isEqualTo(1);
        assertThat(scalar.getDouble()).isEqualTo(2.5);
        assertThat(scalar).hasToString("NpyArray[<f8, shape ()]");
    }

    @Test
    void toLongArrayAcceptsWholeFloatsInRangeOnly() {
        assertThat(NpyArray.ofDoubles(new int[] {3}, new double[] {-0x1p63, -0.0, 0x1p62}).toLongArray())
                .containsExactly(Long.MIN_VALUE, 0, 1L << 62);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0x1p63})
    void toLongArrayRefusesFractionsNonFiniteValuesAndValuesOutOfRange(double bad) {
        assertThatThrownBy(() -> NpyArray.ofDoubles(new int[] {2}, new double[] {1, bad}).toLongArray())
                .isInstanceOf(ArithmeticException.class)
                .hasMessageStartingWith("element 1 = " + bad);
    }

    @Test
    void toFloatArrayRoundsOnceFromLongs() {
        long justAboveHalfway = (1L << 60) + (1L << 36) + 1; // a double would round it to the tie first
        float[] floats = NpyArray.ofLongs(new int[] {1}, new long[] {justAboveHalfway}).toFloatArray();

        assertThat(floats[0]).isEqualTo((float) justAboveHalfway);
    }

    private static final NpyArray TWO_BY_THREE = NpyArray.ofDoubles(new int[] {2, 3}, new double[6]);

    @Test
    void getDoubleChecksTheIndex() {
        assertThatThrownBy(() -> TWO_BY_THREE.getDouble(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index has 1 coordinates but the array has rank 2");
    }

    @Test
    void getDoubleRefusesAnIndexBeyondTheShape() {
        assertThatThrownBy(() -> TWO_BY_THREE.getDouble(1, 3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("index [1, 3] is outside shape (2, 3)");
    }

    @Test
    void getDoubleRefusesANegativeIndex() {
        assertThatThrownBy(() -> TWO_BY_THREE.getDouble(-1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void accessorsReturnFreshCopies() {
        NpyArray array = NpyArray.ofFloats(new int[] {2}, new float[] {1, 2});
        array.toFloatArray()[0] = 9;
        array.toDoubleArray()[0] = 9;

        assertThat(array.toFloatArray()).containsExactly(1, 2);
    }
}
