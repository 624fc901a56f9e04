package io.ctkit.model;

import io.ctkit.npy.NpyArray;
import java.io.IOException;

/** Where a model's arrays come from: a verified bundle or an in-memory map. */
@FunctionalInterface
interface ArraySource {

    /** The array stored at {@code path}, or {@code null} if there is no such file. */
    NpyArray array(String path) throws IOException;
}
