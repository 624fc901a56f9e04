package io.ctkit.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
     * The verbs by name, in the order {@code ctkit --help} lists them, each with its command
     * class. A run builds only the verb it runs: picocli reflects over a verb's options and mixins
     * and instantiates it, and for all of them that was most of the CLI's start-up time (about
     * 0.4 s of every command). The classes are named rather than referenced, so that a run does
     * not even load the other verbs and read their annotations ({@code CtkitTest} checks every
     * name against its class's {@code @Command}).
     */
    static final Map<String, String> VERBS = verbs(
            "verify", "io.ctkit.cli.VerifyCommand",
            "predict", "io.ctkit.cli.PredictCommand",
            "evaluate", "io.ctkit.cli.EvaluateCommand",
            "package", "io.ctkit.cli.PackageCommand",
            "gate", "io.ctkit.cli.GateCommand",
            "validate-data", "io.ctkit.cli.ValidateDataCommand",
            "register", "io.ctkit.cli.RegisterCommand",
            "models", "io.ctkit.cli.ModelsCommand",
            "runs", "io.ctkit.cli.RunsCommand",
            "train", "io.ctkit.cli.TrainCommand",
            "run", "io.ctkit.cli.RunCommand",
            "monitor", "io.ctkit.cli.MonitorCommand",
            "retrain", "io.ctkit.cli.RetrainCommand",
            "schedule", "io.ctkit.cli.ScheduleCommand",
            "tekton", "io.ctkit.cli.TektonCommand",
            "serve", "io.ctkit.serving.ServeCommand",
            "deploy", "io.ctkit.cli.DeployCommand",
            "loop", "io.ctkit.cli.LoopCommand");

    /** A check was run and failed: a gate, a validation, a load SLO. */
    public static final int EXIT_CHECK_FAILED = 1;
    /** The command line or an input (file, config, data) was wrong. */
    public static final int EXIT_INPUT_ERROR = 2;
    /** A bug in ctkit. */
    public static final int EXIT_INTERNAL_ERROR = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Every Flyway failure reaches ctkit as an exception and is printed as one error line;
        // Flyway's own log lines would only repeat it, or bury it. Set for the registry to apply
        // when one is opened: touching the logger here would start java.util.logging (about
        // 50 ms) in every command, most of which open no registry.
        if (System.getProperty(io.ctkit.registry.FlywayLogging.LEVEL_PROPERTY) == null) {
            System.setProperty(io.ctkit.registry.FlywayLogging.LEVEL_PROPERTY, "OFF");
        }
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
        boolean named = VERBS.containsKey(first);
        VERBS.forEach((name, className) -> {
            if (!named || name.equals(first)) {
                cli.addSubcommand(name, verbClass(className));
            }
        });
        return cli;
    }

    /** The command class of a verb. */
    static Class<?> verbClass(String className) {
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a verb's command class is missing from the CLI: " + className, e);
        }
    }

    private static Map<String, String> verbs(String... nameThenClass) {
        Map<String, String> verbs = new LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) {
            verbs.put(nameThenClass[i], nameThenClass[i + 1]);
        }
        return Collections.unmodifiableMap(verbs);
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
