package io.ctkit.bundle;

import io.ctkit.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A verified model bundle, its files held in memory.
 *
 * <p>{@link #open} reads a bundle directory or a tar of one, checks MANIFEST.json, the
 * optional MANIFEST.sig and the SHA-256 digest of every listed file, and refuses anything else
 * in the tree; only then does it return. The bytes it hands out are the bytes it verified, so
 * nothing can change between check and use. Immutable. See {@code docs/model-bundle-files.md}.
 */
public final class Bundle {

    private final Path source;
    private final byte[] manifest;
    private final String digest;
    private final SortedMap<String, byte[]> files;
    private final boolean signed;
    private final byte[] signatureFile;

    private Bundle(Path source, byte[] manifest, SortedMap<String, byte[]> files, boolean signed, byte[] signatureFile) {
        this.source = source;
        this.manifest = manifest;
        this.digest = "sha256:" + Manifest.sha256Hex(manifest);
        this.files = Collections.unmodifiableSortedMap(files);
        this.signed = signed;
        this.signatureFile = signatureFile;
    }

    /** Opens and verifies a bundle with {@link BundleVerification#defaults()}. */
    public static Bundle open(Path dirOrTar) throws BundleException {
        return open(dirOrTar, BundleVerification.defaults());
    }

    /**
     * Opens a bundle directory, or a tar file holding one, and verifies it.
     *
     * @throws BundleIntegrityException when a file does not match its digest in MANIFEST.json
     * @throws BundleException for anything else that is wrong, the message naming the bundle,
     *     the file and the problem
     */
    public static Bundle open(Path dirOrTar, BundleVerification verification) throws BundleException {
        Objects.requireNonNull(verification, "verification");
        String name = dirOrTar.toString();
        try {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(dirOrTar, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                throw new BundleException(name, "no such bundle directory or tar file");
            }
            BundleSource content;
            if (attributes.isDirectory()) {
                content = BundleDirectory.scan(dirOrTar.toRealPath(), name, verification);
            } else if (attributes.isRegularFile()) {
                content = TarArchive.read(dirOrTar, name, verification);
            } else {
                throw new BundleException(name, "is neither a directory nor a tar file");
            }
            return verify(dirOrTar, name, content, verification);
        } catch (BundleException e) {
            throw e;
        } catch (IOException e) {
            throw new BundleException(name, "cannot be read: " + e, e);
        }
    }

    private static Bundle verify(Path path, String name, BundleSource content, BundleVerification verification)
            throws IOException {
        SortedMap<String, Long> present = content.files();
        if (!present.containsKey(BundlePaths.MANIFEST)) {
            throw new BundleException(name, "has no MANIFEST.json at its root; is it a model bundle?");
        }
        if (present.get(BundlePaths.MANIFEST) > Manifest.MAX_BYTES) {
            throw new BundleException(name, "MANIFEST.json is " + present.get(BundlePaths.MANIFEST)
                    + " bytes, more than the limit of " + Manifest.MAX_BYTES);
        }
        byte[] manifestBytes = content.read(BundlePaths.MANIFEST, Manifest.MAX_BYTES);
        Manifest manifest = Manifest.parse(manifestBytes, name, verification.maxFiles());
        boolean signed = checkSignature(name, content, manifestBytes, verification);
        // checkSignature has bounded its size; kept so that a copy of the bundle stays signed.
        byte[] signatureFile = present.containsKey(BundlePaths.SIGNATURE)
                ? content.read(BundlePaths.SIGNATURE, ManifestSignature.MAX_FILE_BYTES)
                : null;

        TreeSet<String> unlisted = new TreeSet<>(BundlePaths.ORDER);
        unlisted.addAll(present.keySet());
        unlisted.removeAll(manifest.files().keySet());
        unlisted.removeIf(BundlePaths::isManifestFile);
        if (!unlisted.isEmpty()) {
            throw new BundleContentException(name, "holds " + unlisted.size() + " file(s) that MANIFEST.json does not list: "
                    + sample(unlisted) + "; a bundle may hold only the files its manifest lists");
        }
        TreeSet<String> missing = new TreeSet<>(BundlePaths.ORDER);
        missing.addAll(manifest.files().keySet());
        missing.removeAll(present.keySet());
        if (!missing.isEmpty()) {
            throw new BundleContentException(name, "lacks " + missing.size() + " file(s) that MANIFEST.json lists: "
                    + sample(missing));
        }
        long total = 0;
        for (String file : manifest.files().keySet()) {
            total += present.get(file);
        }
        if (total > verification.maxTotalBytes()) {
            throw new BundleException(name, "files total " + total + " bytes, more than the limit of "
                    + verification.maxTotalBytes());
        }
        SortedMap<String, byte[]> files = new TreeMap<>(BundlePaths.ORDER);
        for (Map.Entry<String, String> e : manifest.files().entrySet()) {
            long limit = Math.min(TarArchive.MAX_FILE_BYTES, verification.maxTotalBytes() - (total - present.get(e.getKey())));
            byte[] bytes = content.read(e.getKey(), limit);
            String actual = Manifest.sha256Hex(bytes);
            if (!actual.equals(e.getValue())) {
                throw new BundleIntegrityException(name, e.getKey(), e.getValue(), actual);
            }
            files.put(e.getKey(), bytes);
        }
        return new Bundle(path, manifestBytes, files, signed, signatureFile);
    }

    /** Whether a signature was verified; refuses a bad, malformed or (if required) missing one. */
    private static boolean checkSignature(String name, BundleSource content, byte[] manifest,
            BundleVerification verification) throws IOException {
        if (!content.files().containsKey(BundlePaths.SIGNATURE)) {
            if (verification.signatureRequired()) {
                throw new BundleSignatureException(name, "is not signed (no MANIFEST.sig), but a signature is required");
            }
            return false;
        }
        long size = content.files().get(BundlePaths.SIGNATURE);
        if (size > ManifestSignature.MAX_FILE_BYTES) {
            throw new BundleException(name, ManifestSignature.wrongLength(size));
        }
        byte[] signature = ManifestSignature.decode(content.read(BundlePaths.SIGNATURE, size), name);
        if (verification.key() == null) {
            return false;
        }
        if (!ManifestSignature.verify(manifest, signature, verification.key())) {
            throw new BundleSignatureException(name, "MANIFEST.sig does not verify with the given public key: the manifest "
                    + "was changed after signing, or it was signed with another key");
        }
        return true;
    }

    private static String sample(SortedSet<String> paths) {
        StringBuilder s = new StringBuilder();
        int shown = 0;
        for (String path : paths) {
            if (shown == 5) {
                return s.append(" and ").append(paths.size() - shown).append(" more").toString();
            }
            s.append(shown++ == 0 ? "" : ", ").append(BundlePaths.printable(path));
        }
        return s.toString();
    }

    /**
     * The verified content of a file that MANIFEST.json lists, as a fresh copy.
     *
     * @throws BundleException when the bundle has no such listed file
     */
    public byte[] bytes(String relativePath) throws BundleException {
        byte[] bytes = files.get(relativePath);
        if (bytes == null) {
            throw new BundleException(source.toString(), "has no file '" + BundlePaths.printable(relativePath)
                    + "'; its files are " + sample(files()));
        }
        return bytes.clone();
    }

    /** The bundle-relative paths MANIFEST.json lists (MANIFEST.json and MANIFEST.sig not included). */
    public SortedSet<String> files() {
        SortedSet<String> paths = new TreeSet<>(BundlePaths.ORDER);
        paths.addAll(files.keySet());
        return Collections.unmodifiableSortedSet(paths);
    }

    /** The exact bytes of MANIFEST.json, as a fresh copy. */
    public byte[] manifestBytes() {
        return manifest.clone();
    }

    /**
     * The bundle digest, {@code "sha256:<64 hex digits>"}: SHA-256 of the exact MANIFEST.json
     * bytes. Since the manifest lists the digest of every file, it identifies the whole content.
     */
    public String digest() {
        return digest;
    }

    /**
     * Writes this bundle as a directory at {@code dir} (created, or replaced whole): MANIFEST.json,
     * MANIFEST.sig when present, and every listed file, byte for byte, so that the copy opens and
     * verifies as this bundle does. For a bundle read from a .tar or the registry that a server
     * needs as a directory.
     */
    public void writeTo(Path dir) throws IOException {
        AtomicFiles.writeDirectory(dir, staging -> {
            Files.write(staging.resolve("MANIFEST.json"), manifest);
            if (signatureFile != null) {
                Files.write(staging.resolve("MANIFEST.sig"), signatureFile);
            }
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = staging.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
        });
    }

    /**
     * The exact bytes of MANIFEST.sig when the bundle has one (checked for form; verified only when
     * {@link #signed()}), as a fresh copy: what a faithful copy of the bundle must carry.
     */
    public Optional<byte[]> signatureFile() {
        return signatureFile == null ? Optional.empty() : Optional.of(signatureFile.clone());
    }

    /** Whether MANIFEST.sig was present and verified against the key of the verification used. */
    public boolean signed() {
        return signed;
    }

    /** The directory or tar file the bundle was read from, as given to {@link #open}. */
    public Path source() {
        return source;
    }

    @Override
    public String toString() {
        return "Bundle[" + source + ", " + digest + ", " + files.size() + " files" + (signed ? ", signed" : "") + "]";
    }
}
