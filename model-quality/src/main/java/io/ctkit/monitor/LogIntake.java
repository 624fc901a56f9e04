package io.ctkit.monitor;

import io.ctkit.model.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run's reading of the log into the monitor's state: prediction rows join the window,
 * outcomes join their rows (or wait for them), and a line that cannot be read is recorded with
 * its file and line number while reading goes on.
 */
record LogIntake(int filesRead, long lines, long predictionRows, long outcomes, List<String> problems,
        List<String> notes) {

    /** Problems listed in full; beyond, only counted. */
    static final int MAX_PROBLEMS = 100;

    static LogIntake read(Path dir, MonitorState state, Model model) throws IOException {
        long[] counts = new long[4]; // lines, prediction rows, outcomes, problems
        List<String> problems = new ArrayList<>();
        var inputs = model.definition().inputs();
        LogReader.Outcome outcome = LogReader.read(dir, state.cursors, line -> {
            counts[0]++;
            if (line.text().isBlank()) {
                return;
            }
            try {
                LogRecords.Entry entry = LogRecords.parse(line.text(), inputs, model.task(), model.labels());
                if (entry instanceof LogRecords.Predicted p) {
                    p.rows().forEach(state::add);
                    counts[1] += p.rows().size();
                } else {
                    for (LogRecords.Outcome o : ((LogRecords.Feedback) entry).outcomes()) {
                        state.join(o);
                        counts[2]++;
                    }
                }
            } catch (IllegalArgumentException e) {
                counts[3]++;
                if (problems.size() < MAX_PROBLEMS) {
                    problems.add(line.file() + ": line " + line.number() + ": " + e.getMessage());
                }
            }
        });
        if (counts[3] > MAX_PROBLEMS) {
            problems.add("... and " + (counts[3] - MAX_PROBLEMS) + " more unreadable lines");
        }
        state.cursors.clear();
        state.cursors.putAll(outcome.cursors());
        return new LogIntake(outcome.filesRead(), counts[0], counts[1], counts[2], problems, outcome.notes());
    }
}
