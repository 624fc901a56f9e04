package io.ctkit.testkit.internal.quality;

import io.ctkit.bundle.Bundle;
import io.ctkit.evaluate.EvaluateStep;
import io.ctkit.evaluate.EvaluationSettings;
import io.ctkit.files.FileDigests;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.ModelVersion;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.testkit.ModelEvaluation;
import io.ctkit.testkit.internal.ModelLocator;
import io.ctkit.testkit.internal.ModelLocator.LocatedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Computes evaluations through the evaluate step and shares them: one per (bundle digest, data
 * fingerprint, settings) in the root store, so every test of the run asking for the same gets the
 * same instance. Each test is told, as a report entry, whether its evaluation was computed or shared.
 */
final class Evaluations {

    /** What an evaluation is shared under. */
    private record Key(String bundleDigest, String dataFingerprint, String label, EvaluationSettings settings) {
    }

    private final ExtensionContext.Store store;
    private final BiConsumer<String, String> report;

    Evaluations(ExtensionContext.Store store, BiConsumer<String, String> report) {
        this.store = store;
        this.report = report;
    }

    /** The candidate's evaluation on {@code data}. */
    ModelEvaluation of(LocatedModel model, Path data, QualitySettings settings) throws IOException {
        return evaluate(model.bundle(), model.description(), source(model), data, settings);
    }

    /**
     * The evaluation of the version {@code alias} points at for the candidate's model name, on the
     * same rows with the same settings; an evaluation that does not exist when the alias is unset.
     */
    ModelEvaluation champion(LocatedModel candidate, String alias, ModelLocator locator, Path data,
            QualitySettings settings) throws IOException {
        String name = candidate.registeredAs() != null ? candidate.registeredAs() : candidate.model().name();
        RegistryConfig config = locator.registry();
        Bundle bundle;
        String description;
        try (ModelRegistry registry = ModelRegistry.open(config)) {
            Optional<ModelVersion> version = registry.alias(name, alias);
            if (version.isEmpty()) {
                return ModelEvaluation.absent("no champion: the registry " + config.describe() + " has no version of "
                        + name + " at the alias " + alias);
            }
            bundle = registry.bundle(name, version.get().version());
            description = name + ":" + version.get().version() + " (" + name + "@" + alias + ") "
                    + ModelLocator.shortDigest(bundle.digest());
        }
        return evaluate(bundle, description, name + "@" + alias, data, settings);
    }

    private ModelEvaluation evaluate(Bundle bundle, String description, String source, Path data,
            QualitySettings settings) throws IOException {
        Key key = new Key(bundle.digest(), fingerprint(data), settings.label(), settings.settings());
        boolean[] computed = {false};
        Object value = store.getOrComputeIfAbsent(key, k -> {
            computed[0] = true;
            try {
                EvaluateStep.Result result = EvaluateStep.run(EvaluateStep.Request
                        .of(EvaluateStep.Subject.model(bundle, source, data, settings.label()))
                        .withSettings(settings.settings()));
                return ModelEvaluation.of(description, bundle.digest(), result, settings.settings());
            } catch (IOException | IllegalArgumentException e) {
                return e;
            }
        });
        if (value instanceof IOException e) {
            throw e;
        }
        if (value instanceof IllegalArgumentException e) {
            throw e;
        }
        ModelEvaluation evaluation = ((ModelEvaluation) value).describedAs(description);
        report.accept(ModelQualityExtension.REPORT_KEY, (computed[0] ? "computed " : "shared ") + evaluation);
        return evaluation;
    }

    private static String source(LocatedModel model) {
        return model.path() != null ? model.path().toString() : model.registeredAs() + ":" + model.version();
    }

    /** {@code sha256:<hex>} of the file's bytes: what the data set read from it will carry as its fingerprint. */
    private static String fingerprint(Path file) {
        try {
            return FileDigests.sha256(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
