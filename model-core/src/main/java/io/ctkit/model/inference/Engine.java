package io.ctkit.model.inference;

/**
 * A compiled network in one precision. Implementations are immutable and thread-safe; any
 * scratch space is per thread.
 *
 * <p>Sources and destinations are {@code float[]} or {@code double[]}, row-major
 * {@code [rows, width]}; the engine converts at the block boundary so the hot loops only ever
 * see its own precision.
 */
interface Engine {

    /** Rows per row-major block: small enough that a block of activations stays in L1/L2. */
    int BLOCK = 16;

    /** Rows per column-major block: long inner loops, and a block of a narrow layer fits in L1. */
    int COLUMN_BLOCK = 128;

    /** Fewest rows for which a batch is computed in column-major blocks. */
    int COLUMN_MIN_ROWS = 32;

    /** Widest layer (or input) for which a network uses column-major blocks. */
    int COLUMN_MAX_WIDTH = 64;

    int inputWidth();

    int outputWidth();

    /** Multiply-adds per row, used to decide whether a batch is worth splitting over cores. */
    long macsPerRow();

    /** Computes rows {@code [from, to)} of {@code source} into the same rows of {@code target}. */
    void run(Object source, Object target, int from, int to);
}
