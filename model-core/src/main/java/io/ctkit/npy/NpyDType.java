package io.ctkit.npy;

/** The element types ctkit reads and writes in {@code .npy} files. */
public enum NpyDType {
    FLOAT32('f', 4),
    FLOAT64('f', 8),
    INT32('i', 4),
    INT64('i', 8);

    private final char kind;
    private final int size;

    NpyDType(char kind, int size) {
        this.kind = kind;
        this.size = size;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** True for the floating-point types. */
    public boolean isFloatingPoint() {
        return kind == 'f';
    }

    /** The numpy type code without byte order, e.g. {@code f8}. */
    public String code() {
        return "" + kind + size;
    }

    static NpyDType ofCode(char kind, int size) {
        for (NpyDType t : values()) {
            if (t.kind == kind && t.size == size) {
                return t;
            }
        }
        return null;
    }
}
