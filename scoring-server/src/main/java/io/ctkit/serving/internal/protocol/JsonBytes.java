package io.ctkit.serving.internal.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.NumberOutput;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON document appended as bytes, for the one response written for every scoring request:
 * it writes exactly what {@link Json#write} with Jackson's generator writes (the same string
 * escaping, the same fast double formatting, null for a non-finite number), without the
 * generator's per-token state checks, which a profile showed as a visible share of a small
 * request's cost. The caller is responsible for the document's structure.
 */
final class JsonBytes {

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

    private byte[] bytes = new byte[256];
    private int length;

    /** Appends ASCII punctuation or a field name that needs no escaping, e.g. {@code ,"data":[}. */
    JsonBytes raw(String ascii) {
        int n = ascii.length();
        room(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    JsonBytes raw(char c) {
        room(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /**
     * Appends a quoted, escaped string. Surrogates (characters outside the BMP) are written as
     * {@code \\uD834\\uDD1E} escapes, as the generator writes them, not as 4-byte UTF-8.
     */
    JsonBytes string(String value) {
        if (plainAscii(value)) {
            // names, versions, prediction ids, output names: nothing to escape, nothing to allocate
            return raw('"').raw(value).raw('"');
        }
        raw('"');
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            if (Character.isSurrogate(value.charAt(i))) {
                quoted(value.substring(from, i));
                raw(String.format(java.util.Locale.ROOT, "\\u%04X", (int) value.charAt(i)));
                from = i + 1;
            }
        }
        quoted(from == 0 ? value : value.substring(from));
        return raw('"');
    }

    /** Printable ASCII without a quote or a backslash: the characters the generator writes as they are. */
    private static boolean plainAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private void quoted(String plain) {
        byte[] quoted = STRINGS.quoteAsUTF8(plain);
        room(quoted.length);
        System.arraycopy(quoted, 0, bytes, length, quoted.length);
        length += quoted.length;
    }

    /** Appends a number as the generator writes it, or null when it is not finite (Json.number). */
    JsonBytes number(double value) {
        return raw(Double.isFinite(value) ? NumberOutput.toString(value, true) : "null");
    }

    JsonBytes number(long value) {
        return raw(Long.toString(value));
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
