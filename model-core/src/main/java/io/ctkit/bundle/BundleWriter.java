package io.ctkit.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds a bundle: add files, optionally sign, then write a directory or a tar. The manifest is
 * canonical, so the same files always give the same {@link Bundle#digest()} and the same tar
 * bytes. Writing is atomic: a crash leaves either no bundle or a complete one.
 */
public final class BundleWriter {

    private final Map<String, byte[]> files = new TreeMap<>();
    private PrivateKey signingKey;

    private BundleWriter() {
    }

    public static BundleWriter create() {
        return new BundleWriter();
    }

    /** Adds a file under a bundle-relative path such as {@code weights/dense_0_W.npy}. */
    public BundleWriter add(String relativePath, byte[] content) throws BundleException {
        BundlePaths.check(relativePath, "bundle");
        if (relativePath.equals(BundlePaths.MANIFEST) || relativePath.equals(BundlePaths.SIGNATURE)) {
            throw new BundleException("bundle: " + relativePath + " is written by the bundle writer itself");
        }
        if (files.putIfAbsent(relativePath, content.clone()) != null) {
            throw new BundleException("bundle: \"" + relativePath + "\" was already added");
        }
        return this;
    }

    /** Adds a file's content under a bundle-relative path. */
    public BundleWriter add(String relativePath, Path file) throws IOException {
        return add(relativePath, Files.readAllBytes(file));
    }

    /** Signs MANIFEST.json with this Ed25519 key (MANIFEST.sig: base64 of the 64-byte signature). */
    public BundleWriter sign(PrivateKey key) {
        this.signingKey = key;
        return this;
    }

    /** The digest the bundle will have. */
    public String digest() {
        return "sha256:" + Manifest.sha256Hex(manifest().toBytes());
    }

    /** Writes the bundle as a new directory; refuses to replace anything. Returns the digest. */
    public String write(Path dir) throws IOException {
        Map<String, byte[]> all = contents();
        Path target = dir.toAbsolutePath();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "a bundle is never written over an existing path");
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
        try {
            for (Map.Entry<String, byte[]> e : all.entrySet()) {
                Path file = tmp.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue());
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            if (e instanceof DirectoryNotEmptyException || e instanceof FileAlreadyExistsException) {
                throw new FileAlreadyExistsException(target.toString(), null, "appeared while the bundle was written");
            }
            throw e;
        }
        return digest();
    }

    /** Writes the bundle as a deterministic ustar file (atomically). Returns the digest. */
    public String writeTar(Path tarFile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Tar.write(contents(), out);
        Path target = tarFile.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, out.toByteArray());
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return digest();
    }

    private Manifest manifest() {
        TreeMap<String, String> digests = new TreeMap<>();
        files.forEach((path, content) -> digests.put(path, Manifest.sha256Hex(content)));
        return new Manifest(digests);
    }

    private Map<String, byte[]> contents() throws BundleException {
        if (!files.containsKey("model.json")) {
            throw new BundleException("bundle: no model.json was added");
        }
        Map<String, byte[]> all = new TreeMap<>(files);
        byte[] manifest = manifest().toBytes();
        all.put(BundlePaths.MANIFEST, manifest);
        if (signingKey != null) {
            try {
                Signature signer = Signature.getInstance("Ed25519");
                signer.initSign(signingKey);
                signer.update(manifest);
                String sig = Base64.getEncoder().encodeToString(signer.sign()) + "\n";
                all.put(BundlePaths.SIGNATURE, sig.getBytes(StandardCharsets.US_ASCII));
            } catch (GeneralSecurityException e) {
                throw new BundleException("bundle: cannot sign with the given key (Ed25519 needed): " + e.getMessage(), e);
            }
        }
        return all;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // best effort: the temporary directory is hidden and named after the target
        }
    }
}
