package io.ctkit.registry;

import io.ctkit.bundle.Bundle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns a version's blobs back into a bundle directory: each blob is verified as it is read, the
 * directory is assembled beside the target and renamed into place, and the result is opened with
 * {@link Bundle#open} (which checks every file against MANIFEST.json again) and must have the
 * digest the version was registered with.
 */
final class BundleExport {

    private final BlobStore blobs;

    BundleExport(BlobStore blobs) {
        this.blobs = blobs;
    }

    Bundle toDirectory(ModelVersion v, List<BundleFile> files, Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !(Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)
                && isEmpty(abs))) {
            throw new RegistryException(target + " already exists and is not an empty directory; refusing to"
                    + " overwrite it");
        }
        Path parent = Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".tmp-");
        try {
            write(v, files, tmp);
            if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(abs);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(tmp);
        }
        return check(v, Bundle.open(abs));
    }

    Bundle inMemory(ModelVersion v, List<BundleFile> files) throws IOException {
        Path tmp = Files.createTempDirectory("ctkit-bundle-");
        try {
            write(v, files, tmp);
            return check(v, Bundle.open(tmp));
        } finally {
            deleteTree(tmp);
        }
    }

    private void write(ModelVersion v, List<BundleFile> files, Path dir) throws IOException {
        for (BundleFile f : files) {
            if (f.path().startsWith("/") || f.path().contains("\\") || ("/" + f.path() + "/").contains("/../")
                    || ("/" + f.path() + "/").contains("/./")) {
                throw new RegistryException(v.reference() + ": the database lists the bundle file \"" + f.path()
                        + "\", which is not a safe relative path; the database was changed outside ctkit");
            }
            byte[] content = blobs.get(f.sha256());
            Path file = dir.resolve(f.path());
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        }
    }

    private static Bundle check(ModelVersion v, Bundle bundle) throws RegistryException {
        if (!bundle.digest().equals(v.bundleDigest())) {
            throw new RegistryException(v.reference() + ": the bundle read back has digest " + bundle.digest()
                    + ", but the version was registered with " + v.bundleDigest());
        }
        return bundle;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
