package io.ctkit.cli;

import io.ctkit.project.PipelineFile;
import io.ctkit.quality.Reports;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.RetrainRequest;
import io.ctkit.registry.Run;
import io.ctkit.retrain.RetrainSettings;
import io.ctkit.retrain.RetrainStep;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ctkit retrain}: the retrain step, started here or by a CI system. */
@Command(
        name = "retrain",
        header = "Retrain a model with the pipeline that made it: here, or through Tekton, Jenkins or a webhook.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Asks the registry whether MODEL may be retrained: not while a retraining of it is pending or running "
                    + "(deduplicated), and at most once per retrain.cooldown of ctkit.yaml (default 6h). If so, "
                    + "starts it: local runs the project's pipeline here (as ctkit run --trigger TRIGGER); tekton "
                    + "creates a PipelineRun of retrain.tekton.pipeline; jenkins calls the job's "
                    + "buildWithParameters; webhook POSTs a signed JSON order. Every order carries the model, the "
                    + "trigger, the data location and the pipeline and code versions recorded on the production "
                    + "version, so the same pipeline runs again on new data.",
            "",
            "--if-data-changed starts a retraining (trigger data) only when the training data's fingerprint "
                    + "differs from the one stored with the production version.",
            "",
            "Exit 0 when the retraining started, passed here, or was not needed (deduplicated, cooling down, data "
                    + "unchanged: the output says which); 1 when it ran here and its pipeline failed a check; 2 for "
                    + "a usage or input error, or when the CI system could not be reached (nothing started)."
        })
final class RetrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model to retrain (the project's name).")
    String model;

    @Option(names = "--project", paramLabel = "DIR", defaultValue = ".",
            description = "Project directory or its ctkit.yaml (default: the current directory).")
    Path project;

    @Option(names = "--trigger", paramLabel = "TRIGGER", completionCandidates = Triggers.class,
            description = "Why: ${COMPLETION-CANDIDATES} (default: manual; data with --if-data-changed).")
    String trigger;

    @Option(names = "--via", paramLabel = "KIND", completionCandidates = Vias.class,
            description = "How: ${COMPLETION-CANDIDATES} (default: retrain.via of ctkit.yaml, else local).")
    String via;

    @Option(names = "--if-data-changed", description = "Only when the training data differs from the production version's.")
    boolean ifDataChanged;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, in words (recorded with the request).")
    String reason;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report (ctkit-retrain/1 JSON) here.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (trigger != null && !Run.TRIGGERS.contains(trigger)) {
            throw new UserException("--trigger: unknown trigger \"" + trigger + "\"; expected one of "
                    + String.join(", ", Run.TRIGGERS));
        }
        if (ifDataChanged && trigger != null && !trigger.equals("data")) {
            throw new UserException("--if-data-changed starts a retraining with the trigger data; leave out"
                    + " --trigger " + trigger + " or give --trigger data");
        }
        PipelineFile pipeline = PipelineFile.load(project);
        if (!pipeline.name().equals(model)) {
            throw new UserException("MODEL is " + model + ", but " + pipeline.file() + " is the project of "
                    + pipeline.name() + "; give --project the directory of " + model + "'s project");
        }
        RetrainSettings settings = pipeline.section(RetrainSettings.SECTION);
        String kind = via != null ? via : settings.via();
        RetrainStep.Request request = ifDataChanged ? RetrainStep.Request.ifDataChanged(pipeline)
                : RetrainStep.Request.of(pipeline, trigger == null ? Run.MANUAL : trigger);
        request = request.withReason(reason);
        PrintWriter stdout = spec.commandLine().getOut();
        // The trigger first: a wrong --via or a missing retrain.<kind> is reported before the registry is looked at.
        try (OpenTrigger t = OpenTrigger.of(kind, pipeline, settings, stdout);
                ModelRegistry registry = OpenTrigger.registry(pipeline)) {
            RetrainStep.Result result = RetrainStep.run(registry, request, t.trigger(), settings);
            stdout.println(result.outcome() + ": " + result.summary());
            if (result.decision() != null && result.decision().accepted()) {
                // Why this retraining started, as the registry keeps it with the request (retrain_requests).
                RetrainRequest asked = result.decision().request();
                stdout.println("request " + asked.id() + ", trigger " + asked.trigger()
                        + (asked.reason() == null ? "" : ": " + asked.reason()));
            }
            if (out != null) {
                Reports.write(out, result.toJson());
                stdout.println("report: " + out);
            }
            if (!result.passed()) {
                throw new CheckFailedException("the retraining of " + model + " ran and failed: " + result.summary());
            }
            return 0;
        }
    }

    static final class Triggers extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Triggers() {
            super(Run.TRIGGERS);
        }
    }

    static final class Vias extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Vias() {
            super(RetrainSettings.VIAS);
        }
    }
}
