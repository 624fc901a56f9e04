package io.ctkit.registry;

import java.util.Optional;

/**
 * A reference to a registered version as users write it: {@code name@alias} (the version the alias
 * points at when it is resolved) or {@code name:version} (a fixed version number).
 *
 * <p>The test kit ({@code ctkit.model} / {@code CTKIT_MODEL}), {@code ctkit deploy} and the
 * retraining triggers all accept these; a bundle path is anything else. Use {@link #find(String)}
 * to tell the two apart and {@link #parse(String)} when only a reference is acceptable.
 *
 */
public final class ModelReference {

    private final String model;
    private final String alias;
    private final int version;

    private ModelReference(String model, String alias, int version) throws RegistryException {
        this.model = Names.model(model);
        this.alias = alias == null ? null : Names.alias(alias);
        if (alias == null && version < 1) {
            throw new RegistryException("version must be 1 or more, not " + version);
        }
        this.version = version;
    }

    /** {@code name@alias}. */
    public static ModelReference alias(String model, String alias) throws RegistryException {
        return new ModelReference(model, alias, 0);
    }

    /** {@code name:version}. */
    public static ModelReference version(String model, int version) throws RegistryException {
        return new ModelReference(model, null, version);
    }

    /**
     * Parses {@code name@alias} or {@code name:version}.
     *
     * @throws RegistryException saying what is wrong with the text and what the two forms are
     */
    public static ModelReference parse(String text) throws RegistryException {
        if (text == null || text.isBlank()) {
            throw new RegistryException("model reference is empty; write name@alias (e.g. forecast@production)"
                    + " or name:version (e.g. forecast:3)");
        }
        int at = text.indexOf('@');
        int colon = text.lastIndexOf(':');
        if (at > 0 && colon < 0) {
            String alias = text.substring(at + 1);
            if (alias.isEmpty()) {
                throw new RegistryException("model reference \"" + text + "\" has no alias after '@'; write "
                        + text.substring(0, at) + "@production, for example");
            }
            return alias(text.substring(0, at), alias);
        }
        if (colon > 0 && at < 0) {
            String number = text.substring(colon + 1);
            if (number.isEmpty() || number.length() > 9 || !number.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(number) == 0) {
                throw new RegistryException("model reference \"" + text + "\": \"" + number + "\" is not a version"
                        + " number (1 or more); write " + text.substring(0, colon) + "@" + (number.isEmpty()
                                ? "production" : number.toLowerCase(java.util.Locale.ROOT))
                        + " to use an alias");
            }
            return version(text.substring(0, colon), Integer.parseInt(number));
        }
        throw new RegistryException("\"" + text + "\" is not a model reference; write name@alias"
                + " (e.g. forecast@production) or name:version (e.g. forecast:3)");
    }

    /**
     * The reference in {@code text}, or empty when the text reads as a file path instead: it contains
     * a path separator, starts with '.' or '~', or ends in {@code .tar}. A Windows drive ("C:") is a path.
     */
    public static Optional<ModelReference> find(String text) throws RegistryException {
        if (text == null || text.isBlank() || text.indexOf('/') >= 0 || text.indexOf('\\') >= 0
                || text.startsWith(".") || text.startsWith("~") || text.endsWith(".tar")
                || text.matches("[A-Za-z]:.*[^0-9].*")) {
            return Optional.empty();
        }
        if (text.indexOf('@') < 0 && text.indexOf(':') < 0) {
            return Optional.empty();
        }
        return Optional.of(parse(text));
    }

    /** The model name. */
    public String model() {
        return model;
    }

    /** The alias, or null for a fixed version. */
    public String alias() {
        return alias;
    }

    /** The version number, or 0 for an alias. */
    public int version() {
        return version;
    }

    /** True when this reference names an alias, which can move between resolutions. */
    public boolean isAlias() {
        return alias != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelReference r && r.model.equals(model) && java.util.Objects.equals(r.alias, alias)
                && r.version == version;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(model, alias, version);
    }

    @Override
    public String toString() {
        return alias != null ? model + "@" + alias : model + ":" + version;
    }
}
