package io.ctkit.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ctkit} command line: one verb per pipeline step.
 *
 * <p>Exit codes (a contract, see ARCHITECTURE.md): 0 success, 1 a check failed (gate,
 * validation, load SLO), 2 usage or input error. 3 means an internal error: a bug in
 * ctkit, never the user's input.
 */
@Command(
        name = "ctkit",
        mixinStandardHelpOptions = true,
        versionProvider = Ctkit.Version.class,
        description = "CI/CD/CT toolkit for machine-learning models: train, test, register, deploy, retrain.",
        subcommands = CommandLine.HelpCommand.class)
public final class Ctkit implements Runnable {

    /**
     * The verbs, in the order {@code ctkit --help} lists them. A run builds only the verb it runs:
     * picocli reflects over a verb's options and mixins and instantiates it, and for all of them
     * that was most of the CLI's start-up time (about 0.4 s of every command).
     */
    static final List<Class<?>> VERBS = List.of(
            VerifyCommand.class,
            PredictCommand.class,
            EvaluateCommand.class,
            PackageCommand.class,
            GateCommand.class,
            ValidateDataCommand.class,
            RegisterCommand.class,
            ModelsCommand.class,
            RunsCommand.class,
            TrainCommand.class,
            RunCommand.class,
            MonitorCommand.class,
            RetrainCommand.class,
            ScheduleCommand.class,
            TektonCommand.class,
            io.ctkit.serving.ServeCommand.class,
            DeployCommand.class,
            LoopCommand.class);

    /** A check was run and failed: a gate, a validation, a load SLO. */
    public static final int EXIT_CHECK_FAILED = 1;
    /** The command line or an input (file, config, data) was wrong. */
    public static final int EXIT_INPUT_ERROR = 2;
    /** A bug in ctkit. */
    public static final int EXIT_INTERNAL_ERROR = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Held so the level set on it stays. Every Flyway failure reaches ctkit as an exception and is
     * printed as one error line; Flyway's own log lines would only repeat it, or bury it.
     */
    private static final java.util.logging.Logger FLYWAY_LOG =
            java.util.logging.Logger.getLogger(io.ctkit.registry.FlywayLogging.LOGGER);

    public static void main(String[] args) {
        FLYWAY_LOG.setLevel(java.util.logging.Level.OFF);
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = execute(args, out, err);
        // Autoflush covers println only: a verb's last print() would be lost at exit without this.
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the CLI with the given streams and returns the exit code (used by tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(Ctkit::exitCodeOf);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            if (ex instanceof UserException || ex instanceof java.io.IOException
                    || ex instanceof IllegalArgumentException) {
                e.println("error: " + describe(ex));
            } else {
                e.println("internal error (a bug in ctkit, please report it):");
                ex.printStackTrace(e);
            }
            e.flush();
            return exitCodeOf(ex);
        });
        return cli.execute(args);
    }

    /**
     * The command line for {@code args}: with only the verb they name when the first argument is one
     * (its name, not an option), else with every verb (help, usage, version, a mistyped verb's
     * "did you mean").
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new Ctkit());
        String first = args.length > 0 ? args[0] : "";
        boolean named = VERBS.stream().anyMatch(v -> name(v).equals(first));
        for (Class<?> verb : VERBS) {
            if (!named || name(verb).equals(first)) {
                cli.addSubcommand(name(verb), verb);
            }
        }
        return cli;
    }

    private static String name(Class<?> verb) {
        return verb.getAnnotation(Command.class).name();
    }

    /** The message of a user-facing error; file-system errors, whose message is a bare path, get their reason. */
    static String describe(Exception ex) {
        if (ex instanceof java.nio.file.FileSystemException fse) {
            return (fse.getFile() != null ? fse.getFile() + ": " : "") + io.ctkit.files.AtomicFiles.reason(fse)
                    .replace(" (" + fse.getFile() + ")", "");
        }
        return ex.getMessage();
    }

    static int exitCodeOf(Throwable ex) {
        if (ex instanceof CheckFailedException) {
            return EXIT_CHECK_FAILED;
        }
        if (ex instanceof UserException || ex instanceof java.io.IOException
                || ex instanceof IllegalArgumentException
                || ex instanceof CommandLine.ParameterException) {
            return EXIT_INPUT_ERROR;
        }
        return EXIT_INTERNAL_ERROR;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Ctkit.class.getPackage().getImplementationVersion();
            return new String[] {"ctkit " + (v == null ? "(development build)" : v)};
        }
    }
}
