package io.ctkit.testkit.internal.quality;

import io.ctkit.evaluate.EvaluationSettings;
import io.ctkit.testkit.ModelQualityTest;
import java.util.List;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * The evaluation settings a {@link ModelQualityTest} declares, checked, and the annotation as
 * messages name it. Part of the key an evaluation is shared under.
 *
 * @param data      the data file as written in the annotation
 * @param label     the label column
 * @param settings  the evaluate step's settings (no plots; slices of any size)
 */
record QualitySettings(String data, String label, EvaluationSettings settings) {

    static QualitySettings of(ModelQualityTest test) {
        String construct = "@ModelQualityTest(data = \"" + test.data() + "\", label = \"" + test.label() + "\")";
        if (test.data().isBlank()) {
            throw new ParameterResolutionException("@ModelQualityTest(data = \"\"): name the CSV file of rows to score,"
                    + " e.g. data = \"data/holdout.csv\"");
        }
        if (test.label().isBlank()) {
            throw new ParameterResolutionException(construct + ": name the column that holds the true label or"
                    + " target, e.g. label = \"revenue\"");
        }
        if (test.resamples() < 0) {
            throw new ParameterResolutionException(construct + ": resamples = " + test.resamples()
                    + " is negative; give the number of bootstrap resamples (1000 by default), or 0 for no intervals");
        }
        if (!(test.confidence() > 0 && test.confidence() < 1)) {
            throw new ParameterResolutionException(construct + ": confidence = " + test.confidence()
                    + " is not strictly between 0 and 1; give a level such as 0.95");
        }
        if (!(test.threshold() >= 0 && test.threshold() <= 1)) {
            throw new ParameterResolutionException(construct + ": threshold = " + test.threshold()
                    + " is not between 0 and 1; give the probability of class 1 from which it is predicted, e.g. 0.5");
        }
        EvaluationSettings settings = EvaluationSettings.defaults().withPlots(false).withThreshold(test.threshold())
                .withBootstrap(test.resamples(), test.confidence(), test.seed())
                .withSlices(List.of(test.slices()), 1);
        return new QualitySettings(test.data(), test.label(), settings);
    }

    /** The annotation as messages name it: {@code @ModelQualityTest(data = "holdout.csv", label = "y")}. */
    String construct() {
        return "@ModelQualityTest(data = \"" + data + "\", label = \"" + label + "\")";
    }
}
