package io.ctkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ModelConcurrencyTest {

    private static final String[] CHANNELS = {"email", "search", "social", "print"};
    private static final String[] WORDS = {"taxi", "hotel", "coffee", "Café", "room", "airport", "ΣΟΦΙΑΣ", "42"};

    @Test
    void manyThreadsScoringOneModelGetTheSingleThreadedResults() throws Exception {
        Model model = BundleFixtures.inMemory("binary-sigmoid-f32");
        List<Map<String, Object>> rows = randomRows(new Random(7), 300);
        PredictionBatch expected = model.predict(rows);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<Prediction>>> jobs = new ArrayList<>();
            for (int t = 0; t < 24; t++) {
                boolean oneByOne = t % 3 == 0;
                jobs.add(() -> {
                    if (!oneByOne) {
                        return model.predict(rows);
                    }
                    List<Prediction> out = new ArrayList<>();
                    rows.forEach(row -> out.add(model.predict(row)));
                    return out;
                });
            }
            // invokeAll cancels what has not finished by the deadline; a cancelled job fails below.
            for (Future<List<Prediction>> result : pool.invokeAll(jobs, 60, TimeUnit.SECONDS)) {
                assertThat(result).succeedsWithin(Duration.ZERO).asInstanceOf(list(Prediction.class))
                        .containsExactlyElementsOf(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static List<Map<String, Object>> randomRows(Random random, int count) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            Map<String, Object> row = new HashMap<>();
            row.put("amount", random.nextInt(5) == 0 ? null : random.nextDouble() * 120);
            if (random.nextInt(6) > 0) {
                row.put("channel", CHANNELS[random.nextInt(CHANNELS.length)]);
            }
            StringBuilder text = new StringBuilder();
            for (int w = random.nextInt(6); w > 0; w--) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextBoolean() ? " " : ", ");
            }
            row.put("text", text.toString());
            rows.add(row);
        }
        return rows;
    }
}
