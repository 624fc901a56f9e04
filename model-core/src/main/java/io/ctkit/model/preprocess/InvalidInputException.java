package io.ctkit.model.preprocess;

/**
 * A row given for scoring (or fitting) does not fit the model's inputs: a missing number with
 * no impute step, a value of the wrong type, an unknown key. The message names the row (in a
 * batch) and the input. A scoring server answers these with a 4xx status.
 */
public class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
