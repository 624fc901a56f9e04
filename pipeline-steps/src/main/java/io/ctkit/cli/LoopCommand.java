package io.ctkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.files.FileTrees;
import io.ctkit.project.FeatureSpec;
import io.ctkit.project.PipelineFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ctkit loop}: the continuous-training cycle on one machine, scripted from the other verbs
 * (run, deploy, monitor --retrain, models history) on a working copy of a project.
 */
@Command(
        name = "loop",
        header = "Show the whole cycle on one machine: train, deploy, serve, decay, monitor, retrain, swap.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Copies PROJECT (without .ctkit and target) to the working directory and, there: runs the pipeline "
                    + "(trigger manual) and deploys the production version locally; sends the holdout's last days as "
                    + "traffic with their true labels as feedback, then the first --new-days of the generator's "
                    + "drifted recent.csv, so the model decays; runs ctkit monitor --retrain on the log, which "
                    + "retrains (trigger model-decay) with those days appended to the training data and the next "
                    + "--holdout-days as the holdout (this is how new data arrives: files in the working copy); "
                    + "deploys the new production version while traffic keeps flowing; prints models history.",
            "",
            "The project's generator must write recent.csv beside the training file (data.generate, e.g. "
                    + "examples/marketing-forecast). The server is stopped at the end.",
            "",
            "Exit 0 when the cycle completed with a new version serving and no failed request, 1 when a step's "
                    + "check failed (the step is named), 2 for bad input."
        })
