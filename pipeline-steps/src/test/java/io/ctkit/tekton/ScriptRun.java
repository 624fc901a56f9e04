package io.ctkit.tekton;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Task script run here by /bin/sh, its output (stdout and stderr) in a file, so that the wait for
 * it has a deadline: a script still running after {@code seconds} is killed and fails the test.
 */
record ScriptRun(int exitCode, String output) {

    static ScriptRun of(ProcessBuilder shell, Path log, long seconds) throws IOException, InterruptedException {
        Process p = shell.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        boolean ended = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as("the script ends within %d s; its output: %s", seconds, output).isTrue();
        return new ScriptRun(p.exitValue(), output);
    }
}
