package io.ctkit.testkit;

import io.ctkit.testkit.internal.quality.ModelQualityExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test of a model's quality: a JUnit 5 {@link Test} whose {@link ModelEvaluation} parameter is the
 * model scored on {@link #data()} and judged with bootstrap confidence intervals, and whose
 * {@link Champion @Champion} {@code ModelEvaluation} parameter, if any, is the registry's champion
 * judged on the same rows with the same settings.
 *
 * <pre>{@code
 * @ModelQualityTest(data = "data/holdout.csv", label = "revenue")
 * void isAccurateOverall(ModelEvaluation evaluation) {
 *     assertThat(evaluation).metric("r2").lowerBound().isAtLeast(0.70);
 * }
 * }</pre>
 *
 * <p>The model is {@link #model()}, or when that is blank the model the pipeline is testing: the
 * system property {@code ctkit.model}, then the environment variable {@code CTKIT_MODEL}. Either
 * may name a bundle directory or {@code .tar}, or a registry reference ({@code name@alias},
 * {@code name:version}) resolved in the registry of {@code ctkit.registry} / {@code CTKIT_REGISTRY}
 * (a directory or a {@code jdbc:postgresql:} URL), else the project's embedded registry
 * {@code .ctkit/registry} under the working directory.
 *
 * <p>One evaluation is computed per (bundle digest, data fingerprint, settings) and shared by every
 * test of the run that asks for the same, so ten assertions on one holdout cost one evaluation.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(ModelQualityExtension.class)
public @interface ModelQualityTest {

    /** The bundle path or registry reference; blank (the default) means {@code ctkit.model} / {@code CTKIT_MODEL}. */
    String model() default "";

    /** The CSV file of rows to score: a column per model input plus the label; relative to the working directory. */
    String data();

    /** The column of {@link #data()} that holds the true label (classification) or target (regression). */
    String label();

    /** Bootstrap resamples behind every confidence interval; 0 for no intervals. */
    int resamples() default 1000;

    /** The confidence level of the intervals, strictly between 0 and 1. */
    double confidence() default 0.95;

    /** The bootstrap's seed: the same seed and rows give the same intervals on every run. */
    long seed() default 42;

    /**
     * Columns of {@link #data()} that are not model inputs but are sliced by; a model input can be
     * sliced by without being listed here.
     */
    String[] slices() default {};

    /** Binary classifiers: class 1 is predicted when its probability is at least this. */
    double threshold() default 0.5;
}
