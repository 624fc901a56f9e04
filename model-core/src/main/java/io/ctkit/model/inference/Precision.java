package io.ctkit.model.inference;

/** The floating-point precision a {@link DenseNetwork} computes in. */
public enum Precision {
    /** IEEE 754 binary32 ({@code float}, numpy {@code float32}). */
    FLOAT32,
    /** IEEE 754 binary64 ({@code double}, numpy {@code float64}). */
    FLOAT64
}
