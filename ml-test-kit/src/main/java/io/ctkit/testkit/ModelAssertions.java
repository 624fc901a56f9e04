package io.ctkit.testkit;

/**
 * The entry point of the kit's assertions, in the AssertJ manner:
 * {@code import static io.ctkit.testkit.ModelAssertions.assertThat;}
 *
 * <pre>{@code
 * assertThat(evaluation).metric("r2").lowerBound().isAtLeast(0.70);
 * assertThat(evaluation).onSlice("channel", "video").metric("r2").isAtLeast(0.70);
 * assertThat(candidate).isNoWorseThan(champion).on("rmse").withinMargin(0.05);
 * assertThat(evaluation).rows().isAtLeast(200);
 * }</pre>
 */
public final class ModelAssertions {

    private ModelAssertions() {
    }

    /** Assertions on a model's evaluation: its metrics, its slices, its rows, its champion. */
    public static ModelEvaluationAssert assertThat(ModelEvaluation actual) {
        return new ModelEvaluationAssert(actual);
    }
}
