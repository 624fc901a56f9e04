package io.ctkit.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TrainingProgressTest {

    @Test
    void aTerminalGetsOneRedrawnBarWithEta() {
        StringWriter s = new StringWriter();
        TrainingProgress p = TrainingProgress.to(new PrintWriter(s), true);
        p.started(4, 100, 4, "accuracy");
        p.epoch(new EpochRecord(1, 0.5, 0.6, 0.7, 1000), 4, true);
        p.epoch(new EpochRecord(2, 0.4, 0.5, 0.8, 1000), 4, false);
        p.finished("done");

        assertThat(s.toString()).isEqualTo("training: 100 rows, 4 batches per epoch, up to 4 epochs\n"
                + "\r[######..................] epoch 1/4  loss 0.5000  val_loss 0.6000  val_accuracy 0.7000 *  ETA 3.0s   "
                + "\r[############............] epoch 2/4  loss 0.4000  val_loss 0.5000  val_accuracy 0.8000  ETA 2.0s   "
                + "\ndone\n");
    }

    @Test
    void aLogGetsOnePlainLinePerEpoch() {
        StringWriter s = new StringWriter();
        TrainingProgress p = TrainingProgress.to(new PrintWriter(s), false);
        p.started(2, 10, 1, "r2");
        p.epoch(new EpochRecord(1, 0.25, Double.NaN, Double.NaN, 12), 2, false);
        p.finished("done");

        assertThat(s.toString()).isEqualTo("training: 10 rows, 1 batches per epoch, up to 2 epochs\n"
                + "epoch 1/2  loss 0.2500  12 ms\ndone\n").doesNotContain("\r");
    }
}
