package io.ctkit.registry;

/**
 * A change the registry's policy forbids, e.g. moving {@code production} to a version without a
 * passing gate verdict. The message says which rule and how to proceed ({@code --force} with a
 * reason).
 */
public final class PolicyException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message);
    }
}
