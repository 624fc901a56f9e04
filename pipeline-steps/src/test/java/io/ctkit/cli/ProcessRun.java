package io.ctkit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command run to its end or to its deadline: its exit code (-1 when it timed out or did not
 * start) and its output, stdout and stderr together.
 */
record ProcessRun(int code, String output) {

    /** Output goes to a file, not a pipe, so that a command that hangs still meets the deadline. */
    static ProcessRun of(List<String> command, int timeoutSeconds) {
        Path output = null;
        Process p = null;
        try {
            output = Files.createTempFile("ctkit-cli-image-", ".log");
            p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                return new ProcessRun(-1, "timed out after " + timeoutSeconds + " s: " + command + "\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new ProcessRun(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new ProcessRun(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProcessRun(-1, e.toString());
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}
