package io.ctkit.monitor;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads what is new in a prediction-log directory since the cursors were taken: the rotated files
 * ({@code predictions-<UTC time>-<n>.jsonl}, oldest first) and then the live
 * {@code predictions.jsonl}. A file is known by the SHA-256 of its first line, not by its name:
 * rotation renames the live file, and its first line (a record with a process-unique id and a
 * millisecond time) stays the same, so a renamed file continues where the last run stopped.
 */
final class LogReader {

    static final String LIVE = "predictions.jsonl";

    /** Where reading of one file stopped: after {@code lines} complete lines, {@code offset} bytes in. */
    record Cursor(String file, long offset, long lines) {
    }

    /** One complete line and where it was. */
    record Line(Path file, long number, String text) {
    }

    /** What a read found besides lines: a last line still being written (live file only). */
    record Outcome(Map<String, Cursor> cursors, int filesRead, List<String> notes) {
    }

    private LogReader() {
    }

    /** The log files in the order they were written: rotated ones by name, then the live one. */
    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": prediction log directory does not exist; give the --log-dir"
                    + " the scoring server writes to");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("predictions-") && n.endsWith(".jsonl") && Files.isRegularFile(p);
            }).sorted().forEach(files::add);
        }
        Path live = dir.resolve(LIVE);
        if (Files.isRegularFile(live)) {
            files.add(live);
        }
        return files;
    }

    /** Cursors kept at most: the server keeps 10 rotated files by default, so this spans many rotations. */
    static final int MAX_CURSORS = 1000;

    /**
     * Hands every complete line after the cursors to {@code sink} and returns the new cursors. The
     * cursors of files not found this time are kept (the newest {@value #MAX_CURSORS} in all): a
     * live file renamed by rotation while this run lists the directory is read next time under its
     * new name, from where it stopped. A last line without its newline is left for
     * the next run in the live file, where the server may still be writing it; in a rotated file,
     * which is never written again, it is handed on as it is, so that it is reported as truncated.
     */
    static Outcome read(Path dir, Map<String, Cursor> previous, Consumer<Line> sink) throws IOException {
        Map<String, Cursor> cursors = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        int read = 0;
        for (Path file : files(dir)) {
            boolean live = file.getFileName().toString().equals(LIVE);
            String key;
            try {
                key = firstLineKey(file);
            } catch (NoSuchFileException e) {
                continue; // rotated (renamed) or pruned since the listing: read next time under its new name
            }
            if (key == null) {
                continue; // empty, or a first line still being written
            }
            Cursor from = previous.getOrDefault(key, new Cursor(file.getFileName().toString(), 0, 0));
            FileChannel opened;
            try {
                opened = FileChannel.open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                continue;
            }
            try (FileChannel channel = opened) {
                long size = channel.size();
                if (from.offset() > size) {
                    notes.add(file + ": shorter (" + size + " bytes) than when last read (" + from.offset()
                            + "); read again from the start");
                    from = new Cursor(from.file(), 0, 0);
                }
                if (from.offset() < size) {
                    read++;
                }
                channel.position(from.offset());
                InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
                long offset = from.offset();
                long number = from.lines();
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) != -1) {
                    if (b == '\n') {
                        number++;
                        offset += line.size() + 1;
                        sink.accept(new Line(file, number, line.toString(StandardCharsets.UTF_8)));
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
                if (line.size() > 0) {
                    if (live) {
                        notes.add(file + ": line " + (number + 1) + " has no newline yet (still being written);"
                                + " it is read by the next run");
                    } else {
                        number++;
                        offset += line.size();
                        sink.accept(new Line(file, number, line.toString(StandardCharsets.UTF_8)));
                    }
                }
                cursors.put(key, new Cursor(file.getFileName().toString(), offset, number));
            }
        }
        Map<String, Cursor> kept = new LinkedHashMap<>();
        previous.forEach((key, cursor) -> {
            if (!cursors.containsKey(key)) {
                kept.put(key, cursor);
            }
        });
        kept.putAll(cursors);
        while (kept.size() > MAX_CURSORS) {
            kept.remove(kept.keySet().iterator().next());
        }
        return new Outcome(kept, read, notes);
    }

    /** The SHA-256 of the first complete line, or null when there is none yet. */
    static String firstLineKey(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            MessageDigest sha = sha256();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    return HexFormat.of().formatHex(sha.digest());
                }
                sha.update((byte) b);
            }
            return null;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
