package io.ctkit.policy;

/**
 * A policy map (from ctkit.yaml or a policy file) that is malformed; the message starts with
 * the path of the bad field, e.g. {@code ctkit.yaml: gate.thresholds[0].min: ...}.
 */
public class PolicyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message);
    }
}
