package io.ctkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/guide.md cannot go stale: every fenced {@code bash} block runs, in order, in one
 * {@code bash -euo pipefail} shell in an empty directory, with {@code ctkit} on the PATH (a
 * launcher for the shaded CLI jar this build packaged, as {@code bin/ctkit} runs it),
 * {@code CTKIT_HOME} the repository and {@code PORT} a free port. The guide's own commands start
 * {@code ctkit serve} in the background and call it with curl.
 */
class GuideIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path GUIDE = ROOT.resolve("docs/guide.md");
    static final Pattern FENCE = Pattern.compile("(?m)^```(\\w*)\\n(.*?)^```$", Pattern.DOTALL);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void everyBashBlockOfTheGuideRunsInOrderAndDoesWhatTheGuideSays() throws Exception {
        List<String> blocks = bashBlocks(Files.readString(GUIDE, StandardCharsets.UTF_8));
        assertThat(blocks).as("bash blocks of %s", GUIDE).hasSizeGreaterThanOrEqualTo(10);
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < blocks.size(); i++) {
            script.append(blocks.get(i)).append("echo '@@ block ").append(i + 1).append(" done'\n");
        }
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path ctkit = bin.resolve("ctkit");
        Files.writeString(ctkit, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -jar '" + ROOT.resolve("pipeline-steps/target/ctkit-cli.jar") + "' \"$@\"\n");
        assertThat(ctkit.toFile().setExecutable(true)).isTrue();
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(tmp.resolve("guide.sh"), script);

        Path log = tmp.resolve("guide.log");
        ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", tmp.resolve("guide.sh").toString())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("CTKIT_HOME", ROOT.toString());
        pb.environment().put("PORT", Integer.toString(freePort()));
        pb.environment().remove("CTKIT_REGISTRY");
        Process p = pb.start();
        String out;
        try {
            if (!p.waitFor(7, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("the guide's commands did not finish in 7 minutes:\n" + Files.readString(log));
            }
            out = Files.readString(log, StandardCharsets.UTF_8);
        } finally {
            stopServer(work.resolve("serve.pid"));
        }

        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as(out).contains("@@ block " + blocks.size() + " done")
                .contains("[6/6] register passed", "production -> version 1")
                .contains("exported my-model:1", "holdout accuracy", "wrote keras-model (3 files)",
                        "verified keras-model: my-model (binary-classification)", "gate passed",
                        "registered my-model:2");
        JsonNode v2 = JSON.readTree(work.resolve("v2.json").toFile());
        assertThat(v2.findValue("outputs").findValues("name")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("probabilities", "label");
        JsonNode v1 = JSON.readTree(work.resolve("v1.json").toFile());
        assertThat(v1.get("predictions")).hasSize(2);
        // a short-tenure customer with many support calls churns, a long-standing quiet one stays
        assertThat(v1.get("predictions").findValues("label")).extracting(JsonNode::asText).containsExactly("yes", "no");
        assertThat(JSON.readTree(work.resolve("keras-gate.json").toFile()).get("passed").asBoolean()).isTrue();
    }

    /** The bodies of the fenced blocks whose info string is exactly {@code bash}. */
    static List<String> bashBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(markdown);
        while (m.find()) {
            if (m.group(1).equals("bash")) {
                blocks.add(m.group(2));
            }
        }
        return blocks;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The guide stops its server itself; this is for a run that failed before it got there. */
    private static void stopServer(Path pidFile) throws IOException {
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(h -> {
                h.destroy();
                h.onExit().orTimeout(20, TimeUnit.SECONDS).exceptionally(e -> {
                    h.destroyForcibly();
                    return h;
                }).join();
            });
        }
    }
}
