package io.ctkit.testkit.internal;

import java.nio.charset.StandardCharsets;

/**
 * Attaches evidence (tables, plots, logs) to the current test in Allure when Allure is on the test
 * class path, and does nothing otherwise: Allure is an optional dependency of the kit.
 *
 * <p>Only the static {@code io.qameta.allure.Allure} API is used; it needs no AspectJ agent. The
 * class is looked up once; the calls into it sit in {@link AllureCalls}, which is only loaded when
 * Allure is present, so that a test class path without Allure never links against it.
 */
public final class Evidence {

    private static final boolean PRESENT = present();

    private Evidence() {
    }

    /** True when Allure is on the class path and attachments are recorded. */
    public static boolean recorded() {
        return PRESENT;
    }

    /** A text attachment, e.g. a metrics table ({@code text/plain}, {@code text/csv}, {@code text/html}). */
    public static void text(String name, String mimeType, String extension, String content) {
        bytes(name, mimeType, extension, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A binary attachment, e.g. a PNG plot. */
    public static void bytes(String name, String mimeType, String extension, byte[] content) {
        if (PRESENT) {
            AllureCalls.attach(name, mimeType, extension, content);
        }
    }

    /** A label on the current test (e.g. {@code feature}, {@code tag}). */
    public static void label(String name, String value) {
        if (PRESENT) {
            AllureCalls.label(name, value);
        }
    }

    private static boolean present() {
        try {
            Class.forName("io.qameta.allure.Allure", false, Evidence.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static final class AllureCalls {
        static void attach(String name, String mimeType, String extension, byte[] content) {
            io.qameta.allure.Allure.addAttachment(name, mimeType, new java.io.ByteArrayInputStream(content),
                    extension.startsWith(".") ? extension : "." + extension);
        }

        static void label(String name, String value) {
            io.qameta.allure.Allure.label(name, value);
        }
    }
}
