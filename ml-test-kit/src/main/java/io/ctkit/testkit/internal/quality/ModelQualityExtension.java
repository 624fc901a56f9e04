package io.ctkit.testkit.internal.quality;

import io.ctkit.testkit.Champion;
import io.ctkit.testkit.ModelEvaluation;
import io.ctkit.testkit.ModelQualityTest;
import io.ctkit.testkit.internal.ModelLocator;
import io.ctkit.testkit.internal.ModelLocator.LocatedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Resolves the {@link ModelEvaluation} parameters of a {@link ModelQualityTest}: the candidate, and
 * the {@link Champion} when a parameter asks for one. Models and evaluations live in the root
 * store, so every test of the run that names the same model, data and settings shares one.
 */
public final class ModelQualityExtension implements ParameterResolver {

    /** The report entry key saying whether a test's evaluation was computed or shared. */
    public static final String REPORT_KEY = "ctkit.evaluation";

    private static final Namespace NAMESPACE = Namespace.create(ModelQualityExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ModelEvaluation.class
                && AnnotationSupport.isAnnotated(context.getTestMethod(), ModelQualityTest.class);
    }

    @Override
    public ModelEvaluation resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ModelQualityTest test = AnnotationSupport.findAnnotation(context.getTestMethod(), ModelQualityTest.class)
                .orElseThrow();
        QualitySettings settings = QualitySettings.of(test);
        Path data = Path.of("").toAbsolutePath().resolve(test.data()).normalize();
        if (!Files.isRegularFile(data)) {
            throw new ParameterResolutionException(settings.construct() + ": no data file at " + data
                    + "; give a CSV file of rows with a column per model input and the label column \"" + test.label()
                    + "\", relative to the working directory " + Path.of("").toAbsolutePath() + " or absolute");
        }
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        LocatedModel candidate = located(store, test.model());
        Evaluations evaluations = new Evaluations(store, context::publishReportEntry);
        try {
            ModelEvaluation evaluation;
            if (parameter.isAnnotated(Champion.class)) {
                String alias = parameter.findAnnotation(Champion.class).orElseThrow().value();
                evaluation = evaluations.champion(candidate, alias, ModelLocator.ofThisJvm(), data, settings);
            } else {
                evaluation = evaluations.of(candidate, data, settings);
            }
            QualityEvidence.attach(evaluation, parameter.isAnnotated(Champion.class) ? "champion" : "candidate");
            return evaluation;
        } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
            throw new ParameterResolutionException(settings.construct() + ": " + e.getMessage(), e);
        }
    }

    /** The model the test names, verified once per run and name. */
    private static LocatedModel located(ExtensionContext.Store store, String declared) {
        ModelLocator locator = ModelLocator.ofThisJvm();
        String model = declared.isBlank() ? "" : declared.strip();
        // the key holds what a blank name resolves to, so a test changing ctkit.model gets its own model
        String key = "model:" + model + "|" + System.getProperty(ModelLocator.MODEL_PROPERTY) + "|"
                + System.getenv(ModelLocator.MODEL_ENVIRONMENT) + "|" + System.getProperty(ModelLocator.REGISTRY_PROPERTY);
        Object found = store.getOrComputeIfAbsent(key, k -> {
            try {
                return locator.locate(model, "@ModelQualityTest(model)");
            } catch (ModelLocator.ModelNotFound e) {
                return e;
            }
        });
        if (found instanceof ModelLocator.ModelNotFound e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
        return (LocatedModel) found;
    }
}
