package io.ctkit.serving;

import picocli.CommandLine;

/**
 * {@code java -jar ctkit-scoring-server.jar --model DIR --port N}: the container's entry point.
 * Exit codes as the CLI's: 0 stopped normally, 2 bad options or no model could be loaded.
 */
public final class ScoringServerMain {

    private ScoringServerMain() {
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ServeCommand());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + ex.getMessage());
            return ex instanceof java.io.IOException || ex instanceof IllegalArgumentException ? 2 : 3;
        });
        int code = cli.execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
