package io.ctkit.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A gate verdict file, format {@code ctkit-gate/1}, as the gate step writes it:
 * {@code {"format":"ctkit-gate/1","passed":bool,"first_run":bool,"checks":[{"name":..,"kind":..,
 * "metric":..,"observed":v,"ci_low":a,"ci_high":b,"bound":x,"passed":bool,"message":".."}],...}}.
 * Other top-level keys are allowed and kept in the stored file.
 *
 * @param firstRun whether there was no champion to compare with
 * @param challengerDigest the bundle digest of the challenger when the gate scored a model bundle
 *     ({@code challenger.kind} "model"), else null (a verdict on a predictions file names no bundle)
 */
public record GateVerdict(boolean passed, boolean firstRun, List<Check> checks, String challengerDigest) {

    public static final String FORMAT = "ctkit-gate/1";

    public GateVerdict {
        checks = List.copyOf(checks);
    }

    /**
     * One check of a verdict. Numbers are NaN when the file has null or leaves them out.
     */
    public record Check(String name, String kind, String metric, double observed, double ciLow, double ciHigh,
            double bound, boolean passed, String message) {
    }

    /**
     * Reads a verdict strictly: the format, {@code passed}, {@code first_run} and {@code checks}
     * must be there with the right types, and a verdict that passed may not hold a failed check.
     *
     * @param source names the file in error messages
     */
    public static GateVerdict parse(byte[] content, String source) throws RegistryException {
        JsonNode root = Json.parse(content, source);
        if (!root.isObject()) {
            throw new RegistryException(source + ": a gate verdict must be a JSON object");
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isTextual() || !format.asText().equals(FORMAT)) {
            throw new RegistryException(source + ": \"format\" must be \"" + FORMAT + "\", got "
                    + (format == null ? "nothing" : format.toString()) + "; is it a gate verdict?");
        }
        boolean passed = bool(root, "passed", source);
        boolean firstRun = bool(root, "first_run", source);
        JsonNode array = root.get("checks");
        if (array == null || !array.isArray()) {
            throw new RegistryException(source + ": \"checks\" must be an array");
        }
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode c = array.get(i);
            String where = source + ": checks[" + i + "]";
            if (!c.isObject()) {
                throw new RegistryException(where + " must be an object");
            }
            Check check = new Check(text(c, "name", where, true), text(c, "kind", where, false),
                    text(c, "metric", where, false), number(c, "observed", where), number(c, "ci_low", where),
                    number(c, "ci_high", where), number(c, "bound", where), bool(c, "passed", where),
                    text(c, "message", where, false));
            if (passed && !check.passed()) {
                throw new RegistryException(where + " (\"" + check.name() + "\") failed, but the verdict says"
                        + " \"passed\": true; the file is inconsistent");
            }
            checks.add(check);
        }
        JsonNode challenger = root.path("challenger");
        String digest = challenger.path("kind").asText("").equals("model") && challenger.path("sha256").isTextual()
                ? challenger.path("sha256").asText() : null;
        return new GateVerdict(passed, firstRun, checks, digest);
    }

    /**
     * Refuses this verdict as evidence for a bundle it was not made for: a verdict on a model names
     * its bundle's digest, which must be the version's.
     */
    public void requireFor(String bundleDigest, String what, String source) throws RegistryException {
        if (challengerDigest != null && !challengerDigest.equals(bundleDigest)) {
            throw new RegistryException(source + ": this gate verdict judged the bundle " + challengerDigest
                    + ", not " + what + " (" + bundleDigest + "); record the verdict of this version's own gate");
        }
    }

    private static boolean bool(JsonNode node, String field, String where) throws RegistryException {
        JsonNode v = node.get(field);
        if (v == null || !v.isBoolean()) {
            throw new RegistryException(where + ": \"" + field + "\" must be true or false, got "
                    + (v == null ? "nothing" : v.toString()));
        }
        return v.asBoolean();
    }

    private static String text(JsonNode node, String field, String where, boolean required) throws RegistryException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new RegistryException(where + ": \"" + field + "\" is missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new RegistryException(where + ": \"" + field + "\" must be a string, got " + v);
        }
        return v.asText();
    }

    private static double number(JsonNode node, String field, String where) throws RegistryException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new RegistryException(where + ": \"" + field + "\" must be a number or null, got " + v);
        }
        return v.asDouble();
    }
}
