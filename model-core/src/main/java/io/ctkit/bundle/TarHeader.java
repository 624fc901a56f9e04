package io.ctkit.bundle;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One 512-byte tar header block, decoded: the entry name (with the ustar prefix), type flag
 * and size. Accepts POSIX ustar ({@code "ustar\0" "00"}) and GNU ({@code "ustar  \0"}) headers.
 */
record TarHeader(String name, char type, long size) {

    static final int BLOCK = 512;

    static TarHeader parse(byte[] b, long at, String source) throws BundleException {
        if (!checksumMatches(b)) {
            throw new BundleException(source, "tar header at byte " + at + " has a wrong checksum; the archive is "
                    + "damaged or not a tar file");
        }
        boolean posix = matches(b, 257, "ustar\0") && matches(b, 263, "00");
        boolean gnu = matches(b, 257, "ustar  \0");
        if (!posix && !gnu) {
            throw new BundleException(source, "tar header at byte " + at + " is not a ustar, pax or GNU header "
                    + "(old v7 archives are not supported)");
        }
        String name = text(b, 0, 100, at, source);
        // GNU headers keep access/change times where ustar keeps the prefix.
        String prefix = posix ? text(b, 345, 155, at, source) : "";
        if (!prefix.isEmpty()) {
            name = prefix + "/" + name;
        }
        if ((b[124] & 0x80) != 0) {
            throw new BundleException(source, "tar entry '" + BundlePaths.printable(name) + "' has a base-256 size "
                    + "(8 GiB or more), larger than any bundle file may be");
        }
        long size = octal(b, 124, 12, "size", at, source);
        return new TarHeader(name, (char) (b[156] & 0xff), size);
    }

    static boolean isZero(byte[] block) {
        for (byte x : block) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** What a type flag means, for refusals. */
    static String describe(char type) {
        return switch (type) {
            case '1' -> "a hard link";
            case '2' -> "a symbolic link";
            case '3' -> "a character device";
            case '4' -> "a block device";
            case '6' -> "a FIFO";
            case 'L', 'K' -> "a GNU long-name record (write the tar in ustar or pax format)";
            case 'S' -> "a GNU sparse file";
            default -> "of unknown type '" + (type >= 0x20 && type < 0x7f ? String.valueOf(type)
                    : String.format("\\x%02x", (int) type)) + "'";
        };
    }

    /** The records of a pax extended header: {@code "<length> <key>=<value>\n"} each. */
    static Map<String, String> paxRecords(byte[] data, long at, String source) throws BundleException {
        Map<String, String> records = new HashMap<>();
        int pos = 0;
        while (pos < data.length) {
            int space = pos;
            while (space < data.length && space - pos < 8 && data[space] >= '0' && data[space] <= '9') {
                space++;
            }
            int length = space > pos ? Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII)) : 0;
            if (space == pos || space >= data.length || data[space] != ' ' || length <= space - pos + 1
                    || pos + length > data.length || data[pos + length - 1] != '\n') {
                throw new BundleException(source, "pax header at byte " + at + " has a malformed record at offset " + pos);
            }
            String record = decode(data, space + 1, pos + length - 1 - (space + 1), at, source);
            int equals = record.indexOf('=');
            if (equals <= 0) {
                throw new BundleException(source, "pax header at byte " + at + " has a record without key=value");
            }
            String key = record.substring(0, equals);
            if (records.put(key, record.substring(equals + 1)) != null) {
                throw new BundleException(source, "pax header at byte " + at + " sets '" + key + "' twice");
            }
            pos += length;
        }
        return records;
    }

    private static boolean checksumMatches(byte[] b) {
        long stored;
        try {
            stored = octal(b, 148, 8, "checksum", 0, "");
        } catch (BundleException e) {
            return false;
        }
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int v = i >= 148 && i < 156 ? ' ' : b[i];
            unsigned += v & 0xff;
            signed += v;
        }
        return stored == unsigned || stored == signed;
    }

    /** An octal field: optional leading spaces, digits, then NULs or spaces to the end. */
    private static long octal(byte[] b, int offset, int length, String field, long at, String source)
            throws BundleException {
        int i = offset;
        int end = offset + length;
        while (i < end && b[i] == ' ') {
            i++;
        }
        long value = 0;
        while (i < end && b[i] >= '0' && b[i] <= '7') {
            value = value * 8 + (b[i++] - '0');
        }
        while (i < end && (b[i] == 0 || b[i] == ' ')) {
            i++;
        }
        if (i != end) {
            throw new BundleException(source, "tar header at byte " + at + " has a malformed " + field + " field");
        }
        return value;
    }

    private static String text(byte[] b, int offset, int length, long at, String source) throws BundleException {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return decode(b, offset, end - offset, at, source);
    }

    private static String decode(byte[] b, int offset, int length, long at, String source) throws BundleException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw new BundleException(source, "tar header at byte " + at + " has a name that is not UTF-8");
        }
    }

    private static boolean matches(byte[] b, int offset, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (b[offset + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
