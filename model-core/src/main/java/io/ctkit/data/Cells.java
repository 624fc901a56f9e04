package io.ctkit.data;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Conversion of one cell's text to its typed value, shared by the reader and fill checks. */
final class Cells {
    /** Returned by a converter when an unknown category is to be treated as missing. */
    static final Object MISSING = new Object();

    private Cells() {
    }

    /** A cell whose text does not fit its column; the message starts with the quoted value. */
    static final class BadCell extends Exception {
        private static final long serialVersionUID = 1L;

        BadCell(String message) {
            super(message, null, false, false);
        }
    }

    @FunctionalInterface
    interface Converter {
        Object convert(String text) throws BadCell;
    }

    static Converter converterFor(Column c) {
        return converterFor(c.type(), c.labelKind(), c.min(), c.max(), c.values(), c.unknown());
    }

    static Converter converterFor(ColumnType type, LabelKind kind, Double min, Double max,
                                  List<String> values, UnknownCategory unknown) {
        if (Column.isNumeric(type, kind)) {
            return text -> number(text, min, max);
        }
        if (type == ColumnType.TIME) {
            return Cells::time;
        }
        if (Column.hasCategories(type, kind) && !values.isEmpty()) {
            Set<String> allowed = new HashSet<>(values);
            String noun = type == ColumnType.LABEL ? "class" : "category";
            return text -> {
                if (allowed.contains(text)) {
                    return text;
                }
                return switch (unknown) {
                    case KEEP -> text;
                    case MISSING -> MISSING;
                    case ERROR -> throw new BadCell(quote(text) + " is not a known " + noun
                            + "; expected one of " + values);
                };
            };
        }
        return text -> text;
    }

    static double number(String text, Double min, Double max) throws BadCell {
        char[] chars = text.toCharArray();
        return number(chars, 0, chars.length, min, max);
    }

    /** {@link #number(String, Double, Double)} of {@code text[from, to)}, making a String only for an error. */
    static double number(char[] text, int from, int to, Double min, Double max) throws BadCell {
        double v = Decimals.parse(text, from, to);
        if (Double.isNaN(v)) {
            throw new BadCell(quote(text, from, to) + " is not a number");
        }
        if (Double.isInfinite(v)) {
            throw new BadCell(quote(text, from, to) + " is out of the range of a double");
        }
        if (min != null && v < min) {
            throw new BadCell(quote(text, from, to) + " is below the minimum " + format(min));
        }
        if (max != null && v > max) {
            throw new BadCell(quote(text, from, to) + " is above the maximum " + format(max));
        }
        return v;
    }

    private static String quote(char[] text, int from, int to) {
        return quote(new String(text, from, to - from));
    }

    static Instant time(String text) throws BadCell {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(
                    text, ZonedDateTime::from, LocalDateTime::from);
            return t instanceof ZonedDateTime z ? z.toInstant()
                    : ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new BadCell(quote(text) + " is not an ISO-8601 date (2024-05-31) or date-time"
                    + " (2024-05-31T13:45:00Z)");
        }
    }

    static String quote(String text) {
        String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
        return "\"" + shown.replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
