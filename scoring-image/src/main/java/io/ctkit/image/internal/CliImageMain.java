package io.ctkit.image.internal;

import io.ctkit.image.BuiltImage;
import io.ctkit.image.CliImageBuilder;
import io.ctkit.image.ImageTarget;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What {@code bin/ctkit-image} runs: builds {@code ctkit/cli:<version>} from the CLI jar it runs
 * from. Not a ctkit verb, because the CLI image is a build product of ctkit itself, not of a
 * user's model. Exit codes as the CLI's: 0 built, 2 usage or input error.
 */
public final class CliImageMain {

    private static final String USAGE = "usage: bin/ctkit-image [--tar FILE] [--base IMAGE] [--tag REFERENCE]\n"
            + "  builds ctkit/cli:<version> into the local Docker daemon\n"
            + "  --tar    write a tar file for docker load instead\n"
            + "  --base   the base image (default " + CliImageBuilder.BASE_IMAGE + ", built by docker/cli-base/build.sh)\n"
            + "  --tag    the image reference (default ctkit/cli:<version>)";

    private CliImageMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        String version = CliImageMain.class.getPackage().getImplementationVersion();
        Path jar;
        try {
            jar = Path.of(CliImageMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            System.err.println("ctkit-image: cannot locate the CLI jar: " + e.getMessage());
            return 2;
        }
        if (version == null || !jar.toString().endsWith(".jar")) {
            System.err.println("ctkit-image: run from the CLI jar (pipeline-steps/target/ctkit-cli.jar), not from " + jar);
            return 2;
        }
        String base = CliImageBuilder.BASE_IMAGE;
        String tag = CliImageBuilder.reference(version);
        Path tar = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("-h") || flag.equals("--help")) {
                System.out.println(USAGE);
                return 0;
            }
            if (!(flag.equals("--tar") || flag.equals("--base") || flag.equals("--tag"))) {
                System.err.println("ctkit-image: unknown argument " + flag + "\n" + USAGE);
                return 2;
            }
            if (i + 1 >= args.length) {
                System.err.println("ctkit-image: " + flag + " needs a value\n" + USAGE);
                return 2;
            }
            String value = args[++i];
            switch (flag) {
                case "--tar" -> tar = Path.of(value);
                case "--base" -> base = value;
                default -> tag = value;
            }
        }
        try {
            ImageTarget target = tar == null ? new ImageTarget.Daemon(tag) : new ImageTarget.Tar(tag, tar);
            BuiltImage image = new CliImageBuilder(System.err::println).build(jar, version, base, target);
            System.out.println(image.reference() + " " + image.digest());
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("ctkit-image: " + e.getMessage());
            return 2;
        }
    }
}