final class LoopCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "Project directory or its ctkit.yaml.")
    Path project;

    @Option(names = "--work", paramLabel = "DIR", description = "Working copy (default: PROJECT/.ctkit/loop, emptied first; a given DIR must be new or empty).")
    Path work;

    @Option(names = "--port", paramLabel = "PORT", description = "Port of the local server (default: a free one).")
    Integer port;

    @Option(names = "--healthy-days", defaultValue = "30", paramLabel = "N", description = "Last days of the holdout sent first (default: ${DEFAULT-VALUE}).")
    int healthyDays;

    @Option(names = "--new-days", defaultValue = "120", paramLabel = "N", description = "Drifted days sent, then appended to the training data (default: ${DEFAULT-VALUE}).")
    int newDays;

    @Option(names = "--holdout-days", defaultValue = "60", paramLabel = "N", description = "The drifted days after those, the retraining's holdout (default: ${DEFAULT-VALUE}).")
    int holdoutDays;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        out = spec.commandLine().getOut();
        for (var n : List.of(java.util.Map.entry("--healthy-days", healthyDays), java.util.Map.entry("--new-days", newDays),
                java.util.Map.entry("--holdout-days", holdoutDays))) {
            if (n.getValue() < 1) {
                throw new UserException(n.getKey() + " " + n.getValue() + ": must be at least 1");
            }
        }
        PipelineFile source = PipelineFile.load(project);
        Path copy = workingCopy(source.projectDir());
        int serverPort = port != null ? port : freePort();
        addDeploySection(copy.resolve(PipelineFile.FILE_NAME), serverPort);
        String model = source.name();
        Path deployDir = copy.resolve(".ctkit/deploy/local").resolve(model);
        try {
            phase("1/6 run the pipeline (trigger manual)");
            verb("run", "run", copy.toString());
            PipelineFile pipeline = PipelineFile.load(copy);
            Path train = pipeline.data().train();
            Path recent = train.resolveSibling("recent.csv");
            if (!Files.isRegularFile(recent)) {
                throw new UserException(source.file() + ": data.generate wrote no recent.csv beside " + train.getFileName()
                        + "; the loop needs the generator's drifted days (e.g. the marketing-forecast generator)");
            }
            List<String> inputs = pipeline.features().stream().map(FeatureSpec::name).toList();
            String label = pipeline.data().label();
            List<LoopTraffic.Day> holdout = LoopTraffic.days(pipeline.data().holdout());
            List<LoopTraffic.Day> drifted = LoopTraffic.days(recent);
            if (drifted.size() < newDays + holdoutDays) {
                throw new UserException("--new-days " + newDays + " + --holdout-days " + holdoutDays + ": " + recent
                        + " has only " + drifted.size() + " days");
            }

            phase("2/6 deploy " + model + "@production locally (port " + serverPort + ")");
            verb("deploy", "deploy", model + "@production", "--target", "local", "--project", copy.toString());
            LoopTraffic traffic = new LoopTraffic(serverPort, model);

            List<LoopTraffic.Day> healthy = holdout.subList(Math.max(0, holdout.size() - healthyDays), holdout.size());
            List<LoopTraffic.Day> fresh = drifted.subList(0, newDays);
            phase("3/6 traffic: " + healthy.size() + " holdout days, then " + fresh.size() + " drifted days, with feedback");
            traffic.send(healthy, inputs, label);
            traffic.send(fresh, inputs, label);
            out.printf("  %d requests, %d failed%n", traffic.sent(), traffic.failed());

            phase("4/6 new data: " + fresh.size() + " drifted days appended to " + copy.relativize(train)
                    + ", the next " + holdoutDays + " are " + copy.relativize(pipeline.data().holdout()));
            appendDays(train, recent, fresh);
            writeDays(pipeline.data().holdout(), recent, drifted.subList(newDays, newDays + holdoutDays));

            phase("5/6 monitor --retrain on the served log");
            Path settings = copy.resolve(".ctkit/loop-monitor.yaml");
            Files.writeString(settings, "window: " + fresh.stream().mapToInt(d -> d.rows().size()).sum() + "\n"
                    + "floors:\n  - {metric: r2, min: 0.8}\n", StandardCharsets.UTF_8);
            int monitor = Ctkit.execute(new String[] {"monitor", "--log-dir", deployDir.resolve("logs").toString(),
                "--model", model + "@production", "--project", copy.toString(), "--settings", settings.toString(),
                "--out", copy.resolve(".ctkit/monitor/monitor.json").toString(), "--retrain"}, out, spec.commandLine().getErr());
            if (monitor != Ctkit.EXIT_CHECK_FAILED) {
                throw monitor == 0 ? new CheckFailedException("monitor: the model did not decay (decision ok); nothing retrained")
                        : new CheckFailedException("monitor --retrain failed (exit " + monitor + ")");
            }
            out.println("  (the monitor's exit 1 above is its retrain decision; the loop goes on)");
            int before = servedVersion(deployDir);

            phase("6/6 deploy the new production version while traffic flows");
            LoopTraffic during = new LoopTraffic(serverPort, model);
            List<LoopTraffic.Day> later = drifted.subList(newDays, newDays + holdoutDays);
            ExecutorService clients = Executors.newSingleThreadExecutor();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Future<?> load = clients.submit(() -> {
                while (!stop.get()) {
                    during.send(later, inputs, label);
                }
                return null;
            });
            try {
                verb("deploy", "deploy", model + "@production", "--target", "local", "--project", copy.toString());
                during.send(later.subList(0, 1), inputs, label); // at least one request after the switch
            } finally {
                stop.set(true);
                clients.shutdown();
                if (!clients.awaitTermination(60, TimeUnit.SECONDS)) {
                    clients.shutdownNow();
                }
            }
            load.get(1, TimeUnit.SECONDS);
            int after = servedVersion(deployDir);
            out.printf("  %d requests during the swap, %d failed%s%n", during.sent(), during.failed(),
                    during.failures().isEmpty() ? "" : ": " + during.failures());

            out.println();
            verb("models history", "models", "history", model, "--project", copy.toString());
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf("%nloop: %s:%d served, then %s:%d after model-decay; %d + %d requests, %d failed; %.1f s; working copy %s%n",
                    model, before, model, after, traffic.sent(), during.sent(), traffic.failed() + during.failed(), seconds, copy);
            if (after == before) {
                throw new CheckFailedException("loop: the retraining made no new served version (" + model + ":" + after + " still serves)");
            }
            if (traffic.failed() + during.failed() > 0) {
                throw new CheckFailedException("loop: " + (traffic.failed() + during.failed()) + " failed requests: "
                        + traffic.failures() + during.failures());
            }
            return 0;
        } finally {
            stopServer(deployDir.resolve("server.json"));
            out.flush();
        }
    }

    private void phase(String what) {
        out.println();
        out.println("== loop " + what);
        out.flush();
    }

    /** Runs another verb in this process; its failure ends the loop with the verb's exit code. */
    private void verb(String name, String... args) {
        int code = Ctkit.execute(args, out, spec.commandLine().getErr());
        if (code == Ctkit.EXIT_CHECK_FAILED) {
            throw new CheckFailedException("loop: ctkit " + name + " failed (above)");
        }
        if (code != 0) {
            throw new UserException("loop: ctkit " + name + " failed with exit " + code + " (above)");
        }
    }

    private Path workingCopy(Path projectDir) throws IOException {
        Path dir = (work != null ? work : projectDir.resolve(".ctkit").resolve("loop")).toAbsolutePath().normalize();
        if (Files.isDirectory(dir) && work != null) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new UserException("--work " + work + ": not empty; give a new or empty directory");
                }
            }
        } else if (Files.exists(dir)) {
            stopServer(dir.resolve(".ctkit/deploy/local").resolve(PipelineFile.load(projectDir).name()).resolve("server.json"));
            FileTrees.delete(dir);
        }
        Files.createDirectories(dir);
        try (var entries = Files.list(projectDir)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (!name.equals(".ctkit") && !name.equals("target") && !p.equals(dir)) {
                    FileTrees.copy(p, dir.resolve(name));
                }
            }
        }
        out.println("loop: working copy " + dir);
        return dir;
    }

    /** The local target's port, unless the project chose its own deploy: section. */
    private static void addDeploySection(Path file, int port) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!text.startsWith("deploy:") && !text.contains("\ndeploy:")) {
            Files.writeString(file, text + (text.endsWith("\n") ? "" : "\n")
                    + "\ndeploy:                          # added by ctkit loop\n  local: {port: " + port + "}\n",
                    StandardCharsets.UTF_8);
        }
    }

    private static void appendDays(Path csv, Path from, List<LoopTraffic.Day> days) throws IOException {
        List<String> lines = linesOf(from, days);
        Files.write(csv, lines.subList(1, lines.size()), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    private static void writeDays(Path csv, Path from, List<LoopTraffic.Day> days) throws IOException {
        io.ctkit.files.AtomicFiles.write(csv, (String.join("\n", linesOf(from, days)) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The header of {@code from} and its lines of the given days, as written. */
    private static List<String> linesOf(Path from, List<LoopTraffic.Day> days) throws IOException {
        java.util.Set<String> dates = new java.util.HashSet<>();
        days.forEach(d -> dates.add(d.date()));
        List<String> all = Files.readAllLines(from, StandardCharsets.UTF_8);
        List<String> kept = new java.util.ArrayList<>();
        kept.add(all.get(0));
        all.stream().skip(1).filter(l -> dates.contains(l.split(",", 2)[0])).forEach(kept::add);
        return kept;
    }

    private static int servedVersion(Path deployDir) throws IOException {
        JsonNode current = JSON.readTree(deployDir.resolve("current.json").toFile());
        return current.path("version").asInt();
    }

    private static void stopServer(Path serverJson) throws IOException {
        if (Files.isRegularFile(serverJson)) {
            long pid = JSON.readTree(serverJson.toFile()).path("pid").asLong();
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
