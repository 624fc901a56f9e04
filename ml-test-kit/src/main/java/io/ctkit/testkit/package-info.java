/**
 * The ctkit test kit: JUnit 5 tests of models, their scoring containers and their load behaviour.
 *
 * <p>Public API sits in this package; everything under {@code io.ctkit.testkit.internal} may change
 * without notice. See {@code docs/ml-test-kit.md} for a walk-through.
 */
package io.ctkit.testkit;
