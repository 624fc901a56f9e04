package io.ctkit.provenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The version of the code that trains: the git commit of the repository holding the project
 * (with "-dirty" when tracked files differ from it), else ctkit's own version. Untracked files
 * (such as ctkit's own {@code .ctkit/} outputs) do not make a tree dirty.
 *
 * @param gitCommit the commit, or {@code null} outside a git repository or without git
 * @param dirty whether tracked files have uncommitted changes
 * @param ctkit ctkit's version
 */
public record CodeVersion(String gitCommit, boolean dirty, String ctkit) {

    /** The key used in the training cache: what has to be equal for a reuse. */
    public String key() {
        return gitCommit == null ? "ctkit " + ctkit : gitCommit + (dirty ? "-dirty" : "") + " ctkit " + ctkit;
    }

    public static CodeVersion of(Path projectDir) {
        String ctkit = ctkitVersion();
        String commit = git(projectDir, "rev-parse", "HEAD");
        if (commit == null || !commit.matches("[0-9a-f]{40}")) {
            return new CodeVersion(null, false, ctkit);
        }
        String status = git(projectDir, "status", "--porcelain", "--untracked-files=no");
        return new CodeVersion(commit, status != null && !status.isEmpty(), ctkit);
    }

    public static String ctkitVersion() {
        String v = CodeVersion.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    private static String git(Path dir, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = dir.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null; // no git on this machine: the version falls back to ctkit's
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
