package io.ctkit.deploy;

import java.io.IOException;

/** A deployment that failed at one of its steps; what served before still serves unless step is "switch" and the rollback failed too. */
public class DeployException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String step;

    public DeployException(String step, String message) {
        super(step + ": " + message);
        this.step = step;
    }

    public DeployException(String step, String message, Throwable cause) {
        super(step + ": " + message, cause);
        this.step = step;
    }

    /** verify, start, ready, smoke-test or switch. */
    public String step() {
        return step;
    }
}
