import jdk.incubator.vector.*;
import java.util.*;
/**
 * A probe, not part of ctkit: a float32 dense layer written with the incubating Vector API
 * (accumulators held in registers across all inputs, tiles of 32 units by up to 4 rows) against a
 * copy of the engine's scalar kernel (FloatKernels.denseRows: four inputs per pass over the units,
 * rows in pairs), same order of operations, so the results must be the same bits. Measures
 * whether the Vector API would pay for the engine. Run from the repository root:
 *   java --add-modules jdk.incubator.vector bench/scoring/VectorApiProbe.java
 */
public class VectorApiProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    // scalar reference in the engine's order: y = b; for k: y = y + x[k]*w[k][j]
    static void scalar(float[][] x, int rows, int inputs, float[][] w, float[] b, int units, float[][] y) {
        for (int r = 0; r < rows; r++) System.arraycopy(b, 0, y[r], 0, units);
        for (int k = 0; k + 3 < inputs; k += 4) {
            float[] w0 = w[k], w1 = w[k + 1], w2 = w[k + 2], w3 = w[k + 3];
            int r = 0;
            for (; r + 1 < rows; r += 2) {
                float a0 = x[r][k], a1 = x[r][k+1], a2 = x[r][k+2], a3 = x[r][k+3];
                float c0 = x[r+1][k], c1 = x[r+1][k+1], c2 = x[r+1][k+2], c3 = x[r+1][k+3];
                float[] ya = y[r], yb = y[r + 1];
                for (int j = 0; j < units; j++) {
                    float v0 = w0[j], v1 = w1[j], v2 = w2[j], v3 = w3[j];
                    ya[j] = ya[j] + a0 * v0 + a1 * v1 + a2 * v2 + a3 * v3;
                    yb[j] = yb[j] + c0 * v0 + c1 * v1 + c2 * v2 + c3 * v3;
                }
            }
            for (; r < rows; r++) {
                float a0 = x[r][k], a1 = x[r][k+1], a2 = x[r][k+2], a3 = x[r][k+3];
                float[] ya = y[r];
                for (int j = 0; j < units; j++) ya[j] = ya[j] + a0 * w0[j] + a1 * w1[j] + a2 * w2[j] + a3 * w3[j];
            }
        }
    }
    // vector: per tile of 2 vectors (32 units) x up to 4 rows, accumulators in registers over all k (inputs % 4 == 0, units % 32 == 0)
    static void vec(float[][] x, int rows, int inputs, float[][] w, float[] b, int units, float[][] y) {
        int L = S.length();
        for (int j = 0; j < units; j += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, j), b1 = FloatVector.fromArray(S, b, j + L);
            int r = 0;
            for (; r + 3 < rows; r += 4) {
                FloatVector p0 = b0, p1 = b1, q0 = b0, q1 = b1, s0 = b0, s1 = b1, t0 = b0, t1 = b1;
                float[] xp = x[r], xq = x[r + 1], xs = x[r + 2], xt = x[r + 3];
                for (int k = 0; k < inputs; k++) {
                    FloatVector w0 = FloatVector.fromArray(S, w[k], j), w1 = FloatVector.fromArray(S, w[k], j + L);
                    float a = xp[k], c = xq[k], d = xs[k], e = xt[k];
                    p0 = p0.add(w0.mul(a)); p1 = p1.add(w1.mul(a));
                    q0 = q0.add(w0.mul(c)); q1 = q1.add(w1.mul(c));
                    s0 = s0.add(w0.mul(d)); s1 = s1.add(w1.mul(d));
                    t0 = t0.add(w0.mul(e)); t1 = t1.add(w1.mul(e));
                }
                p0.intoArray(y[r], j); p1.intoArray(y[r], j + L); q0.intoArray(y[r + 1], j); q1.intoArray(y[r + 1], j + L);
                s0.intoArray(y[r + 2], j); s1.intoArray(y[r + 2], j + L); t0.intoArray(y[r + 3], j); t1.intoArray(y[r + 3], j + L);
            }
            for (; r < rows; r++) {
                FloatVector p0 = b0, p1 = b1;
                float[] xp = x[r];
                for (int k = 0; k < inputs; k++) {
                    float a = xp[k];
                    p0 = p0.add(FloatVector.fromArray(S, w[k], j).mul(a)); p1 = p1.add(FloatVector.fromArray(S, w[k], j + L).mul(a));
                }
                p0.intoArray(y[r], j); p1.intoArray(y[r], j + L);
            }
        }
    }
    public static void main(String[] args) {
        Random rnd = new Random(1);
        int[][] shapes = {{32, 128, 1}, {128, 64, 1}, {1024, 1024, 1}, {1024, 1024, 4}, {1024, 1024, 8}, {512, 1024, 4}};
        for (int pass = 0; pass < 2; pass++) for (int[] s : shapes) {
            int in = s[0], un = s[1], rows = s[2];
            float[][] w = new float[in][un]; for (float[] row : w) for (int j = 0; j < un; j++) row[j] = (float) rnd.nextGaussian();
            float[] b = new float[un]; for (int j = 0; j < un; j++) b[j] = (float) rnd.nextGaussian();
            float[][] x = new float[rows][in]; for (float[] row : x) for (int k = 0; k < in; k++) row[k] = (float) rnd.nextGaussian();
            float[][] y1 = new float[rows][un], y2 = new float[rows][un];
            double[] t = new double[2];
            for (int v = 0; v < 2; v++) {
                long t0 = System.nanoTime(); long n = 0;
                while (System.nanoTime() - t0 < 700_000_000L) { for (int i = 0; i < 10; i++) { if (v == 0) scalar(x, rows, in, w, b, un, y1); else vec(x, rows, in, w, b, un, y2); } n += 10; }
                t[v] = (System.nanoTime() - t0) / (double) n;
            }
            if (pass == 1) System.out.printf("%4d->%-4d rows %d: scalar %9.1f ns, vector %9.1f ns, %.2fx, same bits: %s%n", in, un, rows, t[0], t[1], t[0] / t[1], Arrays.deepEquals(y1, y2));
        }
    }
}
