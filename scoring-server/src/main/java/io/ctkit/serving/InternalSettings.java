package io.ctkit.serving;

/**
 * What the command line's {@code --bench-noop} and hidden {@code --test-delay}, and the tests,
 * set: kept out of the public {@link ServerConfig}, which holds only what a user may want.
 *
 * @param benchNoop whether {@code /bench/noop} answers (for benchmarks of the HTTP stack)
 * @param beforeScoring run on a worker thread for every scoring and feedback request after it
 *     took its model version, before its body is decoded; null for none. {@code --test-delay}
 *     sleeps here; in-process tests hold requests in flight with latches.
 */
record InternalSettings(boolean benchNoop, Runnable beforeScoring) {

    static final InternalSettings NONE = new InternalSettings(false, null);
}
