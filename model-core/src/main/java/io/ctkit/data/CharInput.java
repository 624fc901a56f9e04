package io.ctkit.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * UTF-16 code units for the CSV parser, in blocks, hashing what it reads with SHA-256. Both sources
 * hash UTF-8 bytes: the exact bytes for a stream, the UTF-8 encoding of the characters for
 * a reader (identical when the stream was valid UTF-8).
 */
abstract class CharInput {
    /** Invalid UTF-8 (or an unpaired surrogate from a reader); the parser adds the line. */
    static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    final MessageDigest digest;

    CharInput() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Up to {@code max} (at least 1) code units into {@code dst} from {@code off}: how many, or -1
     * at the end. Invalid input is thrown by the call that would return its first code unit, so
     * that the reader has taken in, and counted the lines of, everything before it.
     */
    abstract int read(char[] dst, int off, int max) throws IOException;

    /** {@code sha256:<hex>} of everything read so far. */
    String fingerprint() throws IOException {
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    static CharInput of(InputStream in) {
        return new Utf8(in);
    }

    static CharInput of(Reader in) {
        return new Chars(in);
    }

    /** A strict UTF-8 decoder: no overlong forms, surrogates or code points above U+10FFFF. */
    private static final class Utf8 extends CharInput {
        private final InputStream in;
        private final BlockHasher hasher = new BlockHasher(digest);
        private byte[] buf = new byte[1 << 16];
        // The buffer to read the next block into: buf itself, or one the hasher is done with.
        private byte[] next = buf;
        private int pos;
        private int len;
        private long offset;
        private int pendingLow = -1;
        private Malformed deferred;

        Utf8(InputStream in) {
            this.in = in;
        }

        @Override
        String fingerprint() throws IOException {
            return hasher.fingerprint();
        }

        /** The next code unit, or -1 at the end. */
        private int read() throws IOException {
            if (pendingLow >= 0) {
                int c = pendingLow;
                pendingLow = -1;
                return c;
            }
            int b0 = nextByte();
            if (b0 < 0x80) {
                return b0; // ASCII or -1
            }
            long at = offset - 1;
            int extra;
            int cp;
            int lowest;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                extra = 1; cp = b0 & 0x1F; lowest = 0x80;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                extra = 2; cp = b0 & 0x0F; lowest = 0x800;
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                extra = 3; cp = b0 & 0x07; lowest = 0x10000;
            } else {
                throw bad(b0, at);
            }
            for (int i = 0; i < extra; i++) {
                int b = nextByte();
                if (b < 0 || (b & 0xC0) != 0x80) {
                    throw bad(b0, at);
                }
                cp = (cp << 6) | (b & 0x3F);
            }
            if (cp < lowest || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw bad(b0, at);
            }
            if (cp >= 0x10000) {
                pendingLow = Character.lowSurrogate(cp);
                return Character.highSurrogate(cp);
            }
            return cp;
        }

        @Override
        int read(char[] dst, int off, int max) throws IOException {
            if (deferred != null) {
                Malformed e = deferred;
                deferred = null;
                throw e;
            }
            int n = 0;
            while (n < max) {
                if (pendingLow < 0 && pos < len) {
                    // ASCII runs, nearly all of a data file, without a call per byte.
                    int end = Math.min(len, pos + max - n);
                    int start = pos;
                    byte[] b = buf;
                    int p = pos;
                    while (p < end && b[p] >= 0) {
                        dst[off + n++] = (char) b[p++];
                    }
                    pos = p;
                    offset += p - start;
                    if (n == max) {
                        break;
                    }
                }
                int c;
                try {
                    c = read();
                } catch (Malformed e) {
                    if (n == 0) {
                        throw e;
                    }
                    deferred = e;
                    break;
                }
                if (c < 0) {
                    break;
                }
                dst[off + n++] = (char) c;
            }
            return n == 0 ? -1 : n;
        }

        private int nextByte() throws IOException {
            if (pos == len) {
                int n = in.read(next, 0, next.length);
                pos = 0;
                if (n <= 0) {
                    len = 0;
                    return -1;
                }
                buf = next;
                len = n;
                next = hasher.hash(buf, n);
            }
            offset++;
            return buf[pos++] & 0xFF;
        }

        private static Malformed bad(int first, long at) {
            return new Malformed(String.format("invalid UTF-8 (sequence starting with byte 0x%02X at"
                    + " byte offset %d); save the file as UTF-8", first, at));
        }
    }

    /** Characters from a reader, hashed as their UTF-8 encoding. */
    private static final class Chars extends CharInput {
        private final Reader in;
        private final char[] buf = new char[1 << 14];
        private final byte[] bytes = new byte[4 * (1 << 14)];
        private int pos;
        private int len;
        private int highSurrogate = -1;

        Chars(Reader in) {
            this.in = in;
        }

        /** The next code unit, or -1 at the end. */
        private int read() throws IOException {
            if (pos == len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    if (highSurrogate >= 0) {
                        throw new Malformed("unpaired UTF-16 surrogate at the end of the input");
                    }
                    return -1;
                }
                hash();
            }
            return buf[pos++];
        }

        @Override
        int read(char[] dst, int off, int max) throws IOException {
            if (pos == len) {
                if (read() < 0) { // refills and hashes the next block
                    return -1;
                }
                pos--;
            }
            int n = Math.min(max, len - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            return n;
        }

        private void hash() throws Malformed {
            int n = 0;
            for (int i = 0; i < len; i++) {
                char c = buf[i];
                if (highSurrogate >= 0) {
                    if (!Character.isLowSurrogate(c)) {
                        throw new Malformed("unpaired UTF-16 surrogate in the input");
                    }
                    int cp = Character.toCodePoint((char) highSurrogate, c);
                    highSurrogate = -1;
                    bytes[n++] = (byte) (0xF0 | cp >> 18);
                    bytes[n++] = (byte) (0x80 | (cp >> 12 & 0x3F));
                    bytes[n++] = (byte) (0x80 | (cp >> 6 & 0x3F));
                    bytes[n++] = (byte) (0x80 | (cp & 0x3F));
                } else if (Character.isHighSurrogate(c)) {
                    highSurrogate = c;
                } else if (Character.isLowSurrogate(c)) {
                    throw new Malformed("unpaired UTF-16 surrogate in the input");
                } else if (c < 0x80) {
                    bytes[n++] = (byte) c;
                } else if (c < 0x800) {
                    bytes[n++] = (byte) (0xC0 | c >> 6);
                    bytes[n++] = (byte) (0x80 | (c & 0x3F));
                } else {
                    bytes[n++] = (byte) (0xE0 | c >> 12);
                    bytes[n++] = (byte) (0x80 | (c >> 6 & 0x3F));
                    bytes[n++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            digest.update(bytes, 0, n);
        }
    }
}
