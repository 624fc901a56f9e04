package io.ctkit.bundle;

import java.io.IOException;
import java.util.SortedMap;

/** The regular files of a bundle directory or tar, before any of them is trusted. */
interface BundleSource {

    /** Every regular file by bundle-relative path, with its size; MANIFEST.* included. */
    SortedMap<String, Long> files();

    /**
     * The content of one file of {@link #files()}; refused if it is larger than {@code maxBytes}
     * (which a file that grew since it was listed can be).
     */
    byte[] read(String path, long maxBytes) throws IOException;
}
