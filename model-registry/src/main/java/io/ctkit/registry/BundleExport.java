package io.ctkit.registry;

import io.ctkit.bundle.Bundle;
import io.ctkit.files.AtomicFiles;
import io.ctkit.files.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

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
                && FileTrees.isEmptyDirectory(abs))) {
            throw new RegistryException(target + " already exists and is not an empty directory; refusing to"
                    + " overwrite it");
        }
        AtomicFiles.writeDirectory(abs, dir -> write(v, files, dir));
        return check(v, Bundle.open(abs));
    }

    Bundle inMemory(ModelVersion v, List<BundleFile> files) throws IOException {
        Path tmp = Files.createTempDirectory("ctkit-bundle-");
        try {
            write(v, files, tmp);
            return check(v, Bundle.open(tmp));
        } finally {
            FileTrees.delete(tmp);
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
            Files.write(file, content, StandardOpenOption.CREATE_NEW);
        }
    }

    private static Bundle check(ModelVersion v, Bundle bundle) throws RegistryException {
        if (!bundle.digest().equals(v.bundleDigest())) {
            throw new RegistryException(v.reference() + ": the bundle read back has digest " + bundle.digest()
                    + ", but the version was registered with " + v.bundleDigest());
        }
        return bundle;
    }
}
