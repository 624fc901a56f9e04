package io.ctkit.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.ctkit.model.Model;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.project.PipelineFile;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multiclass training with text, undeclared categories and class weights. */
class FeatureTrainingTest {
    @TempDir
    Path tmp;

    private Path project(String classWeights) {
        SplittableRandom random = new SplittableRandom(5);
        String[] words = {"refund", "invoice", "broken", "late", "thanks", "great"};
        StringBuilder csv = new StringBuilder("region,text,amount,topic\n");
        for (int r = 0; r < 300; r++) {
            int topic = random.nextInt(3);
            String w1 = words[topic * 2 + random.nextInt(2)];
            String w2 = words[random.nextInt(words.length)];
            String region = random.nextBoolean() ? "north" : "south";
            csv.append(region).append(',').append(w1).append(' ').append(w2).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", random.nextDouble())).append(',')
                    .append(new String[] {"billing", "complaint", "praise"}[topic]).append('\n');
        }
        TestProjects.write(tmp.resolve("p/train.csv"), csv.toString());
        TestProjects.write(tmp.resolve("p/holdout.csv"), csv.toString());
        TestProjects.write(tmp.resolve("p/ctkit.yaml"), """
                name: topics
                data:
                  train: train.csv
                  holdout: holdout.csv
                  schema:
                    columns:
                      - {name: region, type: category}
                      - {name: text, type: text}
                      - {name: amount, type: number}
                      - {name: topic, type: label, kind: classification}
                features:
                  - {name: text, buckets: 32}
                  - {name: region}
                  - {name: amount, transform: passthrough}
                model:
                  task: multiclass-classification
                  hidden: [{units: 8, activation: elu, alpha: 0.5}]
                training: {learning_rate: 0.02, epochs: 25, batch_size: 16%s}
                """.formatted(classWeights));
        return tmp.resolve("p");
    }

    @Test
    void textAndUndeclaredCategoriesBecomeInputsWithValuesFromTheTrainingRows() throws Exception {
        Model model = Model.load(TrainStep.of(PipelineFile.load(project(""))).run(tmp.resolve("out")).bundle());

        assertSoftly(softly -> {
            softly.assertThat(model.labels()).containsExactly("billing", "complaint", "praise");
            softly.assertThat(model.definition().inputs()).containsExactly(InputSpec.text("text", 32),
                    InputSpec.category("region", java.util.List.of("north", "south")), InputSpec.number("amount"));
            softly.assertThat(model.predict(Map.of("text", "refund invoice", "region", "north", "amount", 0.5)).label())
                    .isEqualTo("billing");
            softly.assertThat(model.predict(Map.of("text", "thanks great", "region", "south", "amount", 0.5)).label())
                    .isEqualTo("praise");
        });
    }

    @Test
    void multiclassClassWeightsRaiseTheWeightedClass() throws Exception {
        Model plain = Model.load(TrainStep.of(PipelineFile.load(project(""))).run(tmp.resolve("o1")).bundle());
        Model weighted = Model.load(TrainStep.of(PipelineFile.load(project(", class_weights: {praise: 30}")))
                .run(tmp.resolve("o2")).bundle());

        Map<String, Object> ambiguous = Map.of("text", "invoice late", "region", "north", "amount", 0.5);
        assertThat(weighted.predict(ambiguous).probabilities().get(2))
                .isGreaterThan(plain.predict(ambiguous).probabilities().get(2) + 0.05);
    }
}
