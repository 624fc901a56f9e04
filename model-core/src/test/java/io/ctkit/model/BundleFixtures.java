package io.ctkit.model;

import io.ctkit.npy.Npy;
import io.ctkit.npy.NpyArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Locates the bundles written by fixtures/model/generate.py. */
final class BundleFixtures {

    private BundleFixtures() {
    }

    static Path root() {
        URL url = BundleFixtures.class.getResource("/fixtures/model/bundles");
        if (url == null) {
            throw new IllegalStateException("missing test resource fixtures/model/bundles");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path bundle(String name) {
        return root().resolve(name);
    }

    /** A fixture bundle compiled with {@link Model#of}, reading its files directly (no manifest check). */
    static Model inMemory(String name) {
        Path dir = bundle(name);
        try {
            ModelDefinition definition = ModelDefinition.parse(Files.readAllBytes(dir.resolve("model.json")),
                    "model.json");
            Map<String, NpyArray> arrays = new HashMap<>();
            try (Stream<Path> files = Files.list(dir.resolve("weights"))) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    arrays.put("weights/" + file.getFileName(), Npy.read(file));
                }
            }
            return Model.of(definition, arrays);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
