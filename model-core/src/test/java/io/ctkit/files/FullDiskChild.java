package io.ctkit.files;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Run by {@link AtomicFilesTest} in a JVM whose file size is limited ({@code ulimit -f}), where
 * writing past the limit fails as a full disk does: writes 1 MB to the file given, through a
 * writer of the kind named, and prints what {@link AtomicFiles#write(Path, AtomicFiles.Content)}
 * threw, with the messages of what it suppressed (or "written").
 */
public final class FullDiskChild {

    private FullDiskChild() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        byte[] chunk = new byte[8192];
        AtomicFiles.Content content = switch (args[1]) {
            case "plain" -> out -> {
                for (int i = 0; i < 128; i++) {
                    out.write(chunk);
                }
            };
            case "swallows" -> out -> { // a PrintStream never throws; it sets checkError()
                PrintStream print = new PrintStream(out);
                for (int i = 0; i < 128; i++) {
                    print.write(chunk, 0, chunk.length);
                }
                print.flush();
            };
            case "wraps" -> out -> {
                try {
                    for (int i = 0; i < 128; i++) {
                        out.write(chunk);
                    }
                } catch (IOException e) {
                    throw new IOException("export failed", e);
                }
            };
            default -> throw new IllegalArgumentException(args[1]);
        };
        try {
            AtomicFiles.write(file, content);
            System.out.println("written");
        } catch (IOException e) {
            StringBuilder said = new StringBuilder(e.getMessage());
            for (Throwable suppressed : e.getSuppressed()) {
                said.append(" [suppressed: ").append(suppressed.getMessage()).append(']');
            }
            System.out.println(said);
        }
    }
}
