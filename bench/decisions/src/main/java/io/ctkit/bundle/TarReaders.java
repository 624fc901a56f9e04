package io.ctkit.bundle;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens a tar bundle with either reader, then the same manifest verification ({@code Bundle.verify},
 * called reflectively), so an outcome covers the whole of {@code Bundle.open}.
 */
final class TarReaders {

    enum Impl { CURRENT, COMPRESS }

    enum Kind { ACCEPTED, REFUSED, UNEXPECTED }

    /**
     * What opening gave: the bundle digest and file count; or the refusal and its stage in
     * {@code type} ("tar": the reader, "manifest": the verification after it); or an unexpected
     * throwable and its class.
     */
    record Outcome(Kind kind, String detail, String type) {
        static Outcome accepted(Bundle b) {
            return new Outcome(Kind.ACCEPTED, b.digest() + " " + b.files().size() + " files", null);
        }

        /** The message without the leading "path: ". */
        String message(Path tar) {
            return detail == null ? "" : detail.startsWith(tar + ": ") ? detail.substring(tar.toString().length() + 2)
                    : detail;
        }
    }

    private static final Method VERIFY;

    static {
        try {
            VERIFY = Bundle.class.getDeclaredMethod("verify", Path.class, String.class, BundleSource.class,
                    BundleVerification.class);
            VERIFY.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TarReaders() {
    }

    static BundleSource source(Impl impl, Path tar, BundleVerification limits) throws IOException {
        String name = tar.toString();
        return impl == Impl.CURRENT ? TarArchive.read(tar, name, limits) : CompressTarArchive.read(tar, name, limits);
    }

    static Bundle open(Impl impl, Path tar, BundleVerification limits) throws IOException {
        BundleSource content = source(impl, tar, limits);
        try {
            return (Bundle) VERIFY.invoke(null, tar, tar.toString(), content, limits);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) e.getCause();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Never throws: classifies. A BundleException is a refusal; any other throwable is unexpected. */
    static Outcome outcome(Impl impl, Path tar, BundleVerification limits) {
        BundleSource content;
        try {
            content = source(impl, tar, limits);
        } catch (BundleException e) {
            return new Outcome(Kind.REFUSED, e.getMessage(), "tar");
        } catch (Throwable t) {
            return new Outcome(Kind.UNEXPECTED, String.valueOf(t.getMessage()), t.getClass().getName());
        }
        try {
            return Outcome.accepted((Bundle) VERIFY.invoke(null, tar, tar.toString(), content, limits));
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            return t instanceof BundleException ? new Outcome(Kind.REFUSED, t.getMessage(), "manifest")
                    : new Outcome(Kind.UNEXPECTED, String.valueOf(t.getMessage()), t.getClass().getName());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, byte[]> files(Bundle b) throws BundleException {
        Map<String, byte[]> out = new java.util.TreeMap<>();
        for (String f : b.files()) {
            out.put(f, b.bytes(f));
        }
        return out;
    }
}
