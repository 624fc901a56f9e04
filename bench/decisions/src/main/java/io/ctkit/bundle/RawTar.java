package io.ctkit.bundle;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/** Builds tar archives block by block, including ones no honest writer makes (copied from model-core's tests). */
final class RawTar {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    RawTar file(String name, byte[] content) {
        return entry(name, '0', content, h -> { });
    }

    RawTar directory(String name) {
        return entry(name, '5', new byte[0], h -> { });
    }

    RawTar pax(String... records) {
        return entry("PaxHeader", 'x', records(records), h -> { });
    }

    /** The data of a pax header: {@code "<length> <key>=<value>\n"} per record. */
    static byte[] records(String... records) {
        StringBuilder data = new StringBuilder();
        for (String record : records) {
            String body = " " + record + "\n";
            int length = body.getBytes(UTF_8).length;
            int digits = String.valueOf(length).length();
            length += String.valueOf(length + digits).length();
            data.append(length).append(body);
        }
        return data.toString().getBytes(UTF_8);
    }

    /** An entry whose header {@code tweak} may change before the checksum is computed. */
    RawTar entry(String name, char type, byte[] content, Consumer<byte[]> tweak) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(UTF_8);
        System.arraycopy(n, 0, h, 0, Math.min(100, n.length));
        put(h, 100, "0000644\0");
        put(h, 108, "0000000\0");
        put(h, 116, "0000000\0");
        put(h, 124, String.format("%011o\0", content.length));
        put(h, 136, "00000000000\0");
        h[156] = (byte) type;
        put(h, 257, "ustar\0");
        put(h, 263, "00");
        tweak.accept(h);
        return block(h, content);
    }

    /** Writes a header as given, after filling in its checksum, and the content. */
    RawTar block(byte[] header, byte[] content) {
        put(header, 148, "        ");
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o\0 ", sum));
        out.writeBytes(header);
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        return this;
    }

    RawTar raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** The blocks so far, without an end marker. */
    byte[] bytes() {
        return out.toByteArray();
    }

    byte[] end() {
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    static void put(byte[] h, int offset, String ascii) {
        byte[] b = ascii.getBytes(US_ASCII);
        System.arraycopy(b, 0, h, offset, b.length);
    }
}
