package io.ctkit.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Starts a detached JVM on ctkit's own class path (the serving process, the front proxy): it
 * outlives the deployment, its output is appended to a log, and its stdin is empty.
 */
final class ChildJvm {

    private ChildJvm() {
    }

    static Process start(Path workDir, Path log, List<String> jvmOptions, String mainClass, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass);
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        // for whoever reads the log: which start this is
        java.nio.file.Files.writeString(log, Instant.now() + " started pid " + process.pid() + ": " + mainClass
                + " " + String.join(" ", args) + System.lineSeparator(), java.nio.file.StandardOpenOption.APPEND);
        return process;
    }

    /** The pid in a child's record file ({@code {"pid": N, ...}}), while that process is alive. */
    static Optional<Long> runningPid(Path record) throws IOException {
        if (!java.nio.file.Files.isRegularFile(record)) {
            return Optional.empty();
        }
        long pid = new ObjectMapper().readTree(record.toFile()).path("pid").asLong();
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    }

    /** This JVM's class path with every entry absolute: the child runs in another directory. */
    private static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
