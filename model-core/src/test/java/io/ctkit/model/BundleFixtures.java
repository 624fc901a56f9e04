package io.ctkit.model;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

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
}
