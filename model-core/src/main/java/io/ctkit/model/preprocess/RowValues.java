package io.ctkit.model.preprocess;

import java.math.BigInteger;

/** Converts the values of a request row to what an input of each type holds. */
final class RowValues {

    private RowValues() {
    }

    /** A number input's value; NaN when missing. */
    static double number(Object value, String name) {
        if (value == null) {
            return Double.NaN;
        }
        if (value instanceof Number number) {
            return checkFinite(number.doubleValue(), name);
        }
        throw new InvalidInputException("input \"" + name + "\" must be a number, got " + describe(value));
    }

    static double checkFinite(double value, String name) {
        if (Double.isInfinite(value)) {
            throw new InvalidInputException("input \"" + name + "\" must be finite, got " + value);
        }
        return value;
    }

    /** A category input's value; integers and booleans match by their text. Null when missing. */
    static String category(Object value, String name) {
        if (value == null || value instanceof CharSequence) {
            return value == null ? null : value.toString();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof Boolean) {
            return value.toString();
        }
        throw new InvalidInputException("input \"" + name + "\" must be a string, got " + describe(value));
    }

    /** A text input's value; null when missing. */
    static String text(Object value, String name) {
        if (value == null || value instanceof CharSequence) {
            return value == null ? null : value.toString();
        }
        throw new InvalidInputException("input \"" + name + "\" must be a string, got " + describe(value));
    }

    static String describe(Object value) {
        String type;
        if (value instanceof CharSequence) {
            type = "string";
        } else if (value instanceof Number) {
            type = "number";
        } else if (value instanceof Boolean) {
            type = "boolean";
        } else {
            type = value.getClass().getSimpleName();
        }
        String text = value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        return type + " " + text;
    }
}
