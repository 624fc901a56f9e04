package io.ctkit.image;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.quality.Reports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@code package} step: builds the scoring container image of a model bundle with Jib (a base
 * JRE image, the scoring server, the verified bundle as version N of {@code /models/<name>/}, a
 * non-root user, labels with the model's name, version, task and digest) to the local Docker
 * daemon, a registry or a tar file, and writes the image report when asked. {@code ctkit package}
 * calls it, and so can a user's container test.
 *
 * <pre>{@code
 * BuiltImage image = PackageStep.run(PackageStep.Request.of(
 *         new ScoringImageSpec(Path.of("model"), 3, ScoringServerJar.bundled(), "docker://ctkit/jre:17", 8080,
 *                 ScoringImageSpec.DEFAULT_JVM_OPTIONS),
 *         new ImageTarget.Daemon("ctkit/wine-classifier:3"))).image();
 * }</pre>
 */
public final class PackageStep {

    private PackageStep() {
    }

    /**
     * What to build.
     *
     * @param report   where to write the image report (reference, digest, id, target, base, labels), or null
     * @param progress receives Jib's progress lines
     */
    public record Request(ScoringImageSpec spec, ImageTarget target, Path report, Consumer<String> progress) {
        public Request {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(progress, "progress");
        }

        public static Request of(ScoringImageSpec spec, ImageTarget target) {
            return new Request(spec, target, null, line -> { });
        }

        public Request withReport(Path file) {
            return new Request(spec, target, file, progress);
        }

        public Request withProgress(Consumer<String> lines) {
            return new Request(spec, target, report, lines);
        }
    }

    /** The image built, and its report as written. */
    public record Result(BuiltImage image, ObjectNode report) {
    }

    /**
     * Builds the image.
     *
     * @throws IllegalArgumentException when the bundle does not exist
     * @throws IOException when the bundle is refused or the build fails, naming the reason
     */
    public static Result run(Request request) throws IOException {
        if (!Files.exists(request.spec().bundle())) {
            throw new IllegalArgumentException(request.spec().bundle() + ": no such file or directory");
        }
        BuiltImage built = new ScoringImageBuilder(request.progress()).build(request.spec(), request.target());
        ObjectNode report = Reports.object();
        report.put("image", built.reference());
        report.put("digest", built.digest());
        report.put("image_id", built.imageId());
        report.put("target", request.target().kind());
        report.put("base", request.spec().baseImage());
        ObjectNode labels = report.putObject("labels");
        built.labels().forEach(labels::put);
        if (request.report() != null) {
            Reports.write(request.report(), report);
        }
        return new Result(built, report);
    }
}
