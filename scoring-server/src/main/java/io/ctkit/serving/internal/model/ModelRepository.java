package io.ctkit.serving.internal.model;

import io.ctkit.bundle.Bundle;
import io.ctkit.bundle.BundleVerification;
import io.ctkit.model.Model;
import io.ctkit.serving.internal.ServerLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The model directory: a single bundle (served as version {@code 1}), or, like TensorFlow
 * Serving, a base directory of versions {@code BASE/<n>/} (n a positive integer). The newest
 * version that loads and verifies is served. A new version is loaded and compiled completely
 * before one atomic switch; a version that fails is remembered (with a fingerprint of its files)
 * and not retried until its files change, and the version being served stays.
 */
public final class ModelRepository {

    /** Told about loads, for metrics. */
    public interface Listener {
        void loaded(ServedModel model, ServedModel previous);

        void failed(String version, String reason);
    }

    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

    private final Path base;
    private final String nameOverride;
    private final BundleVerification verification;
    private final ServerLog log;
    private final Listener listener;
    private final boolean versioned;
    private final AtomicReference<ServedModel> current = new AtomicReference<>();
    private final Map<String, String> failed = new HashMap<>();
    private final Map<String, String> reasons = new HashMap<>();

    /**
     * Loads the newest valid version.
     *
     * @throws IOException if the directory is missing, has no version, or no version loads
     */
    public ModelRepository(Path base, String nameOverride, BundleVerification verification, ServerLog log,
            Listener listener) throws IOException {
        this.base = base;
        this.nameOverride = nameOverride;
        this.verification = verification;
        this.log = log;
        this.listener = listener;
        if (!Files.exists(base)) {
            throw new IOException(base + ": no such model directory (--model / CTKIT_MODEL_DIR)");
        }
        this.versioned = Files.isDirectory(base) && !Files.exists(base.resolve("model.json"));
        if (versioned && versions().isEmpty()) {
            throw new IOException(base + ": neither a model bundle (no model.json) nor a directory of versions"
                    + " (no subdirectory named by a positive integer, e.g. " + base.resolve("1") + ")");
        }
        synchronized (this) {
            poll();
        }
        if (current.get() == null) {
            throw new IOException(base + ": no version could be loaded: " + String.join("; ", failures()));
        }
    }

    /** The version being served; never null after construction. */
    public ServedModel current() {
        return current.get();
    }

    public boolean versioned() {
        return versioned;
    }

    /** Looks for a newer version (or, if the served one was removed, the best remaining one) and switches to it. */
    public synchronized void poll() {
        if (!versioned) {
            if (current.get() == null) {
                tryLoad("1", base);
            }
            return;
        }
        ServedModel serving = current.get();
        for (Map.Entry<Long, Path> version : versions()) {
            String name = Long.toString(version.getKey());
            if (serving != null && serving.version().equals(name)) {
                return;
            }
            String fingerprint = fingerprint(version.getValue());
            if (fingerprint.equals(failed.get(name))) {
                continue;
            }
            if (tryLoad(name, version.getValue())) {
                return;
            }
            failed.put(name, fingerprint);
        }
    }

    private boolean tryLoad(String version, Path dir) {
        long start = System.nanoTime();
        try {
            Bundle bundle = Bundle.open(dir, verification);
            Model model = Model.from(bundle);
            ServedModel loaded = new ServedModel(nameOverride != null ? nameOverride : model.name(), version, model,
                    bundle.digest(), dir, Instant.now());
            ServedModel previous = current.getAndSet(loaded);
            failed.remove(version);
            log.info("serving model " + loaded.name() + " version " + version + " (" + model.task().jsonName()
                    + ", bundle " + bundle.digest() + ") loaded in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms from " + dir
                    + (previous == null ? "" : "; replaced version " + previous.version()));
            listener.loaded(loaded, previous);
            return true;
        } catch (IOException | RuntimeException e) {
            ServedModel serving = current.get();
            String reason = e.getMessage();
            reasons.put(version, reason);
            log.error("model version " + version + " in " + dir + " failed to load: " + reason
                    + (serving == null ? "" : "; still serving version " + serving.version()));
            listener.failed(version, reason);
            return false;
        }
    }

    private List<String> failures() {
        java.util.Set<String> versions = new java.util.TreeSet<>(failed.keySet());
        versions.addAll(reasons.keySet());
        return versions.stream().map(v -> (versioned ? "version " + v + ": " : "") + reasons.getOrDefault(v, "failed")).toList();
    }

    /** Version directories, newest first. */
    private List<Map.Entry<Long, Path>> versions() {
        List<Map.Entry<Long, Path>> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(base)) {
            entries.forEach(p -> {
                String name = p.getFileName().toString();
                if (VERSION.matcher(name).matches() && Files.isDirectory(p)) {
                    out.add(Map.entry(Long.parseLong(name), p));
                }
            });
        } catch (IOException e) {
            log.error("cannot list model directory " + base + ": " + e.getMessage());
        }
        out.sort(Comparator.comparing((Map.Entry<Long, Path> v) -> v.getKey()).reversed());
        return out;
    }

    private static String fingerprint(Path dir) {
        StringBuilder s = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> {
                try {
                    s.append(dir.relativize(f)).append(':').append(Files.size(f)).append(':')
                            .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
                } catch (IOException e) {
                    s.append(f).append(":?\n");
                }
            });
        } catch (IOException e) {
            s.append("unlistable");
        }
        return s.toString();
    }
}
