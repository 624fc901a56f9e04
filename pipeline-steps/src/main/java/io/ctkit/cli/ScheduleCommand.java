package io.ctkit.cli;

import io.ctkit.config.Durations;
import io.ctkit.project.PipelineFile;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.retrain.RetrainSettings;
import io.ctkit.retrain.RetrainStep;
import io.ctkit.retrain.Schedules;
import io.ctkit.retrain.Trigger;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ctkit schedule}: scheduled retraining, for a CI system or as a local loop. */
@Command(
        name = "schedule",
        header = "Schedule retraining: a Kubernetes CronJob (Tekton), a Jenkins cron trigger, or a local loop.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "--ci tekton prints a ConfigMap with the project's ctkit.yaml and a CronJob whose container (the "
                    + "ctkit/cli image) runs ctkit retrain MODEL --trigger schedule --via tekton, which creates the "
                    + "PipelineRun; --apply creates or updates them through the Kubernetes API (kubeconfig or the "
                    + "pod's service account) instead. The CronJob reads the shared registry: its URL from the "
                    + "Secret ctkit-registry (key url), its blobs from the PersistentVolumeClaim ctkit-registry-blobs.",
            "",
            "--ci jenkins prints a declarative Jenkinsfile whose triggers { cron(..) } block runs ctkit retrain "
                    + "on a ctkit/cli agent.",
            "",
            "--every 10m runs the retrain step every 10 minutes here (a demo of the loop), with trigger schedule "
                    + "and the registry's cooldown and deduplication; Ctrl-C stops it cleanly after the current step.",
            "",
            "The cron expression is --cron, else retrain.schedule of ctkit.yaml. Exit 0 on success, 2 for a "
                    + "usage or input error or an unreachable cluster."
        })
final class ScheduleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model to retrain (the project's name).")
    String model;

    @Option(names = "--project", paramLabel = "DIR", defaultValue = ".",
            description = "Project directory or its ctkit.yaml (default: the current directory).")
    Path project;

    @Option(names = "--ci", paramLabel = "CI", description = "tekton or jenkins: print (or apply) its schedule.")
    String ci;

    @Option(names = "--cron", paramLabel = "EXPR", description = "Five-field cron expression (default: retrain.schedule).")
    String cron;

    @Option(names = "--apply", description = "With --ci tekton: create or update the objects in the cluster.")
    boolean apply;

    @Option(names = "--every", paramLabel = "DURATION", description = "Retrain here every DURATION (30s, 10m, 6h, 1d).")
    String every;

    @Option(names = "--times", paramLabel = "N", description = "With --every: stop after N rounds (default: until Ctrl-C).")
    Integer times;

    @Option(names = "--via", paramLabel = "KIND", completionCandidates = RetrainCommand.Vias.class,
            description = "With --every: ${COMPLETION-CANDIDATES} (default: retrain.via, else local).")
    String via;

    @Override
    public Integer call() throws Exception {
        if ((ci == null) == (every == null)) {
            throw new UserException("give either --ci tekton|jenkins (a schedule for a CI system) or --every DURATION"
                    + " (a local loop)");
        }
        PipelineFile pipeline = PipelineFile.load(project);
        if (!pipeline.name().equals(model)) {
            throw new UserException("MODEL is " + model + ", but " + pipeline.file() + " is the project of "
                    + pipeline.name() + "; give --project the directory of " + model + "'s project");
        }
        RetrainSettings settings = pipeline.section(RetrainSettings.SECTION);
        return every != null ? loop(pipeline, settings) : forCi(pipeline, settings);
    }

    private int forCi(PipelineFile pipeline, RetrainSettings settings) throws Exception {
        if (!ci.equals("tekton") && !ci.equals("jenkins")) {
            throw new UserException("--ci: unknown CI \"" + ci + "\"; expected tekton or jenkins");
        }
        if (apply && !ci.equals("tekton")) {
            throw new UserException("--apply works with --ci tekton; a Jenkins schedule lives in the job's Jenkinsfile,"
                    + " so print it and commit it");
        }
        String expression = cron != null ? cron : settings.schedule();
        if (expression == null) {
            throw new UserException("no schedule: give --cron \"0 3 * * *\" or set retrain.schedule in "
                    + pipeline.file());
        }
        if (cron != null && !RetrainSettings.isCron(cron)) {
            throw new UserException("--cron: expected five fields (minute hour day-of-month month day-of-week), got \""
                    + cron + "\"");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (ci.equals("jenkins")) {
            String image = settings.tekton() != null ? Schedules.image(settings.tekton())
                    : "ctkit/cli:" + io.ctkit.provenance.CodeVersion.ctkitVersion();
            out.print(Schedules.jenkinsfile(pipeline, expression.trim(), image));
            return 0;
        }
        List<HasMetadata> objects = Schedules.kubernetes(pipeline, settings.require("tekton", pipeline).tekton(),
                expression.trim());
        if (!apply) {
            out.print(Schedules.yaml(objects));
            return 0;
        }
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            for (HasMetadata o : objects) {
                client.resource(o).createOr(NonDeletingOperation::update);
                out.printf("applied %s %s/%s on %s%n", o.getKind(), o.getMetadata().getNamespace(),
                        o.getMetadata().getName(), client.getMasterUrl());
            }
        } catch (KubernetesClientException e) {
            throw new UserException("cannot apply the schedule to the cluster: " + e.getMessage(), e);
        }
        return 0;
    }

    private int loop(PipelineFile pipeline, RetrainSettings settings) throws Exception {
        Duration period = Durations.parse(every).orElseThrow(() -> new UserException(
                "--every: expected a duration such as " + Durations.EXAMPLES + ", got \"" + every + "\""));
        if (times != null && times < 1) {
            throw new UserException("--times: must be at least 1, got " + times);
        }
        String kind = via != null ? via : settings.via();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C: let the round under way finish and print, then end (the hook waits for that, with a limit).
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ctkit-schedule-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        int round = 0;
        try (OpenTrigger open = OpenTrigger.of(kind, pipeline, settings, out);
                ModelRegistry registry = ModelRegistry.open(RegistryConfig.fromEnvironment(pipeline.projectDir()))) {
            Trigger trigger = open.trigger();
            out.printf("retraining %s every %s via %s (cooldown %s); Ctrl-C stops%n", model, every, kind,
                    Durations.format(settings.cooldown()));
            out.flush();
            do {
                round++;
                String result;
                try {
                    RetrainStep.Result r = RetrainStep.run(registry, RetrainStep.Request.of(pipeline, "schedule"),
                            trigger, settings);
                    result = r.outcome() + ": " + r.summary();
                } catch (java.io.IOException | IllegalArgumentException e) {
                    // One failed round (a CI system down) must not end a schedule; the next round tries again.
                    result = "error: " + e.getMessage();
                }
                boolean last = times != null && round >= times;
                LocalTime now = LocalTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS);
                out.printf("[%s] round %d: %s%s%n", now, round, result, last ? "" : "; next at " + now.plus(period));
                out.flush();
                if (last) {
                    break;
                }
            } while (!stop.await(period.toMillis(), TimeUnit.MILLISECONDS));
            out.printf("stopped after %d round(s)%n", round);
            out.flush();
            return 0;
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook is running, and it waits for stopped
            }
        }
    }
}
