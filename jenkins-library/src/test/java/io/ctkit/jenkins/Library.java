package io.ctkit.jenkins;

import java.nio.file.Path;

/** Where the shared library under test is: the repository root, given by the build. */
final class Library {

    private Library() {
    }

    static Path root() {
        String root = System.getProperty("ctkit.library.root");
        return root != null ? Path.of(root).normalize() : Path.of("..").toAbsolutePath().normalize();
    }
}
