package io.ctkit.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the model's real scoring server and injects a {@link ScoringEndpoint}
 * into its test methods, constructors and lifecycle methods.
 *
 * <p>In {@link Mode#DOCKER} the extension builds the scoring image of the bundle with the package
 * step (Jib, into the local Docker daemon, tagged {@code ctkit/<model>:<version or digest prefix>}),
 * or takes {@link #image()}, starts it with Testcontainers and waits for {@code /v2/health/ready}.
 * In {@link Mode#LOCAL} it starts the scoring server in this JVM on the bundle. {@link Mode#AUTO}
 * uses Docker when an engine answers, else the local server. The mode used is published as a report
 * entry ({@value #MODE_REPORT_KEY}), printed, and set as an Allure label. One server per (bundle or
 * image, mode) serves every test class of the run; it stops when the run ends.
 *
 * <pre>{@code
 * @ScoringContainerTest(mode = ScoringContainerTest.Mode.AUTO)
 * class ForecastServingTest {
 *     @Test
 *     void servesWhatTheBundleComputes(ScoringEndpoint endpoint) {
 *         endpoint.assertParity(Path.of("data/holdout.csv"));
 *         endpoint.assertProtocolContract();
 *     }
 * }
 * }</pre>
 *
 * <p>When a test fails, the server's log is attached to its report (Allure) and published as a
 * report entry.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ScoringContainerExtension.class)
public @interface ScoringContainerTest {

    /**
     * The system property (or JUnit configuration parameter) that overrides {@link #mode()} for
     * every test: docker, local or auto; so that a pipeline can force one mode without editing tests.
     */
    String MODE_PROPERTY = "ctkit.serving.mode";

    /** The environment variable that overrides {@link #mode()} when the system property is not set. */
    String MODE_ENVIRONMENT = "CTKIT_SERVING_MODE";

    /**
     * The system property (or JUnit configuration parameter) naming the base image of built scoring
     * images; default the package step's ({@code eclipse-temurin:17-jre}). Where no registry is
     * reachable, {@code docker://ctkit/jre:17} from {@code docker/jre-base/build.sh}.
     */
    String BASE_IMAGE_PROPERTY = "ctkit.serving.baseImage";

    /** The environment variable naming the base image when the system property is not set. */
    String BASE_IMAGE_ENVIRONMENT = "CTKIT_BASE_IMAGE";

    /** The report entry key saying which mode ran. */
    String MODE_REPORT_KEY = "ctkit.serving.mode";

    /**
     * The model: a bundle directory or {@code .tar}, a registry reference ({@code name@alias},
     * {@code name:version}), or blank for the pipeline's model ({@code ctkit.model} /
     * {@code CTKIT_MODEL}). With {@link #image()}, the model the image is expected to serve: the
     * parity and contract checks compare the image with it.
     */
    String model() default "";

    /** An image to run instead of building one (DOCKER only), e.g. {@code ctkit/forecast:7}. */
    String image() default "";

    /** Where the server runs; the system property {@value #MODE_PROPERTY} and {@value #MODE_ENVIRONMENT} override it. */
    Mode mode() default Mode.DOCKER;

    /** Where the scoring server runs. */
    enum Mode {
        /** The scoring image in the local Docker engine; no engine is a test failure, never a skip. */
        DOCKER,
        /** The scoring server in this JVM, on the bundle. */
        LOCAL,
        /** DOCKER when an engine answers, else LOCAL; the report says which. */
        AUTO
    }
}
