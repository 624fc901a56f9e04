package io.ctkit.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A verified model bundle (format {@code ctkit-model/1}): a directory or a {@code .tar} of one
 * holding {@code model.json}, weight files, {@code MANIFEST.json} with the SHA-256 of every file,
 * and optionally {@code MANIFEST.sig}.
 *
 * <p>{@link #open} reads every file into memory and verifies all of them before it returns, so
 * callers parse bytes that were verified, never a file that could have changed since. A file
 * not listed in the manifest, a listed file that is missing, an unsafe name, a link, or a digest
 * mismatch is refused. Immutable. See {@code docs/model-bundle-files.md}.
 */
public final class Bundle {

    /** Most files a bundle may hold. */
    public static final int MAX_FILES = 10_000;
    /** Most bytes a bundle may hold in all (1 GiB). */
    public static final long MAX_TOTAL_BYTES = 1L << 30;

    private final Path source;
    private final Map<String, byte[]> files;
    private final String digest;
    private final boolean signed;

    private Bundle(Path source, Map<String, byte[]> files, String digest, boolean signed) {
        this.source = source;
        this.files = files;
        this.digest = digest;
        this.signed = signed;
    }

    /** Opens and verifies a bundle directory or tar file, checking digests only. */
    public static Bundle open(Path dirOrTar) throws BundleException {
        return open(dirOrTar, BundleVerification.defaults());
    }

    /** Opens and verifies a bundle directory or tar file. */
    public static Bundle open(Path dirOrTar, BundleVerification verification) throws BundleException {
        Map<String, byte[]> raw;
        if (Files.isDirectory(dirOrTar, LinkOption.NOFOLLOW_LINKS)) {
            raw = readDirectory(dirOrTar);
        } else if (Files.isRegularFile(dirOrTar)) {
            raw = Tar.read(dirOrTar, MAX_FILES + 2, MAX_TOTAL_BYTES);
        } else if (Files.exists(dirOrTar, LinkOption.NOFOLLOW_LINKS)) {
            throw new BundleException(dirOrTar + ": not a bundle directory or .tar file");
        } else {
            throw new BundleException(dirOrTar + ": no such bundle (directory or .tar file)");
        }
        return verify(dirOrTar, raw, verification);
    }

    private static Bundle verify(Path source, Map<String, byte[]> raw, BundleVerification verification)
            throws BundleException {
        byte[] manifestBytes = raw.get(BundlePaths.MANIFEST);
        if (manifestBytes == null) {
            throw new BundleException(source + ": no " + BundlePaths.MANIFEST + "; a bundle lists the SHA-256 of every file in it");
        }
        Manifest manifest = Manifest.parse(manifestBytes, source + "/" + BundlePaths.MANIFEST, MAX_FILES);
        byte[] signature = raw.get(BundlePaths.SIGNATURE);
        boolean signed = false;
        if (verification.publicKey() != null) {
            if (signature == null) {
                throw new BundleIntegrityException(source + ": no " + BundlePaths.SIGNATURE
                        + ", but a signature by the given public key is required");
            }
            checkSignature(source, manifestBytes, signature, verification);
            signed = true;
        }
        TreeMap<String, byte[]> verified = new TreeMap<>();
        for (String path : raw.keySet()) {
            if (!path.equals(BundlePaths.MANIFEST) && !path.equals(BundlePaths.SIGNATURE)
                    && !manifest.files().containsKey(path)) {
                throw new BundleException(source + ": file \"" + BundlePaths.printable(path)
                        + "\" is not listed in " + BundlePaths.MANIFEST + "; unlisted files are refused");
            }
        }
        for (Map.Entry<String, String> e : manifest.files().entrySet()) {
            byte[] content = raw.get(e.getKey());
            if (content == null) {
                throw new BundleException(source + ": \"" + e.getKey() + "\" is listed in " + BundlePaths.MANIFEST
                        + " but missing");
            }
            String actual = Manifest.sha256Hex(content);
            if (!actual.equals(e.getValue())) {
                throw new BundleIntegrityException(source + ": \"" + e.getKey() + "\" does not match "
                        + BundlePaths.MANIFEST + ": expected SHA-256 " + e.getValue() + ", actual " + actual);
            }
            verified.put(e.getKey(), content);
        }
        if (!verified.containsKey("model.json")) {
            throw new BundleException(source + ": no model.json listed in " + BundlePaths.MANIFEST);
        }
        return new Bundle(source, Collections.unmodifiableMap(verified), "sha256:" + Manifest.sha256Hex(manifestBytes), signed);
    }

    private static void checkSignature(Path source, byte[] manifest, byte[] signatureFile, BundleVerification v)
            throws BundleException {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(new String(signatureFile, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new BundleIntegrityException(source + ": " + BundlePaths.SIGNATURE + " is not base64 text");
        }
        boolean valid;
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(v.publicKey());
            verifier.update(manifest);
            valid = signature.length == 64 && verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            throw new BundleIntegrityException(source + ": " + BundlePaths.SIGNATURE
                    + " is not a valid Ed25519 signature of " + BundlePaths.MANIFEST + " by the given public key");
        }
    }

    private static Map<String, byte[]> readDirectory(Path dir) throws BundleException {
        Map<String, byte[]> files = new TreeMap<>();
        long total = 0;
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new BundleException(dir + ": cannot list the bundle: " + e.getMessage(), e);
        }
        for (Path p : paths) {
            if (p.equals(dir)) {
                continue;
            }
            String rel = dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw new BundleException(dir + ": cannot read \"" + rel + "\": " + e.getMessage(), e);
            }
            if (attrs.isSymbolicLink()) {
                throw new BundleException(dir + ": \"" + rel + "\" is a symbolic link; bundles hold regular files only");
            }
            if (attrs.isDirectory()) {
                continue;
            }
            if (!attrs.isRegularFile()) {
                throw new BundleException(dir + ": \"" + rel + "\" is not a regular file");
            }
            BundlePaths.check(rel, dir.toString());
            if (files.size() >= MAX_FILES + 2) {
                throw new BundleException(dir + ": more than " + MAX_FILES + " files");
            }
            total += attrs.size();
            if (total > MAX_TOTAL_BYTES) {
                throw new BundleException(dir + ": more than " + MAX_TOTAL_BYTES + " bytes in all");
            }
            try {
                files.put(rel, Files.readAllBytes(p));
            } catch (NoSuchFileException e) {
                throw new BundleException(dir + ": \"" + rel + "\" disappeared while reading the bundle");
            } catch (IOException e) {
                throw new BundleException(dir + ": cannot read \"" + rel + "\": " + e.getMessage(), e);
            }
        }
        return files;
    }

    /** The verified content of a listed file (a copy). */
    public byte[] bytes(String relativePath) throws BundleException {
        byte[] content = files.get(relativePath);
        if (content == null) {
            throw new BundleException(source + ": no file \"" + BundlePaths.printable(relativePath)
                    + "\" in the bundle; it has " + String.join(", ", files.keySet()));
        }
        return content.clone();
    }

    /** The listed files (MANIFEST.json and MANIFEST.sig excluded). */
    public SortedSet<String> files() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(files.keySet()));
    }

    /** {@code sha256:<hex>} of the MANIFEST.json bytes: one digest that covers every file. */
    public String digest() {
        return digest;
    }

    /** Whether a signature was required and verified. */
    public boolean signed() {
        return signed;
    }

    public Path source() {
        return source;
    }

    @Override
    public String toString() {
        return "Bundle[" + source + ", " + files.size() + " files, " + digest + (signed ? ", signed" : "") + "]";
    }
}
