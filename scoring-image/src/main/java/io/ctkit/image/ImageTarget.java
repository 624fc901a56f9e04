package io.ctkit.image;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a built scoring image goes: a local Docker daemon, a registry, or an OCI/Docker tar file
 * that {@code docker load} reads.
 */
public sealed interface ImageTarget {

    /** The image reference the image is tagged with, for example {@code ctkit/wine:3}. */
    String reference();

    /** The target's name in reports and on the command line: docker, registry or tar. */
    default String kind() {
        return this instanceof Daemon ? "docker" : this instanceof Registry ? "registry" : "tar";
    }

    /** Loaded into the local Docker daemon (through the {@code docker} command). */
    record Daemon(String reference) implements ImageTarget {
        public Daemon {
            ImageReferences.check(reference);
        }
    }

    /** Pushed to the registry named in the reference. */
    record Registry(String reference, boolean allowInsecure) implements ImageTarget {
        public Registry {
            ImageReferences.check(reference);
        }
    }

    /** Written as a tar file, tagged with the reference inside it. */
    record Tar(String reference, Path file) implements ImageTarget {
        public Tar {
            ImageReferences.check(reference);
            Objects.requireNonNull(file, "file");
        }
    }
}
