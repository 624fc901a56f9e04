/**
 * A strict, safe reader and writer for numpy {@code .npy} files (format versions 1.0 to 3.0;
 * float32, float64, int32, int64 in either byte order; C and Fortran order). See
 * {@code docs/npy.md}.
 */
package io.ctkit.npy;
