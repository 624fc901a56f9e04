package io.ctkit.cli;

/** A check ran and failed (gate, validation, SLO): exit code 1, message printed as is. */
public class CheckFailedException extends UserException {
    private static final long serialVersionUID = 1L;

    public CheckFailedException(String message) {
        super(message);
    }
}
