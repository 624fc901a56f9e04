package io.ctkit.bundle;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Seeded structure-aware mutations of a tar: byte flips, truncations, header edits, inserted entries. */
final class TarMutator {

    static final String[] NAMES = {"../x.npy", "/etc/passwd", "//model.json", "weights/../../x", "./model.json",
        "model.json", "MANIFEST.json", "weights/", "weights", "x\\y", "n".repeat(100), "a/" + "b".repeat(160), "",
        ".", "./", "weights//x", "weights/./x", "C:x", "con:x", "é/ü.npy", "x\u0000y", "x\ny", "model.json/x",
        "MANIFEST.sig", "weights/dense_0_W.npy", "..", "a".repeat(300)};
    private static final char[] TYPES = {'0', '\0', '1', '2', '3', '4', '5', '6', '7', 'L', 'K', 'x', 'g', 'S', 'V', 'M',
        'N', 'D', 'Z', (char) 0xff};
    private static final String[] SIZES = {"00000000000", "00000000001", "77777777777", "00004000000",
        "10000000000", "0000000000 ", "           ", "-0000000001", "0000000001x", "00000001000"};

    private final Random random;

    TarMutator(long seed) {
        this.random = new Random(seed);
    }

    /** One to three mutations of {@code tar}; {@code log} gets a word for each. */
    byte[] mutate(byte[] tar, List<String> log) {
        byte[] out = tar;
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            int op = random.nextInt(10);
            out = switch (op) {
                case 0 -> flip(out, log);
                case 1 -> truncate(out, log);
                case 2, 3 -> editHeader(out, log);
                case 4 -> insert(out, pax(), log, "pax");
                case 5 -> insert(out, gnuLong(), log, "gnulong");
                case 6 -> duplicate(out, log);
                case 7 -> insert(out, special(), log, "special");
                case 8 -> blocks(out, log);
                default -> appendGarbage(out, log);
            };
        }
        return out;
    }

    private byte[] flip(byte[] tar, List<String> log) {
        byte[] out = tar.clone();
        if (out.length == 0) {
            return out;
        }
        int k = 1 + random.nextInt(8);
        for (int i = 0; i < k; i++) {
            out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        boolean fix = random.nextInt(10) < 7;
        if (fix) {
            for (int h : headers(out)) {
                checksum(out, h);
            }
        }
        log.add("flip" + k + (fix ? "+sum" : ""));
        return out;
    }

    private byte[] truncate(byte[] tar, List<String> log) {
        int at = random.nextBoolean() ? random.nextInt(tar.length + 1)
                : Math.max(0, tar.length - 512 * (1 + random.nextInt(Math.max(1, tar.length / 512))));
        log.add("cut@" + at);
        return Arrays.copyOf(tar, at);
    }

    private byte[] editHeader(byte[] tar, List<String> log) {
        List<Integer> hs = headers(tar);
        if (hs.isEmpty()) {
            return tar;
        }
        byte[] out = tar.clone();
        int h = hs.get(random.nextInt(hs.size()));
        String what;
        switch (random.nextInt(8)) {
            case 0 -> {
                String s = SIZES[random.nextInt(SIZES.length)];
                if (random.nextInt(4) == 0) {
                    Arrays.fill(out, h + 124, h + 136, (byte) 0);
                    out[h + 124] = (byte) 0x80;
                    out[h + 135] = (byte) random.nextInt(256);
                    out[h + 130] = (byte) random.nextInt(256);
                    s = "base256";
                } else {
                    put(out, h + 124, s + "\0");
                }
                what = "size=" + s.trim();
            }
            case 1 -> {
                char t = TYPES[random.nextInt(TYPES.length)];
                out[h + 156] = (byte) t;
                what = "type=" + (int) t;
            }
            case 2 -> {
                Arrays.fill(out, h, h + 100, (byte) 0);
                byte[] name = NAMES[random.nextInt(NAMES.length)].getBytes(StandardCharsets.UTF_8);
                System.arraycopy(name, 0, out, h, Math.min(100, name.length));
                what = "name";
            }
            case 3 -> {
                String[] magics = {"ustar\0" + "00", "ustar  \0", "\0\0\0\0\0\0\0\0", "ustar\0" + "01", "USTAR\0" + "00"};
                put(out, h + 257, magics[random.nextInt(magics.length)]);
                what = "magic";
            }
            case 4 -> {
                Arrays.fill(out, h + 345, h + 500, (byte) 0);
                String name = NAMES[random.nextInt(NAMES.length)];
                put(out, h + 345, name.substring(0, Math.min(150, name.length())));
                what = "prefix";
            }
            case 5 -> {
                String name = NAMES[random.nextInt(NAMES.length)];
                put(out, h + 157, name.substring(0, Math.min(99, name.length())));
                what = "linkname";
            }
            case 6 -> {
                int field = new int[] {100, 108, 116, 136, 329, 337}[random.nextInt(6)];
                for (int i = 0; i < 8; i++) {
                    out[h + field + i] = (byte) random.nextInt(256);
                }
                what = "numeric@" + field;
            }
            default -> {
                put(out, h + 148, "0000000\0");
                what = "checksum";
                log.add(what);
                return out;
            }
        }
        if (random.nextInt(10) < 8) {
            checksum(out, h);
        }
        log.add(what);
        return out;
    }

    private byte[] pax() {
        List<String> records = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            records.add(switch (random.nextInt(12)) {
                case 0, 1 -> "path=" + NAMES[random.nextInt(NAMES.length)];
                case 2 -> "size=" + new String[] {"0", "1", "3", "999999999999", "1000000000000000000", "-1", "12x", "",
                    "00000000000000000000000000001", "9223372036854775807"}[random.nextInt(10)];
                case 3 -> "linkpath=" + NAMES[random.nextInt(NAMES.length)];
                case 4 -> "GNU.sparse.map=0,1,5,2";
                case 5 -> "GNU.sparse.size=" + random.nextInt(1 << 20);
                case 6 -> "mtime=" + new String[] {"1.5", "x", "1" + "0".repeat(40), "-1e9"}[random.nextInt(4)];
                case 7 -> "comment=" + "c".repeat(random.nextBoolean() ? 10 : 70_000);
                case 8 -> "uid=" + new String[] {"0", "abc", "99999999999999999999"}[random.nextInt(3)];
                case 9 -> "GNU.sparse.realsize=" + random.nextInt(1 << 20);
                case 10 -> "SCHILY.filetype=" + new String[] {"sparse", "file", "socket"}[random.nextInt(3)];
                default -> "path=" + NAMES[random.nextInt(NAMES.length)];
            });
        }
        byte[] data = RawTar.records(records.toArray(String[]::new));
        if (random.nextInt(8) == 0) {
            data = ("99999 path=x\n").getBytes(StandardCharsets.US_ASCII); // length beyond the data
        }
        char type = random.nextInt(5) == 0 ? 'g' : 'x';
        return new RawTar().entry("PaxHeader", type, data, h -> { }).bytes();
    }

    private byte[] gnuLong() {
        byte[] name = (NAMES[random.nextInt(NAMES.length)] + "\0").getBytes(StandardCharsets.UTF_8);
        char type = random.nextBoolean() ? 'L' : 'K';
        return new RawTar().entry("././@LongLink", type, name, h -> put(h, 257, "ustar  \0")).bytes();
    }

    private byte[] special() {
        char type = new char[] {'1', '2', '3', '4', '6', 'S', '5', '7'}[random.nextInt(8)];
        String name = NAMES[random.nextInt(NAMES.length)];
        byte[] data = type == '7' || type == 'S' ? new byte[random.nextInt(1000)] : new byte[0];
        return new RawTar().entry(name, type, data, h -> put(h, 157, "model.json")).bytes();
    }

    private byte[] insert(byte[] tar, byte[] entry, List<String> log, String what) {
        List<Integer> hs = headers(tar);
        int at = hs.isEmpty() ? 0 : hs.get(random.nextInt(hs.size()));
        log.add(what + "@" + at);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tar, 0, at);
        out.writeBytes(entry);
        out.write(tar, at, tar.length - at);
        return out.toByteArray();
    }

    private byte[] duplicate(byte[] tar, List<String> log) {
        List<Integer> hs = headers(tar);
        if (hs.size() < 1) {
            return tar;
        }
        int i = random.nextInt(hs.size());
        int start = hs.get(i);
        int end = i + 1 < hs.size() ? hs.get(i + 1) : start + 512;
        return insert(tar, Arrays.copyOfRange(tar, start, Math.min(end, tar.length)), log, "dup" + start);
    }

    private byte[] blocks(byte[] tar, List<String> log) {
        int blocks = tar.length / 512;
        if (blocks == 0) {
            return tar;
        }
        int at = random.nextInt(blocks) * 512;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tar, 0, at);
        if (random.nextBoolean()) {
            log.add("dropblock@" + at);
            out.write(tar, at + 512, tar.length - at - 512);
        } else {
            byte[] block = new byte[512];
            if (random.nextBoolean()) {
                random.nextBytes(block);
            }
            log.add("addblock@" + at);
            out.writeBytes(block);
            out.write(tar, at, tar.length - at);
        }
        return out.toByteArray();
    }

    private byte[] appendGarbage(byte[] tar, List<String> log) {
        byte[] extra = new byte[1 + random.nextInt(2000)];
        random.nextBytes(extra);
        log.add("append" + extra.length);
        byte[] out = Arrays.copyOf(tar, tar.length + extra.length);
        System.arraycopy(extra, 0, out, tar.length, extra.length);
        return out;
    }

    /** Offsets of the header blocks, walking sizes as a tolerant reader would. */
    static List<Integer> headers(byte[] tar) {
        List<Integer> hs = new ArrayList<>();
        int o = 0;
        while (o + 512 <= tar.length && hs.size() < 20_000) {
            boolean zero = true;
            for (int i = o; i < o + 512 && zero; i++) {
                zero = tar[i] == 0;
            }
            if (zero) {
                break;
            }
            hs.add(o);
            long size = 0;
            for (int i = o + 124; i < o + 136 && tar[i] >= '0' && tar[i] <= '7'; i++) {
                size = size * 8 + tar[i] - '0';
            }
            long next = o + 512 + (size + 511) / 512 * 512;
            if (next > tar.length || next <= o) {
                break;
            }
            o = (int) next;
        }
        return hs;
    }

    static void checksum(byte[] tar, int h) {
        if (h + 512 > tar.length) {
            return;
        }
        put(tar, h + 148, "        ");
        int sum = 0;
        for (int i = h; i < h + 512; i++) {
            sum += tar[i] & 0xff;
        }
        put(tar, h + 148, String.format("%06o\0 ", sum));
    }

    private static void put(byte[] b, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, b, offset, Math.min(bytes.length, b.length - offset));
    }
}
