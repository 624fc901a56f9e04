package io.ctkit.cli;

import io.ctkit.files.FileTrees;
import io.ctkit.image.BuiltImage;
import io.ctkit.image.ImageTarget;
import io.ctkit.image.PackageStep;
import io.ctkit.image.ScoringImageSpec;
import io.ctkit.image.ScoringServerJar;
import io.ctkit.registry.ModelReference;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.ModelVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ctkit package}: builds the scoring container image of a model bundle with Jib. */
@Command(
        name = "package",
        header = "Build the scoring container image of a model bundle (Jib; no Docker needed to build).",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Builds a scoring image: a base JRE image, the ctkit scoring server, and the verified model bundle as "
                    + "version N of /models/<name>/. The server runs as a non-root user and needs no writable "
                    + "root filesystem. Labels carry the model name, version, task and bundle digest.",
            "",
            "Targets: --to docker (load into the local Docker daemon), --to registry (push; credentials from "
                    + "~/.docker/config.json or credential helpers), --to tar --tar FILE (for docker load).",
            "",
            "With a registered version as --model (name@alias or name:version), the bundle comes from the model "
                    + "registry, is served as that version, and the image built --to docker or --to registry is "
                    + "recorded as the version's image: `ctkit deploy --target kubernetes` runs the newest one "
                    + "recorded when no --image is given.",
            "Exit 0 when built, 2 for a bad bundle, reference or option, or when the build fails."
        })
final class PackageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RegistryOptions registry;

    @Option(names = "--model", required = true, paramLabel = "DIR|TAR|REF", description = "The model bundle to serve:"
            + " a bundle directory or .tar, or a registered version, name@alias or name:version.")
    String model;

    @Option(names = "--image", required = true, paramLabel = "REF", description = "Image reference to build, e.g. ctkit/wine-classifier:3.")
    String image;

    @Option(names = "--model-version", paramLabel = "N", description = "Version directory the bundle is served as"
            + " (default: the registered version for name@alias or name:version, else 1).")
    Long modelVersion;

    @Option(names = "--to", defaultValue = "docker", paramLabel = "TARGET", description = "docker, registry or tar (default: ${DEFAULT-VALUE}).")
    String to;

    @Option(names = "--tar", paramLabel = "FILE", description = "With --to tar: the tar file to write.")
    Path tar;

    @Option(names = "--insecure-registry", description = "With --to registry: allow plain HTTP or self-signed TLS.")
    boolean insecure;

    @Option(names = "--base", defaultValue = ScoringImageSpec.DEFAULT_BASE_IMAGE, paramLabel = "IMAGE",
            description = "Base JRE image: a registry reference, docker://NAME (local daemon) or tar:///FILE "
                    + "(default: ${DEFAULT-VALUE}; without a registry: docker://ctkit/jre:17 from docker/jre-base/build.sh).")
    String base;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "Port the server listens on in the container (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--server-jar", paramLabel = "JAR", description = "Scoring-server jar to put in the image (default: the one built with this CLI).")
    Path serverJar;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the image reference, digest, id and labels as JSON.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (registry.json) {
            throw new UserException("--json: package prints text; --out FILE writes the image report as JSON");
        }
        ImageTarget target = target();
        if (modelVersion != null && modelVersion < 1) {
            throw new UserException("--model-version must be 1 or more, got " + modelVersion);
        }
        Optional<ModelReference> reference = ModelReference.find(model);
        if (reference.isEmpty()) {
            Path bundle = Path.of(model);
            if (!Files.exists(bundle)) {
                throw new UserException("--model " + model + ": no such file or directory (a bundle directory or"
                        + " .tar, or a registered version written name@alias or name:version)");
            }
            print(build(bundle, modelVersion != null ? modelVersion : 1, target));
            return 0;
        }
        if (modelVersion != null) {
            throw new UserException("--model-version is for a bundle path; " + model + " is served as its registered"
                    + " version");
        }
        return registry.run(reg -> {
            ModelVersion version = reg.resolve(reference.get());
            Path work = Files.createTempDirectory("ctkit-package-");
            try {
                Path bundle = work.resolve("bundle");
                reg.exportBundle(version.model(), version.version(), bundle);
                BuiltImage built = build(bundle, version.version(), target);
                print(built);
                if (!(target instanceof ImageTarget.Tar)) {
                    reg.recordImage(version.model(), version.version(), built.reference(), built.digest(), null);
                    PrintWriter stdout = spec.commandLine().getOut();
                    stdout.println("recorded as the image of " + version.model() + ":" + version.version());
                    stdout.flush();
                }
            } finally {
                FileTrees.delete(work);
            }
        });
    }

    private ImageTarget target() {
        ImageTarget target = switch (to.toLowerCase(Locale.ROOT)) {
            case "docker" -> new ImageTarget.Daemon(image);
            case "registry" -> new ImageTarget.Registry(image, insecure);
            case "tar" -> {
                if (tar == null) {
                    throw new UserException("--to tar needs --tar FILE, the tar file to write");
                }
                yield new ImageTarget.Tar(image, tar);
            }
            default -> throw new UserException("--to " + to + ": expected docker, registry or tar");
        };
        if (tar != null && !(target instanceof ImageTarget.Tar)) {
            throw new UserException("--tar is only for --to tar");
        }
        return target;
    }

    private BuiltImage build(Path bundle, long version, ImageTarget target) throws Exception {
        PrintWriter stderr = spec.commandLine().getErr();
        return PackageStep.run(PackageStep.Request
                .of(new ScoringImageSpec(bundle, version, serverJar(), base, port, ScoringImageSpec.DEFAULT_JVM_OPTIONS),
                        target)
                .withReport(out)
                .withProgress(line -> {
                    stderr.println("package: " + line);
                    stderr.flush();
                })).image();
    }

    private void print(BuiltImage built) {
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("image  " + built.reference());
        stdout.println("digest " + built.digest());
        stdout.println("id     " + built.imageId());
        built.labels().forEach((k, v) -> {
            if (k.startsWith("io.ctkit.")) {
                stdout.println("label  " + k + "=" + v);
            }
        });
        stdout.flush();
    }

    /** --server-jar, else $CTKIT_SCORING_SERVER_JAR, else the jar this CLI carries. */
    private Path serverJar() throws IOException {
        if (serverJar != null) {
            return serverJar;
        }
        String override = System.getenv(ScoringServerJar.ENV);
        if (override != null && !override.isBlank()) {
            Path jar = Path.of(override);
            if (!Files.isRegularFile(jar)) {
                throw new IOException(ScoringServerJar.ENV + "=" + override + ": no such file");
            }
            return jar;
        }
        return ScoringServerJar.bundled();
    }
}
