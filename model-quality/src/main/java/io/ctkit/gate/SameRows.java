package io.ctkit.gate;

import java.util.Objects;
/** Proves, by row ids when both sides have them, that champion and challenger were scored on the same rows. */
final class SameRows {

    private SameRows() {
    }

    static void check(GateInput challenger, GateInput champion) {
        int a = challenger.predictions().rows();
        int b = champion.predictions().rows();
        if (a != b) {
            throw new IllegalArgumentException("the challenger has " + a + " rows but the champion has " + b
                    + ": both must be scored on the same rows for a paired comparison");
        }
        String[] x = challenger.rowIds();
        String[] y = champion.rowIds();
        if (x == null || y == null) {
            return; // Evaluator.compare still checks that every row has the same label
        }
        for (int i = 0; i < x.length; i++) {
            if (!Objects.equals(x[i], y[i])) {
                throw new IllegalArgumentException("row " + (i + 1) + " has id \"" + x[i] + "\" for the challenger but \""
                        + y[i] + "\" for the champion: both must be scored on the same rows, in the same order");
            }
        }
    }
}
