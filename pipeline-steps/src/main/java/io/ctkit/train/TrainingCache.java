package io.ctkit.train;

import io.ctkit.files.AtomicFiles;
import io.ctkit.files.FileTrees;
import io.ctkit.provenance.CodeVersion;

import io.ctkit.bundle.Bundle;
import io.ctkit.bundle.BundleException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Trainings already done, by what decides their result (as DVC's run cache): the training data's
 * fingerprint, the hash of the training sections of ctkit.yaml, and the code version. An entry is a
 * directory holding {@code model/} and {@code training.json}; it is used only if its bundle still
 * verifies.
 */
final class TrainingCache {
    private final Path root;

    TrainingCache(Path root) {
        this.root = root;
    }

    static String key(String dataFingerprint, String configHash, CodeVersion code) {
        String material = "data " + dataFingerprint + "\nconfig " + configHash + "\ncode " + code.key() + "\n";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path entry(String key) {
        return root.resolve(key);
    }

    /** The entry for {@code key} when its bundle is present and verifies. */
    Optional<Path> lookup(String key) {
        Path entry = entry(key);
        if (!Files.isRegularFile(entry.resolve(TrainStep.REPORT)) || !Files.isDirectory(entry.resolve(TrainStep.BUNDLE))) {
            return Optional.empty();
        }
        try {
            Bundle.open(entry.resolve(TrainStep.BUNDLE));
            return Optional.of(entry);
        } catch (BundleException e) {
            return Optional.empty(); // a damaged entry is ignored and replaced by a new training
        }
    }

    /** Stores a finished training (its output directory) under {@code key}, replacing an old entry. */
    void store(String key, Path output) throws IOException {
        AtomicFiles.writeDirectory(entry(key), staging -> FileTrees.copy(output, staging));
    }
}
