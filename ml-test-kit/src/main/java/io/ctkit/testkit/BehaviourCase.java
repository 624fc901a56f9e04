package io.ctkit.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A minimum-functionality case, as in CheckList: an input row and the output it must give, either
 * a class or a value within a tolerance.
 *
 * <pre>{@code
 * BehaviourCase.of("no spend, base revenue", Map.of("spend", 0.0)).expectsValue(0.5, Tolerance.absolute(0.1))
 * BehaviourCase.of("strong wine", row).expectsClass("class_0")
 * }</pre>
 *
 * @param name          what the case shows, for messages
 * @param input         a value per model input: a number, a category or a text
 * @param expectedClass the class the model must predict, or null
 * @param expectedValue the value a regression must give (when {@code expectedClass} is null)
 * @param tolerance     how far the value may be from {@code expectedValue}
 */
public record BehaviourCase(String name, Map<String, Object> input, String expectedClass, double expectedValue,
        Tolerance tolerance) {

    public BehaviourCase {
        Objects.requireNonNull(name, "name");
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        Objects.requireNonNull(input, "input").forEach((k, v) -> copy.put(k, v instanceof Number n ? n.doubleValue() : v));
        input = Collections.unmodifiableMap(copy);
    }

    /** A case with no expectation yet: follow with {@link #expectsClass} or {@link #expectsValue}. */
    public static Start of(String name, Map<String, ?> input) {
        return new Start(name, input);
    }

    /** The first half of a case: its name and input. */
    public record Start(String name, Map<String, ?> input) {
        /** The model must predict this class. */
        public BehaviourCase expectsClass(String label) {
            return new BehaviourCase(name, Map.copyOf(input), Objects.requireNonNull(label, "label"), Double.NaN, null);
        }

        /** The regression must give {@code value} within {@code tolerance}. */
        public BehaviourCase expectsValue(double value, Tolerance tolerance) {
            return new BehaviourCase(name, Map.copyOf(input), null, value, Objects.requireNonNull(tolerance, "tolerance"));
        }
    }
}
