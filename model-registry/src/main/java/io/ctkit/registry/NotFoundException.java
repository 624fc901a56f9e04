package io.ctkit.registry;

/** A model, version, alias or run that the registry does not hold. */
public final class NotFoundException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
