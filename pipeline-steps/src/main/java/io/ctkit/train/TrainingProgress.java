package io.ctkit.train;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Reports training as it goes: a redrawn progress bar on a terminal, one plain line per epoch
 * otherwise (CI logs keep every line; a bar's carriage returns would garble them).
 */
public interface TrainingProgress {

    void started(int epochs, int rows, int batchesPerEpoch, String metricName);

    void epoch(EpochRecord record, int epochs, boolean improved);

    void finished(String summary);

    /** No output (library use, tests). */
    static TrainingProgress silent() {
        return new TrainingProgress() {
            @Override
            public void started(int epochs, int rows, int batchesPerEpoch, String metricName) {
            }

            @Override
            public void epoch(EpochRecord record, int epochs, boolean improved) {
            }

            @Override
            public void finished(String summary) {
            }
        };
    }

    /** A bar when {@code terminal}, else log lines, written to {@code out}. */
    static TrainingProgress to(PrintWriter out, boolean terminal) {
        return new Printed(out, terminal);
    }

    /** Both forms; the bar redraws one line with {@code \r}. */
    final class Printed implements TrainingProgress {
        private static final int WIDTH = 24;
        private final PrintWriter out;
        private final boolean terminal;
        private String metric = "";
        private long elapsed;

        Printed(PrintWriter out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        @Override
        public void started(int epochs, int rows, int batchesPerEpoch, String metricName) {
            this.metric = metricName;
            out.printf(Locale.ROOT, "training: %d rows, %d batches per epoch, up to %d epochs%n", rows, batchesPerEpoch, epochs);
            out.flush();
        }

        @Override
        public void epoch(EpochRecord r, int epochs, boolean improved) {
            elapsed += r.millis();
            long eta = r.epoch() == 0 ? 0 : elapsed / r.epoch() * (epochs - r.epoch());
            String validation = Double.isNaN(r.validationLoss()) ? ""
                    : String.format(Locale.ROOT, "  val_loss %.4f  val_%s %.4f%s", r.validationLoss(), metric,
                            r.validationMetric(), improved ? " *" : "");
            if (terminal) {
                int done = (int) ((long) WIDTH * r.epoch() / epochs);
                out.printf(Locale.ROOT, "\r[%s%s] epoch %d/%d  loss %.4f%s  ETA %s   ", "#".repeat(done),
                        ".".repeat(WIDTH - done), r.epoch(), epochs, r.loss(), validation, format(eta));
            } else {
                out.printf(Locale.ROOT, "epoch %d/%d  loss %.4f%s  %d ms%n", r.epoch(), epochs, r.loss(), validation, r.millis());
            }
            out.flush();
        }

        @Override
        public void finished(String summary) {
            if (terminal) {
                out.println();
            }
            out.println(summary);
            out.flush();
        }

        private static String format(long millis) {
            Duration d = Duration.ofMillis(millis);
            return d.toMinutes() > 0 ? String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart())
                    : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
    }
}
