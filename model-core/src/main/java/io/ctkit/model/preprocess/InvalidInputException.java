package io.ctkit.model.preprocess;

/**
 * A row given for scoring (or fitting) does not fit the model's inputs: a missing number with
 * no impute step, a value of the wrong type, an unknown key. The message names the row (in a
 * batch) and the input. A scoring server answers these with a 4xx status.
 */
public class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int row;
    private final String detail;

    public InvalidInputException(String message) {
        super(message);
        this.row = -1;
        this.detail = message;
    }

    /** The problem of row {@code row} (0-based, in the batch) of a batch. */
    public InvalidInputException(int row, InvalidInputException problem) {
        super("row " + row + ": " + problem.getMessage());
        this.row = row;
        this.detail = problem.getMessage();
    }

    /** The 0-based row of the batch, or -1 when the problem is not about one row. */
    public int row() {
        return row;
    }

    /** The message without the row: {@code input "alcohol" is missing ...}. */
    public String detail() {
        return detail;
    }
}
