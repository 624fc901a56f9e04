package io.ctkit.cli;

import io.ctkit.config.ConfigNode;
import io.ctkit.files.FileTrees;
import io.ctkit.monitor.MonitorSettings;
import io.ctkit.monitor.MonitorStep;
import io.ctkit.project.PipelineFile;
import io.ctkit.quality.SettingsFiles;
import io.ctkit.registry.ModelReference;
import io.ctkit.registry.ModelVersion;
import io.ctkit.retrain.RetrainStep;
import io.ctkit.run.MonitorSection;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ctkit monitor}: live quality and drift from the prediction log; exit 1 when degraded or retrain. */
@Command(
        name = "monitor",
        header = "Judge a served model from its prediction and feedback log: live metrics, input drift, a decision.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Reads what the scoring server logged (--log-dir, live and rotated files) since the last run, joins "
                    + "feedback to predictions, computes the live metrics with bootstrap intervals over the window "
                    + "and each input's drift against the training data (the bundle's drift-reference.json), and "
                    + "decides ok, degraded or retrain against the monitor: section of ctkit.yaml (or --settings). "
                    + "Writes the report (--out, format ctkit-monitor/1), its state and plots beside it; a model "
                    + "given as a registry reference gets the report recorded against its version.",
            "",
            "--retrain: when the decision is retrain, asks for a retraining of the project's model (the project of "
                    + "--project, whose name must be the monitored model's) through the retrain step, with the trigger "
                    + "model-decay and the first reason; retrain.via of ctkit.yaml says how (default local: the "
                    + "pipeline runs here), and its cooldown and deduplication apply, so a flapping monitor starts "
                    + "one retraining. The output says what the request did.",
            "",
            "Exit 0 when ok, 1 when degraded or retrain (also when a retraining was started), 2 for bad input."
        })
