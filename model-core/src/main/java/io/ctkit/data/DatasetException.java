package io.ctkit.data;

import java.io.IOException;
import java.util.List;

/**
 * A CSV source that does not fit its schema or is not valid CSV. Carries every problem
 * collected (at most {@link DatasetReader#withMaxErrors(int)}); the message lists them,
 * one per line, each as {@code source:line: column "name" (n): problem}.
 */
public final class DatasetException extends IOException {
    private static final long serialVersionUID = 1L;

    private final List<DataProblem> problems;
    private final boolean truncated;

    DatasetException(List<DataProblem> problems, boolean truncated) {
        super(message(problems, truncated));
        this.problems = List.copyOf(problems);
        this.truncated = truncated;
    }

    DatasetException(DataProblem problem) {
        this(List.of(problem), false);
    }

    /** The problems found, in file order; never empty. */
    public List<DataProblem> problems() {
        return problems;
    }

    /** Whether reading stopped at the error limit, so more problems may exist. */
    public boolean truncated() {
        return truncated;
    }

    private static String message(List<DataProblem> problems, boolean truncated) {
        if (problems.size() == 1 && !truncated) {
            return problems.get(0).toString();
        }
        var sb = new StringBuilder();
        sb.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
                .append(" in ").append(problems.get(0).source())
                .append(truncated ? " (stopped at the error limit; there may be more):" : ":");
        for (DataProblem p : problems) {
            sb.append(System.lineSeparator()).append("  ").append(p);
        }
        return sb.toString();
    }
}
