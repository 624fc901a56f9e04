package io.ctkit.testkit;

import io.ctkit.model.Task;
import io.ctkit.testkit.internal.Evidence;
import io.ctkit.testkit.internal.quality.BehaviourMessages;
import io.ctkit.testkit.internal.quality.Behaviours;
import io.ctkit.testkit.internal.quality.Behaviours.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Behavioural assertions in the manner of CheckList: the model's output on every row of the
 * evaluation's data, before and after a {@link Perturbation}.
 *
 * <ul>
 *   <li>invariance: {@link #isInvariant()} (classifiers: no class probability moves by more than
 *   0.1, CheckList's default) or {@link #isInvariantWithin(Tolerance)} (regression needs one); for
 *   classifiers also {@link #keepsItsPredictedClass()} (the predicted class does not change);</li>
 *   <li>directional: {@link #rises()}, {@link #falls()}, {@link #doesNotDecrease()},
 *   {@link #doesNotIncrease()} of the value (regression) or of one class's probability
 *   ({@link #ofClass(String)}; binary classifiers default to the positive class).</li>
 * </ul>
 *
 * <p><b>By default every row must pass</b> (Giskard passes at half the rows; a model that breaks
 * its contract on one row in ten is not invariant). {@link #allowingFailureRate(double)} sets the
 * fraction of rows that may fail. A failure lists the first failing rows (input, the perturbed
 * values, both outputs) and the failure rate against the allowed rate.
 */
public class BehaviourAssert extends AbstractAssert<BehaviourAssert, ModelEvaluation> {

    private static final int SHOWN = 5;

    private final Perturbation perturbation;
    private final double allowedRate;
    private final String className;

    BehaviourAssert(ModelEvaluation actual, Perturbation perturbation, double allowedRate, String className) {
        super(actual, BehaviourAssert.class);
        this.perturbation = perturbation;
        this.allowedRate = allowedRate;
        this.className = className;
    }

    /** The fraction of rows, in [0, 1), that may fail; 0 (every row must pass) by default. */
    public BehaviourAssert allowingFailureRate(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("the allowed failure rate is a fraction in [0, 1), e.g. 0.05, got "
                    + rate);
        }
        return new BehaviourAssert(actual, perturbation, rate, className);
    }

    /** Directional checks of a classifier follow this class's probability. */
    public BehaviourAssert ofClass(String name) {
        if (actual.task() == Task.REGRESSION) {
            throw new IllegalArgumentException("ofClass(\"" + name + "\"): the model is a regression; its output is"
                    + " the value itself");
        }
        if (!actual.classes().contains(name)) {
            throw new IllegalArgumentException("ofClass(\"" + name + "\"): the model has no class " + name
                    + "; its classes are " + actual.classes());
        }
        return new BehaviourAssert(actual, perturbation, allowedRate, name);
    }

    /** Classifiers: no class probability moves by more than 0.1 (CheckList's default). */
    public BehaviourAssert isInvariant() {
        if (actual.task() == Task.REGRESSION) {
            throw new IllegalArgumentException("isInvariant() needs a tolerance for a regression, whose outputs have"
                    + " no natural scale: use isInvariantWithin(Tolerance.absolute(..)) or Tolerance.relative(..)");
        }
        return isInvariantWithin(Tolerance.PROBABILITY);
    }

    /** No output (value, or any class probability) moves by more than {@code tolerance}. */
    public BehaviourAssert isInvariantWithin(Tolerance tolerance) {
        String output = actual.task() == Task.REGRESSION ? "the output" : "every class probability";
        return check(output, "to stay within " + tolerance + " of the original", (before, after) -> {
            for (int c = 0; c < before.length; c++) {
                if (!(Math.abs(after[c] - before[c]) <= tolerance.allowedAround(before[c]))) {
                    return false;
                }
            }
            return true;
        }, -1);
    }

    /**
     * Classifiers: the predicted class does not change (the arg-max of the class probabilities, the
     * first on ties; a binary classifier's class 1 from the evaluation's threshold). Weaker than
     * {@link #isInvariant()}: the probabilities may move as long as the decision stays.
     */
    public BehaviourAssert keepsItsPredictedClass() {
        if (actual.task() == Task.REGRESSION) {
            throw new IllegalArgumentException("keepsItsPredictedClass() needs a classifier; a regression predicts no"
                    + " class: use isInvariantWithin(Tolerance.absolute(..)) or Tolerance.relative(..)");
        }
        return check("the predicted class", "to stay the same",
                (before, after) -> predicted(before) == predicted(after), -1);
    }

    /** The output is strictly higher after the perturbation on every row (or the allowed share). */
    public BehaviourAssert rises() {
        return directional("to rise", (b, a, i) -> a[i] > b[i]);
    }

    /** The output is strictly lower after the perturbation. */
    public BehaviourAssert falls() {
        return directional("to fall", (b, a, i) -> a[i] < b[i]);
    }

    /** The output is not lower after the perturbation. */
    public BehaviourAssert doesNotDecrease() {
        return directional("not to decrease", (b, a, i) -> a[i] >= b[i]);
    }

    /** The output is not higher after the perturbation. */
    public BehaviourAssert doesNotIncrease() {
        return directional("not to increase", (b, a, i) -> a[i] <= b[i]);
    }

    private interface Rule {
        boolean holds(double[] before, double[] after);
    }

    private interface DirectionalRule {
        boolean holds(double[] before, double[] after, int index);
    }

    private BehaviourAssert directional(String expectation, DirectionalRule rule) {
        int index = index();
        String output = actual.task() == Task.REGRESSION ? "the output"
                : "the probability of " + actual.classes().get(index);
        return check(output, expectation, (b, a) -> rule.holds(b, a, index), index);
    }

    /** {@code index}: the output a directional check follows, shown alone in failing rows; -1 shows every output. */
    private BehaviourAssert check(String output, String expectation, Rule rule, int index) {
        List<Outcome> outcomes = Behaviours.run(actual.model(), actual.data(), perturbation);
        List<Outcome> failed = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (!rule.holds(o.before(), o.after())) {
                failed.add(o);
            }
        }
        double rate = (double) failed.size() / outcomes.size();
        if (!failed.isEmpty()) {
            Evidence.text("behaviour: " + perturbation.description(), "text/csv", "csv",
                    BehaviourMessages.table(failed, actual.classes()));
        }
        if (rate > allowedRate) {
            failWithMessage("%s", BehaviourMessages.failed(output, expectation, perturbation, failed.size(),
                    outcomes.size(), allowedRate, failed.subList(0, Math.min(SHOWN, failed.size())), actual.classes(),
                    index, actual.description()));
        }
        return this;
    }

    /** The class a classifier predicts from its probabilities, as the evaluation decides it. */
    private int predicted(double[] probabilities) {
        if (actual.task() == Task.BINARY_CLASSIFICATION) {
            return probabilities[1] >= actual.settings().threshold() ? 1 : 0;
        }
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) {
            best = probabilities[c] > probabilities[best] ? c : best;
        }
        return best;
    }

    /** The output followed by directional checks: the value, the named class, or a binary model's class 1. */
    private int index() {
        if (actual.task() == Task.REGRESSION) {
            return 0;
        }
        if (className != null) {
            return actual.classes().indexOf(className);
        }
        if (actual.task() == Task.BINARY_CLASSIFICATION) {
            return 1;
        }
        throw new IllegalArgumentException("a directional check of a multiclass model follows one class's probability:"
                + " name it with ofClass(..), one of " + actual.classes());
    }

}