final class MonitorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RegistryOptions registry;

    @Option(names = "--log-dir", required = true, paramLabel = "DIR", description = "The scoring server's --log-dir.")
    Path logDir;

    @Option(names = "--model", required = true, paramLabel = "DIR|TAR|REF",
            description = "The served model: a bundle, or a registry reference (name@alias, name:version).")
    String model;

    @Option(names = "--settings", paramLabel = "FILE", description = "Monitor settings (YAML or JSON, the map of the monitor: section); default: the monitor: section of the project's ctkit.yaml, else the defaults.")
    Path settingsFile;

    @Option(names = "--metrics-url", paramLabel = "URL", description = "A running server's /metrics, e.g. http://localhost:8080/metrics: request rate, error rate and latency go into the report.")
    String metricsUrl;

    @Option(names = "--out", defaultValue = "monitor/monitor.json", paramLabel = "FILE", description = "Report to write; its state and plots go beside it (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--retrain", description = "When the decision is retrain, request a retraining (trigger model-decay) as ctkit retrain does.")
    boolean retrain;

    private ConfigNode settingsNode;

    @Override
    public Integer call() throws Exception {
        MonitorSettings settings = settings();
        // Checked before anything is read, so that a monitor that could not act on its decision fails at once.
        PipelineFile project = retrain ? retrainProject() : null;
        URI url = metricsUrl == null ? null : url(metricsUrl);
        Optional<ModelReference> reference = ModelReference.find(model);
        if (project != null) {
            requireSameModel(project, reference.map(ModelReference::model).orElseGet(this::bundleName));
        }
        MonitorStep.Result[] result = new MonitorStep.Result[1];
        String[] recorded = new String[1];
        if (reference.isEmpty()) {
            result[0] = MonitorStep.run(request(Path.of(model), settings, url));
        } else {
            registry.run(r -> {
                ModelVersion version = r.resolve(reference.get());
                Path dir = out.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Path staging = Files.createTempDirectory(dir, ".monitor-model-");
                try {
                    Path bundle = staging.resolve("model");
                    r.exportBundle(version.model(), version.version(), bundle);
                    result[0] = MonitorStep.run(request(bundle, settings, url));
                } finally {
                    FileTrees.delete(staging);
                }
                r.recordMonitorReport(version.model(), version.version(), out);
                recorded[0] = version.reference();
            });
        }
        MonitorStep.Result r = result[0];
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("%s: %d new log lines, %d rows in the window (%d with feedback)%n", r.decision().jsonName(),
                r.newLines(), r.windowRows(), r.labelledRows());
        r.reasons().forEach(reason -> stdout.println("  " + reason));
        r.notes().forEach(note -> stdout.println("  note: " + note));
        r.problems().forEach(problem -> stdout.println("  unreadable: " + problem));
        stdout.printf("report: %s%n", out);
        if (recorded[0] != null) {
            stdout.printf("recorded against %s%n", recorded[0]);
        }
        RetrainStep.Result retrained = null;
        if (project != null && r.decision() == MonitorStep.Decision.RETRAIN) {
            stdout.flush();
            RetrainStep.Result[] asked = new RetrainStep.Result[1];
            registry.run(reg -> asked[0] = MonitorRetrain.request(project, reg, r.reasons().get(0), stdout));
            retrained = asked[0];
        }
        if (retrained != null) {
            stdout.printf("retrain (%s via %s): %s: %s%n", retrained.trigger(), retrained.via(), retrained.outcome(),
                    retrained.summary());
        }
        stdout.flush();
        if (!r.ok()) {
            String after = retrained == null ? "" : "; retraining " + retrained.outcome();
            throw new CheckFailedException("monitor: " + r.decision().jsonName() + ": " + r.reasons().get(0) + after);
        }
        return 0;
    }

    /** The step's request; a --settings floor the model's task lacks is refused with the file's line first. */
    private MonitorStep.Request request(Path bundle, MonitorSettings settings, URI url) throws java.io.IOException {
        if (settingsNode != null) {
            settings.checkTask(io.ctkit.model.Model.load(bundle).task(), settingsNode);
        }
        return new MonitorStep.Request(logDir, bundle, settings, out, url);
    }

    private PipelineFile retrainProject() throws java.io.IOException {
        if (!Files.isRegularFile(registry.project.resolve(PipelineFile.FILE_NAME)) && !Files.isRegularFile(registry.project)) {
            throw new UserException("--retrain needs the model's project: give --project DIR of the directory holding"
                    + " its " + PipelineFile.FILE_NAME + " (no " + PipelineFile.FILE_NAME + " in "
                    + registry.project.toAbsolutePath().normalize() + ")");
        }
        return PipelineFile.load(registry.project);
    }

    private String bundleName() {
        try {
            return io.ctkit.model.Model.load(Path.of(model)).name();
        } catch (java.io.IOException e) {
            throw new UserException("--model " + model + ": " + e.getMessage());
        }
    }

    private static void requireSameModel(PipelineFile project, String monitored) {
        if (!project.name().equals(monitored)) {
            throw new UserException("--retrain: the monitored model is " + monitored + ", but " + project.file()
                    + " is the project of " + project.name() + "; give --project the directory of " + monitored
                    + "'s project");
        }
    }

    private MonitorSettings settings() throws java.io.IOException {
        if (settingsFile != null) {
            settingsNode = SettingsFiles.read(settingsFile, "--settings");
            return MonitorSettings.read(settingsNode);
        }
        boolean given = spec.commandLine().getParseResult().hasMatchedOption("--project");
        if (given || Files.isRegularFile(registry.project.resolve(PipelineFile.FILE_NAME))) {
            return PipelineFile.load(registry.project).section(MonitorSection.SECTION);
        }
        return MonitorSettings.defaults();
    }

    private static URI url(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new URISyntaxException(text, "expected http://host:port/metrics");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UserException("--metrics-url " + text + ": not an http(s) URL; give the server's /metrics, e.g."
                    + " http://localhost:8080/metrics");
        }
    }
}
