package io.ctkit.testkit;

import io.ctkit.files.FileTrees;
import io.ctkit.image.ScoringImageSpec;
import io.ctkit.testkit.ScoringContainerTest.Mode;
import io.ctkit.testkit.internal.Evidence;
import io.ctkit.testkit.internal.ModelLocator;
import io.ctkit.testkit.internal.ModelLocator.LocatedModel;
import io.ctkit.testkit.internal.serving.DockerServer;
import io.ctkit.testkit.internal.serving.Http;
import io.ctkit.testkit.internal.serving.LocalServer;
import io.ctkit.testkit.internal.serving.RunningServer;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link ScoringContainerTest}: resolves the model, picks the mode, starts one
 * server per (model, image, mode) for the whole run in the root store, injects {@link ScoringEndpoint}
 * and attaches the server's log to a failing test.
 */
final class ScoringContainerExtension implements ParameterResolver, TestExecutionExceptionHandler {

    private static final Namespace NAMESPACE = Namespace.create(ScoringContainerExtension.class);
    private static final String USED = "endpoint used by this test";
    private static final int LOG_LINES_REPORTED = 40;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ScoringEndpoint.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        ScoringContainerTest settings = annotation(testClass).orElseThrow(() -> new ParameterResolutionException(
                testClass.getName() + ": a ScoringEndpoint parameter needs @ScoringContainerTest on the class"));
        String construct = "@ScoringContainerTest on " + testClass.getSimpleName();
        Choice choice = mode(settings, context, construct);
        LocatedModel located;
        try {
            located = ModelLocator.ofThisJvm().locate(settings.model(), "@ScoringContainerTest(model) on "
                    + testClass.getSimpleName());
        } catch (ModelLocator.ModelNotFound e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
        String image = settings.image().strip();
        Mode mode = choice.mode;
        if (mode == Mode.AUTO) {
            mode = DockerServer.engineAnswers() ? Mode.DOCKER : Mode.LOCAL;
        }
        if (!image.isEmpty() && mode == Mode.LOCAL) {
            throw new ParameterResolutionException(construct + ": image \"" + image + "\" runs in Docker only, but the mode"
                    + " is " + (choice.mode == Mode.AUTO ? "AUTO and no Docker engine answers" : "LOCAL (" + choice.source
                    + ")") + "; remove image to serve the bundle in this JVM, or run where Docker is");
        }
        String key = mode + "|" + (image.isEmpty() ? located.bundle().digest() : image + "|" + located.bundle().digest());
        Mode chosen = mode;
        ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
        Object started = root.getOrComputeIfAbsent(key, k -> Served.start(chosen, located, image, baseImage(context),
                construct, choice.source));
        if (started instanceof Failure failure) {
            throw new ParameterResolutionException(failure.message());
        }
        Served served = (Served) started;
        // not the closeable Served itself: JUnit would close it with this test's store
        context.getStore(NAMESPACE).put(USED, new Used(served));
        String report = served.endpoint().mode() + ": " + served.server().description() + " at "
                + served.server().baseUri() + (choice.mode == Mode.AUTO ? " (AUTO chose it)" : "");
        context.publishReportEntry(ScoringContainerTest.MODE_REPORT_KEY, report);
        Evidence.label(ScoringContainerTest.MODE_REPORT_KEY, served.endpoint().mode().name().toLowerCase(Locale.ROOT));
        return served.endpoint();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        Used used = context.getStore(NAMESPACE).get(USED, Used.class);
        if (used != null) {
            Served served = used.served();
            String log;
            try {
                log = served.server().logs().get();
            } catch (RuntimeException e) {
                log = "(the server's log could not be read: " + e.getMessage() + ")";
            }
            Evidence.text("scoring server log (" + served.server().description() + ")", "text/plain", "txt", log);
            List<String> lines = log.lines().toList();
            context.publishReportEntry("ctkit.serving.log", String.join("\n",
                    lines.subList(Math.max(0, lines.size() - LOG_LINES_REPORTED), lines.size())));
        }
        throw throwable;
    }

