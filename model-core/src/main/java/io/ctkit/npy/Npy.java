package io.ctkit.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads and writes numpy {@code .npy} files (format versions 1.0, 2.0 and 3.0), strictly.
 *
 * <p>Anything that is not a well-formed file of a supported type is refused with a
 * {@link NpyFormatException} naming the file and the problem; no other exception escapes for
 * bad input, and no allocation is made from a size that was not checked against the file.
 * Object arrays (pickles) are always refused. See {@code docs/npy.md}.
 */
public final class Npy {

    /** Longest header accepted, as numpy's own default {@code max_header_size}. */
    public static final int MAX_HEADER_LENGTH = 10_000;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;

    private Npy() {
    }

    /** Reads a file; error messages start with its path. */
    public static NpyArray read(Path file) throws NpyFormatException, IOException {
        String source = file.toString();
        byte[] bytes;
        try {
            long length = Files.size(file);
            if (length > Integer.MAX_VALUE - 64) {
                throw new NpyFormatException(source, "file of " + length + " bytes is too large to load");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(source, null, "no such .npy file");
        } catch (NpyFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(source + ": cannot read the .npy file: " + e.getMessage(), e);
        }
        return read(bytes, source);
    }

    /**
     * Reads {@code .npy} content from memory.
     *
     * @param sourceName what error messages call the content, e.g. a path inside a bundle
     */
    public static NpyArray read(byte[] bytes, String sourceName) throws NpyFormatException {
        String source = sourceName == null ? "<npy>" : sourceName;
        if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new NpyFormatException(source, "not a .npy file: it does not start with the magic string \\x93NUMPY");
        }
        if (bytes.length < 8) {
            throw new NpyFormatException(source, "file ends inside the version field (" + bytes.length + " bytes)");
        }
        int major = bytes[6] & 0xff;
        int minor = bytes[7] & 0xff;
        if (minor != 0 || major < 1 || major > 3) {
            throw new NpyFormatException(source, "unsupported .npy format version " + major + "." + minor
                    + "; supported: 1.0, 2.0, 3.0");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        if (bytes.length < 8 + lengthBytes) {
            throw new NpyFormatException(source, "file ends inside the header length field (" + bytes.length
                    + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? b.getShort(8) & 0xffffL : b.getInt(8) & 0xffffffffL;
        int headerStart = 8 + lengthBytes;
        if (headerLength > MAX_HEADER_LENGTH) {
            throw new NpyFormatException(source, "header of " + headerLength + " bytes is longer than the "
                    + MAX_HEADER_LENGTH + "-byte limit");
        }
        if (headerStart + headerLength > bytes.length) {
            throw new NpyFormatException(source, "header of " + headerLength + " bytes runs past the end of the file ("
                    + bytes.length + " bytes)");
        }
        int dataStart = headerStart + (int) headerLength;
        String text = decode(bytes, headerStart, (int) headerLength, major, source);
        NpyHeader header = NpyHeader.parse(text, source);
        long expected = (long) NpyArray.checkedSize(header.shape()) * header.dtype().size();
        long actual = bytes.length - dataStart;
        if (actual < expected) {
            throw new NpyFormatException(source, "data is truncated: shape " + shapeText(header.shape()) + " of "
                    + describe(header) + " needs " + expected + " bytes but the file holds " + actual);
        }
        if (actual > expected) {
            long extra = actual - expected;
            throw new NpyFormatException(source, "trailing data: " + extra + (extra == 1 ? " byte" : " bytes")
                    + " after the " + expected + " bytes that shape " + shapeText(header.shape()) + " of "
                    + describe(header) + " needs");
        }
        return new NpyArray(header.dtype(), header.byteOrder(), header.fortranOrder(), header.shape(),
                Arrays.copyOfRange(bytes, dataStart, bytes.length), Arrays.copyOf(bytes, dataStart));
    }

    /**
     * Writes the array atomically: a temporary file in the same directory, forced to disk, then
     * renamed over {@code file} ({@link io.ctkit.files.AtomicFiles}).
     */
    public static void write(Path file, NpyArray array) throws IOException {
        byte[] bytes = toBytes(array);
        io.ctkit.files.AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * The file content for an array. An array read from a file gives back that file's bytes
     * exactly; a new array gives what {@code numpy.save} writes for it (version 1.0, or 2.0
     * when the header does not fit 1.0).
     */
    public static byte[] toBytes(NpyArray array) {
        byte[] prefix = array.originalPrefix();
        if (prefix == null) {
            prefix = header(new NpyHeader(array.dtype(), array.byteOrder(), array.fortranOrder(), array.shape()));
        }
        byte[] data = array.rawData();
        byte[] out = Arrays.copyOf(prefix, prefix.length + data.length);
        System.arraycopy(data, 0, out, prefix.length, data.length);
        return out;
    }

    /** Python's repr of a shape tuple: {@code ()}, {@code (3,)}, {@code (3, 4)}. */
    static String shapeText(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(')').toString();
    }

    private static byte[] header(NpyHeader header) {
        byte[] dict = header.format().getBytes(StandardCharsets.ISO_8859_1);
        // As numpy: version 1.0 unless the padded header length does not fit its 2-byte field.
        int major = 1;
        int prefix = 10;
        int padding = ALIGN - (prefix + dict.length + 1) % ALIGN;
        if (dict.length + padding + 1 > 0xffff) {
            major = 2;
            prefix = 12;
            padding = ALIGN - (prefix + dict.length + 1) % ALIGN;
        }
        int headerLength = dict.length + padding + 1;
        ByteBuffer b = ByteBuffer.allocate(prefix + headerLength).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) headerLength);
        } else {
            b.putInt(headerLength);
        }
        b.put(dict);
        for (int i = 0; i < padding; i++) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        return b.array();
    }

    private static String decode(byte[] bytes, int offset, int length, int major, String source)
            throws NpyFormatException {
        if (major < 3) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new NpyFormatException(source, "version 3.0 header is not valid UTF-8");
        }
    }

    private static String describe(NpyHeader h) {
        return h.dtype().name().toLowerCase(Locale.ROOT);
    }
}
