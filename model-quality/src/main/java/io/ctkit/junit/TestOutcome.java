package io.ctkit.junit;

import java.util.Objects;

/**
 * One test case of a JUnit XML report.
 *
 * @param className the test class ({@code classname}), or empty
 * @param name      the test ({@code name}), e.g. a method name with its display name
 * @param status    what happened to it
 * @param message   for a failure or error: its {@code message} attribute, else the first line of
 *                  its text, else its {@code type}; empty otherwise
 * @param type      for a failure or error: the exception class ({@code type}), or empty
 * @param seconds   its {@code time}, or 0 when absent
 */
public record TestOutcome(String className, String name, Status status, String message, String type, double seconds) {

    /** A test case's result as JUnit XML records it. */
    public enum Status {
        PASSED, FAILED, ERROR, SKIPPED;

        /** Whether the test counts against the model: a failed assertion or an error. */
        public boolean isProblem() {
            return this == FAILED || this == ERROR;
        }
    }

    public TestOutcome {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        type = type == null ? "" : type;
    }

    /** {@code SimpleClassName.test}: how a summary names the test. */
    public String displayName() {
        int dot = className.lastIndexOf('.');
        String simple = className.substring(dot + 1);
        return simple.isEmpty() ? name : simple + "." + name;
    }
}
