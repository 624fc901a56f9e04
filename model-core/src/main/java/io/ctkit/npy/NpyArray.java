package io.ctkit.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional numeric array as stored in a {@code .npy} file: element type, byte order,
 * memory order (C or Fortran), shape and the raw element bytes.
 *
 * <p>Immutable. An array read from a file keeps everything needed to write the same bytes
 * again ({@link Npy#toBytes}); the {@code to*Array} accessors always return a fresh copy in C
 * (row-major) order, whatever order the file used.
 */
public final class NpyArray {

    private final NpyDType dtype;
    private final ByteOrder byteOrder;
    private final boolean fortranOrder;
    private final int[] shape;
    private final int size;
    private final byte[] data;
    /** The file's magic, version, length and header bytes when read from a file, else null. */
    private final byte[] originalPrefix;

    NpyArray(NpyDType dtype, ByteOrder byteOrder, boolean fortranOrder, int[] shape, byte[] data, byte[] originalPrefix) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.byteOrder = Objects.requireNonNull(byteOrder, "byteOrder");
        this.fortranOrder = fortranOrder;
        this.shape = shape.clone();
        this.size = checkedSize(this.shape);
        if ((long) size * dtype.size() != data.length) {
            throw new IllegalArgumentException("shape " + Npy.shapeText(shape) + " of " + dtype
                    + " needs " + (long) size * dtype.size() + " bytes, got " + data.length);
        }
        this.data = data;
        this.originalPrefix = originalPrefix;
    }

    /** A float64 array; {@code cOrderData} holds the elements in row-major order. */
    public static NpyArray ofDoubles(int[] shape, double[] cOrderData) {
        ByteBuffer b = allocate(shape, cOrderData.length, NpyDType.FLOAT64);
        b.asDoubleBuffer().put(cOrderData);
        return new NpyArray(NpyDType.FLOAT64, ByteOrder.LITTLE_ENDIAN, false, shape, b.array(), null);
    }

    /** A float32 array; {@code cOrderData} holds the elements in row-major order. */
    public static NpyArray ofFloats(int[] shape, float[] cOrderData) {
        ByteBuffer b = allocate(shape, cOrderData.length, NpyDType.FLOAT32);
        b.asFloatBuffer().put(cOrderData);
        return new NpyArray(NpyDType.FLOAT32, ByteOrder.LITTLE_ENDIAN, false, shape, b.array(), null);
    }

    /** An int32 array; {@code cOrderData} holds the elements in row-major order. */
    public static NpyArray ofInts(int[] shape, int[] cOrderData) {
        ByteBuffer b = allocate(shape, cOrderData.length, NpyDType.INT32);
        b.asIntBuffer().put(cOrderData);
        return new NpyArray(NpyDType.INT32, ByteOrder.LITTLE_ENDIAN, false, shape, b.array(), null);
    }

    /** An int64 array; {@code cOrderData} holds the elements in row-major order. */
    public static NpyArray ofLongs(int[] shape, long[] cOrderData) {
        ByteBuffer b = allocate(shape, cOrderData.length, NpyDType.INT64);
        b.asLongBuffer().put(cOrderData);
        return new NpyArray(NpyDType.INT64, ByteOrder.LITTLE_ENDIAN, false, shape, b.array(), null);
    }

    private static ByteBuffer allocate(int[] shape, int length, NpyDType dtype) {
        int size = checkedSize(shape);
        if (size != length) {
            throw new IllegalArgumentException("shape " + Npy.shapeText(shape) + " holds " + size
                    + " elements but " + length + " values were given");
        }
        if ((long) size * dtype.size() > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("array of " + size + " " + dtype + " elements is too large");
        }
        return ByteBuffer.allocate(size * dtype.size()).order(ByteOrder.LITTLE_ENDIAN);
    }

    static int checkedSize(int[] shape) {
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("shape " + Npy.shapeText(shape) + " has a negative dimension");
            }
            size *= shape[i];
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Npy.shapeText(shape) + " has more than "
                        + Integer.MAX_VALUE + " elements");
            }
        }
        return (int) size;
    }

    public NpyDType dtype() {
        return dtype;
    }

    /** A copy of the shape; empty for a 0-d (scalar) array. */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Number of elements: the product of the shape (1 for a 0-d array). */
    public long size() {
        return size;
    }

    /** Whether the file stores the elements in Fortran (column-major) order. */
    public boolean fortranOrder() {
        return fortranOrder;
    }

    /** The byte order of the stored elements. */
    public ByteOrder byteOrder() {
        return byteOrder;
    }

    /** The elements as doubles in C order; int64 values beyond 2^53 lose precision. */
    public double[] toDoubleArray() {
        double[] out = new double[size];
        ByteBuffer b = buffer();
        int[] storage = storageIndexOfCIndex();
        for (int i = 0; i < size; i++) {
            out[i] = read(b, storage == null ? i : storage[i]);
        }
        return out;
    }

    /** The elements as floats in C order, rounded to nearest for float64 and integers. */
    public float[] toFloatArray() {
        float[] out = new float[size];
        ByteBuffer b = buffer();
        int[] storage = storageIndexOfCIndex();
        for (int i = 0; i < size; i++) {
            int s = storage == null ? i : storage[i];
            out[i] = switch (dtype) {
                case FLOAT32 -> b.getFloat(s * 4);
                case INT64 -> (float) b.getLong(s * 8);
                default -> (float) read(b, s);
            };
        }
        return out;
    }

    /**
     * The elements as longs in C order.
     *
     * @throws ArithmeticException for a float array holding a value that is not a whole number
     *     in the range of {@code long} (NaN, infinities, fractions)
     */
    public long[] toLongArray() {
        long[] out = new long[size];
        ByteBuffer b = buffer();
        int[] storage = storageIndexOfCIndex();
        for (int i = 0; i < size; i++) {
            int s = storage == null ? i : storage[i];
            out[i] = switch (dtype) {
                case INT32 -> b.getInt(s * 4);
                case INT64 -> b.getLong(s * 8);
                default -> exactLong(read(b, s), i);
            };
        }
        return out;
    }

    /** One element by its index, one coordinate per dimension (none for a 0-d array). */
    public double getDouble(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index has " + index.length + " coordinates but the array has rank "
                    + shape.length);
        }
        int offset = 0;
        int stride = 1;
        for (int n = 0; n < shape.length; n++) {
            int d = fortranOrder ? n : shape.length - 1 - n;
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " is outside shape "
                        + Npy.shapeText(shape));
            }
            offset += index[d] * stride;
            stride *= shape[d];
        }
        return read(buffer(), offset);
    }

    byte[] rawData() {
        return data;
    }

    byte[] originalPrefix() {
        return originalPrefix;
    }

    private ByteBuffer buffer() {
        return ByteBuffer.wrap(data).order(byteOrder);
    }

    private double read(ByteBuffer b, int element) {
        return switch (dtype) {
            case FLOAT32 -> b.getFloat(element * 4);
            case FLOAT64 -> b.getDouble(element * 8);
            case INT32 -> b.getInt(element * 4);
            case INT64 -> b.getLong(element * 8);
        };
    }

    private static long exactLong(double v, int index) {
        if (v != Math.rint(v) || v >= 0x1p63 || v < -0x1p63) {
            throw new ArithmeticException("element " + index + " = " + v + " is not a whole number in the range of long");
        }
        return (long) v;
    }

    /** For Fortran order with rank >= 2: where each C-order element lives in storage; else null. */
    private int[] storageIndexOfCIndex() {
        if (!fortranOrder || shape.length < 2 || size == 0) {
            return null;
        }
        int rank = shape.length;
        int[] fortranStride = new int[rank];
        int stride = 1;
        for (int d = 0; d < rank; d++) {
            fortranStride[d] = stride;
            stride *= shape[d];
        }
        int[] map = new int[size];
        int[] index = new int[rank];
        int offset = 0;
        for (int i = 0; i < size; i++) {
            map[i] = offset;
            for (int d = rank - 1; d >= 0; d--) { // odometer over the C-order index
                index[d]++;
                offset += fortranStride[d];
                if (index[d] < shape[d]) {
                    break;
                }
                offset -= fortranStride[d] * shape[d];
                index[d] = 0;
            }
        }
        return map;
    }

    @Override
    public String toString() {
        return "NpyArray[" + (byteOrder == ByteOrder.LITTLE_ENDIAN ? '<' : '>') + dtype.code() + ", shape "
                + Npy.shapeText(shape) + (fortranOrder ? ", Fortran order" : "") + "]";
    }
}
