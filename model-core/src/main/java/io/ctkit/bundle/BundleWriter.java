package io.ctkit.bundle;

import io.ctkit.files.AtomicFiles;
import io.ctkit.files.FileTrees;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PrivateKey;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a model bundle: the added files, a canonical MANIFEST.json listing their SHA-256
 * digests and, when {@link #sign signed}, MANIFEST.sig. The same contents always give the same
 * manifest, so the same digest, and the same tar bytes.
 *
 * <pre>{@code
 * String digest = BundleWriter.create()
 *         .add("model.json", modelJson)
 *         .add("weights/dense_0_W.npy", Path.of("out/W.npy"))
 *         .sign(privateKey)
 *         .write(Path.of("bundle"));
 * }</pre>
 *
 * <p>Not thread-safe; one writer builds one bundle. Content is copied when added.
 */
public final class BundleWriter {

    private final SortedMap<String, byte[]> files = new TreeMap<>(BundlePaths.ORDER);
    private PrivateKey key;

    private BundleWriter() {
    }

    public static BundleWriter create() {
        return new BundleWriter();
    }

    /**
     * Adds a file.
     *
     * @throws IllegalArgumentException for a path that is not a valid bundle path (relative,
     *     '/'-separated, no '.' or '..' segments, see the docs), MANIFEST.json or MANIFEST.sig, or a
     *     path added before
     */
    public BundleWriter add(String relativePath, byte[] content) {
        Objects.requireNonNull(content, "content");
        String problem = BundlePaths.problem(Objects.requireNonNull(relativePath, "relativePath"));
        if (problem != null) {
            throw new IllegalArgumentException("bundle path '" + BundlePaths.printable(relativePath) + "': " + problem);
        }
        if (BundlePaths.isManifestFile(relativePath)) {
            throw new IllegalArgumentException(relativePath + " is written by BundleWriter itself; it cannot be added");
        }
        if (files.containsKey(relativePath)) {
            throw new IllegalArgumentException("bundle path '" + relativePath + "' was already added");
        }
        files.put(relativePath, content.clone());
        return this;
    }

    /** Adds a file with the current content of {@code file} (read now). */
    public BundleWriter add(String relativePath, Path file) throws IOException {
        return add(relativePath, Files.readAllBytes(file));
    }

    /** Signs the manifest with this Ed25519 private key when writing (MANIFEST.sig). */
    public BundleWriter sign(PrivateKey privateKey) {
        ManifestSignature.requireEd25519(privateKey);
        this.key = privateKey;
        return this;
    }

    /**
     * Writes the bundle as a new directory. It is assembled in a hidden sibling directory and
     * renamed into place, so a crash never leaves a partial bundle at {@code dir}.
     *
     * @return the bundle digest, {@code "sha256:<hex>"}, as {@link Bundle#digest()} reports it
     * @throws BundleException when {@code dir} exists and is not an empty directory, or the
     *     files cannot form a bundle (no model.json, conflicting paths)
     */
    public String write(Path dir) throws IOException {
        SortedMap<String, byte[]> all = complete(dir);
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !FileTrees.isEmptyDirectory(target)) {
            throw new BundleException(dir.toString(), "already exists and is not an empty directory; "
                    + "refusing to overwrite it");
        }
        AtomicFiles.writeDirectory(target, staging -> {
            for (Map.Entry<String, byte[]> e : all.entrySet()) {
                Path file = staging.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue(), StandardOpenOption.CREATE_NEW);
            }
        });
        return digest(all);
    }

    /**
     * Writes the bundle as a deterministic ustar archive with the files at its root (see the
     * docs), through a temporary sibling file renamed into place.
     *
     * @return the bundle digest
     * @throws BundleException when {@code tarFile} exists or the files cannot form a bundle
     */
    public String writeTar(Path tarFile) throws IOException {
        SortedMap<String, byte[]> all = complete(tarFile);
        Path target = tarFile.toAbsolutePath().normalize();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new BundleException(tarFile.toString(), "already exists; refusing to overwrite it");
        }
        AtomicFiles.write(target, out -> {
            BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
            TarWriter.write(all, buffered, tarFile.toString());
            buffered.flush();
        });
        return digest(all);
    }

    /** Every file of the bundle, MANIFEST.json and MANIFEST.sig included. */
    private SortedMap<String, byte[]> complete(Path target) throws BundleException {
        if (!files.containsKey(BundlePaths.MODEL)) {
            throw new BundleException(target.toString(), "a bundle needs model.json; add it before writing");
        }
        String conflict = BundlePaths.conflict(files.keySet());
        if (conflict != null) {
            throw new BundleException(target.toString(), "the added files cannot coexist: " + conflict);
        }
        SortedMap<String, String> digests = new TreeMap<>(BundlePaths.ORDER);
        files.forEach((path, content) -> digests.put(path, Manifest.sha256Hex(content)));
        byte[] manifest = new Manifest(digests).canonicalBytes();
        SortedMap<String, byte[]> all = new TreeMap<>(files);
        all.put(BundlePaths.MANIFEST, manifest);
        if (key != null) {
            all.put(BundlePaths.SIGNATURE, ManifestSignature.sign(manifest, key));
        }
        return all;
    }

    private static String digest(SortedMap<String, byte[]> all) {
        return "sha256:" + Manifest.sha256Hex(all.get(BundlePaths.MANIFEST));
    }
}