    private static Optional<ScoringContainerTest> annotation(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<ScoringContainerTest> found = AnnotationSupport.findAnnotation(c, ScoringContainerTest.class);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private record Choice(Mode mode, String source) {
    }

    private static Choice mode(ScoringContainerTest settings, ExtensionContext context, String construct) {
        String text = context.getConfigurationParameter(ScoringContainerTest.MODE_PROPERTY).orElse(null);
        String source = "system property " + ScoringContainerTest.MODE_PROPERTY;
        if (text == null || text.isBlank()) {
            text = System.getenv(ScoringContainerTest.MODE_ENVIRONMENT);
            source = "environment variable " + ScoringContainerTest.MODE_ENVIRONMENT;
        }
        if (text == null || text.isBlank()) {
            return new Choice(settings.mode(), "@ScoringContainerTest(mode = " + settings.mode() + ")");
        }
        try {
            return new Choice(Mode.valueOf(text.strip().toUpperCase(Locale.ROOT)), source + "=" + text.strip());
        } catch (IllegalArgumentException e) {
            throw new ParameterResolutionException(construct + ": " + source + " is \"" + text + "\", which is not a"
                    + " serving mode; use docker, local or auto");
        }
    }

    private static String baseImage(ExtensionContext context) {
        String base = context.getConfigurationParameter(ScoringContainerTest.BASE_IMAGE_PROPERTY).orElse(null);
        if (base == null || base.isBlank()) {
            base = System.getenv(ScoringContainerTest.BASE_IMAGE_ENVIRONMENT);
        }
        return base == null || base.isBlank() ? ScoringImageSpec.DEFAULT_BASE_IMAGE : base.strip();
    }

    /** The server a test resolved, for its failure handler. */
    private record Used(Served served) {
    }

    /** A server that could not be started: kept so that every test of the run fails with it, without retrying. */
    private record Failure(String message) {
    }

    /** A server started for the run and its endpoint; JUnit closes it with the root context. */
    private record Served(RunningServer server, ScoringEndpoint endpoint) implements ExtensionContext.Store.CloseableResource {

        static Object start(Mode mode, LocatedModel located, String image, String baseImage, String construct,
                String modeSource) {
            Path temporary = null;
            try {
                Path bundle = located.path();
                if (bundle == null || !Files.isDirectory(bundle)) {
                    temporary = Files.createTempDirectory("ctkit-serving-");
                    bundle = temporary.resolve(located.model().name());
                    located.bundle().writeTo(bundle);
                }
                RunningServer server;
                if (mode == Mode.DOCKER) {
                    if (!DockerServer.engineAnswers()) {
                        return new Failure(construct + ": no Docker engine answers (mode DOCKER, from " + modeSource
                                + "); start Docker (Testcontainers looks at DOCKER_HOST, then /var/run/docker.sock), or"
                                + " set -D" + ScoringContainerTest.MODE_PROPERTY + "=local (or auto) to test the model"
                                + " with a scoring server in this JVM");
                    }
                    String reference = image.isEmpty() ? DockerServer.build(located, bundle, baseImage) : image;
                    server = DockerServer.start(reference);
                    if (temporary != null) {
                        FileTrees.delete(temporary);
                    }
                } else {
                    server = LocalServer.start(bundle, temporary);
                }
                String version;
                try {
                    version = version(server, located);
                } catch (RuntimeException e) {
                    server.close();
                    throw e;
                }
                System.out.println("[ctkit] " + construct + ": serving " + located.description() + " in " + server.mode()
                        + " mode: " + server.description() + " at " + server.baseUri());
                return new Served(server, new ScoringEndpoint(server, located, version));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                deleteQuietly(temporary);
                return new Failure(construct + ": could not start a scoring server (" + mode + ") for " + located.description()
                        + ": " + e.getMessage());
            }
        }

        private static String version(RunningServer server, LocatedModel located) {
            var response = RestAssured.given().spec(Http.specification(server.baseUri())).get("/v2/models/" + located.model().name());
            List<String> versions = response.statusCode() == 200 ? response.jsonPath().getList("versions", String.class)
                    : List.of();
            return versions == null || versions.isEmpty() ? "" : versions.get(0);
        }

        private static void deleteQuietly(Path dir) {
            if (dir != null) {
                try {
                    FileTrees.delete(dir);
                } catch (IOException ignored) {
                    // a temporary directory left behind is not worth hiding the real failure for
                }
            }
        }

        @Override
        public void close() throws Throwable {
            server.close();
        }
    }
}
