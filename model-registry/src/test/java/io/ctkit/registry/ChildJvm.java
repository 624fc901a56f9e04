package io.ctkit.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A running {@link RegistrationChild} and the lines it printed so far. Closing it kills the
 * child if it still runs, so that a failed assertion does not leave a JVM registering forever.
 */
final class ChildJvm implements AutoCloseable {

    /** How long a killed child may take to end and to flush what it printed. */
    private static final Duration KILL_DEADLINE = Duration.ofSeconds(30);

    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();
    final CountDownLatch ready = new CountDownLatch(1);
    private final Thread reader;

    private ChildJvm(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "child-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(Path registryDir, Path work, int count, int seed) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), RegistrationChild.class.getName(),
                registryDir.toString(), work.toString(), Integer.toString(count), Integer.toString(seed));
        pb.redirectErrorStream(true);
        return new ChildJvm(pb.start());
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
                if (line.equals("ready")) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // The child was killed mid-line; what was read stays.
        }
    }

    /**
     * Waits for the process and its output to end; fails, after killing the child, if it has
     * not ended within {@code deadline}.
     */
    void awaitEnd(Duration deadline) throws InterruptedException {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError("child " + process.pid() + " still ran after " + deadline + "; it was killed."
                    + " Output: " + lines);
        }
        reader.join(KILL_DEADLINE.toMillis());
        if (reader.isAlive()) {
            throw new AssertionError("the output of child " + process.pid() + " was still open " + KILL_DEADLINE
                    + " after it ended. Output so far: " + lines);
        }
    }

    List<String> acks() {
        return lines.stream().filter(l -> l.startsWith("ack ")).toList();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                // SIGKILL is sent; the interrupted caller stops waiting for it to land.
                Thread.currentThread().interrupt();
            }
        }
    }

    private void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(KILL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child " + process.pid() + " survived SIGKILL for " + KILL_DEADLINE);
        }
    }
}
