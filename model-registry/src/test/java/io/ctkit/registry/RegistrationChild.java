package io.ctkit.registry;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A separate JVM that registers versions one after the other into an embedded registry and
 * prints {@code ack <version> <bundle digest>} after each commit: the crash and cross-process
 * tests start it, kill it or let it finish, and check the store against what it acknowledged.
 *
 * <p>Arguments: registry directory, work directory, number of registrations (0: until killed),
 * a seed making its bundles differ from other children's.
 */
final class RegistrationChild {

    private RegistrationChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Path registryDir = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        int seed = Integer.parseInt(args[3]);
        Files.createDirectories(work);
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.embedded(registryDir))) {
            out.println("ready");
            out.flush();
            for (int i = 0; count == 0 || i < count; i++) {
                // Fresh weights each time, so every registration writes new blobs too.
                Path bundle = Fixtures.bundle(work.resolve("b" + seed + "-" + i), "crash", seed * 100_000.0 + i);
                ModelVersion v = registry.register(Registration.of("crash", bundle).withActor("child-" + seed)
                        .withMetrics(Fixtures.metrics(work.resolve("m" + seed + "-" + i + ".json"), 0.5, 0.4, 0.6)));
                out.println("ack " + v.version() + " " + v.bundleDigest());
                out.flush();
            }
        } catch (Exception e) {
            out.println("error " + e);
            out.flush();
            System.exit(1);
        }
    }
}
