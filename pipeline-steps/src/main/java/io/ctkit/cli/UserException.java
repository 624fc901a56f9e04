package io.ctkit.cli;

/** A problem with the user's input or command line: exit code 2, message printed as is. */
public class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
