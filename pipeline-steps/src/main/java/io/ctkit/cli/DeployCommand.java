package io.ctkit.cli;

import io.ctkit.bundle.Bundle;
import io.ctkit.deploy.DeployException;
import io.ctkit.deploy.DeploySettings;
import io.ctkit.deploy.DeployStep;
import io.ctkit.deploy.DeployTarget;
import io.ctkit.deploy.kubernetes.KubernetesTarget;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ctkit.model.Model;
import io.ctkit.project.PipelineFile;
import io.ctkit.registry.ModelReference;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.ModelVersion;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ctkit deploy}: a registered version to a target, smoke-tested with its golden rows. */
@Command(
        name = "deploy",
        header = "Deploy a registered version: verify, start, wait until ready, smoke-test, switch, retire.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Deploys MODEL_REF (name@alias, name:version, or a registered bundle's directory or .tar) to the"
                    + " target. The new version starts beside the old one, must be ready and must give its golden"
                    + " rows' answers (stored at registration) through the V2 infer route; only then does traffic"
                    + " switch and the old version retire. When a step fails, the old version keeps serving and"
                    + " the error names the step. Every deployment is recorded in the registry.",
            "",
            "local: a `ctkit serve` process on a versioned model directory (deploy.local.dir/MODEL), started"
                    + " when none runs; the new version is renamed in and the server's hot swap takes it.",
            "",
            "docker: the scoring image in a new container on the local Docker engine, behind a ctkit front"
                    + " proxy on deploy.docker.port; traffic switches when the new container is ready.",
            "",
            "kubernetes: a Deployment and a Service on the cluster of the kubeconfig's current context"
                    + " (KUBECONFIG, ~/.kube/config) or the pod's service account, settings in deploy.kubernetes;"
                    + " it runs --image REF, else the image the registry recorded for the version."
                    + " --dry-run prints the manifests as YAML and deploys and records nothing."
                    + " See docs/deploy-kubernetes.md.",
            "",
            "Exit codes: 0 deployed; 1 a step failed (the old version still serves); 2 bad input (nothing"
                    + " deployed). See docs/deploy.md."
        })
final class DeployCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RegistryOptions registry;

    @Parameters(index = "0", paramLabel = "MODEL_REF", description = "name@alias, name:version, or a registered"
            + " bundle; with --rollback, the model's name.")
    String what;

    @Option(names = "--target", paramLabel = "local|docker|kubernetes", description = "Where to deploy: local,"
            + " docker or kubernetes (default: deploy.target of ctkit.yaml, else local).")
    String target;

    @Option(names = "--rollback", description = "Deploy the version that succeeded on the target before the one"
            + " serving now (from the registry's deployment records).")
    boolean rollback;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "How long starting (until ready) and"
            + " switching may each take: a duration such as 90s or 5m, or a number of seconds (default:"
            + " deploy.timeout of ctkit.yaml, else 2m; for kubernetes, deploy.kubernetes.rollout_timeout, else 5m).")
    String timeoutText;

    @Option(names = "--image", paramLabel = "REF", description = "With --target kubernetes: the pushed scoring image"
            + " of the version, which the cluster pulls (default: the newest image the registry recorded for it).")
    String image;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "With --target kubernetes: the kubeconfig"
            + " whose current context names the cluster (default: KUBECONFIG, ~/.kube/config, or the pod's"
            + " service account).")
    Path kubeconfig;

    @Option(names = "--dry-run", description = "With --target kubernetes: print the manifests a first deployment"
            + " creates, as multi-document YAML, to apply elsewhere; needs no cluster, deploys and records nothing.")
    boolean dryRun;

    @Option(names = "--actor", paramLabel = "WHO", description = "Who deploys (default: $USER).")
    String actor;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the deployment report (JSON), also when a"
            + " step fails.")
    Path out;

    @Override
    public Integer call() throws Exception {
        DeploySettings settings = settings();
        String kind = target != null ? target : settings.target();
        if (!DeploySettings.TARGETS.contains(kind)) {
            throw new UserException("--target " + kind + ": unknown target; expected one of "
                    + String.join(", ", DeploySettings.TARGETS.stream().sorted().toList()));
        }
        Duration timeout = timeoutText != null ? timeout(timeoutText) : settings.timeout(kind);
        boolean kubernetes = kind.equals("kubernetes");
        if (!kubernetes && (dryRun || image != null || kubeconfig != null)) {
            String option = dryRun ? "--dry-run" : image != null ? "--image" : "--kubeconfig";
            throw new UserException(option + " is only for --target kubernetes, not " + kind + "; the " + kind
                    + " target builds its own image from the bundle");
        }
        if (dryRun && rollback) {
            throw new UserException("--dry-run and --rollback together: a dry run prints the manifests of one version;"
                    + " give that version (name:N) instead of --rollback");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        return registry.run(reg -> {
            ModelReference reference = reference(reg);
            if (dryRun) {
                stdout.print(manifests(reg, reference, settings));
                stdout.flush();
                return;
            }
            if (kubernetes && !rollback) {
                ModelVersion version = reg.resolve(reference);
                if (ImagedTarget.image(reg, image, version.model(), version.version()).isEmpty()) {
                    throw new UserException(ImagedTarget.noImage(version.model(), version.version()));
                }
            }
            try (KubernetesTarget cluster = kubernetes ? connect(settings, reference.model(), kubeconfig) : null) {
                DeployTarget deployTarget = kubernetes ? new ImagedTarget(cluster, reg, image)
                        : settings.target(kind, reference.model());
                deploy(reg, deployTarget, reference, timeout, stdout);
            }
        });
    }

    /** The cluster's target, after one read shows that the cluster answers: else bad input, nothing deployed. */
    private static KubernetesTarget connect(DeploySettings settings, String model, Path kubeconfig) {
        if (kubeconfig != null && !Files.isRegularFile(kubeconfig)) {
            throw new UserException("--kubeconfig " + kubeconfig + ": no such file; give the kubeconfig of the"
                    + " cluster to deploy to");
        }
        KubernetesTarget cluster;
        try {
            cluster = kubeconfig != null ? KubernetesTarget.connect(settings.kubernetes(), model, kubeconfig)
                    : KubernetesTarget.connect(settings.kubernetes(), model);
        } catch (KubernetesClientException e) {
            throw new UserException("--target kubernetes: no usable cluster configuration (" + e.getMessage()
                    + "); give --kubeconfig FILE, or set KUBECONFIG or the current context of ~/.kube/config");
        }
        try {
            cluster.current();
            return cluster;
        } catch (java.io.IOException e) {
            cluster.close();
            throw new UserException("--target kubernetes: " + e.getMessage() + "; nothing was deployed or recorded");
        }
    }

    private String manifests(ModelRegistry reg, ModelReference reference, DeploySettings settings) throws Exception {
        ModelVersion version = reg.resolve(reference);
        String ref = ImagedTarget.image(reg, image, version.model(), version.version())
                .orElseThrow(() -> new UserException(ImagedTarget.noImage(version.model(), version.version())));
        try {
            return KubernetesTarget.manifests(new DeployTarget.Release(version.model(), version.version(),
                    version.bundleDigest(), null, ref), settings.kubernetes());
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    private void deploy(ModelRegistry reg, DeployTarget deployTarget, ModelReference reference, Duration timeout,
            PrintWriter stdout) throws Exception {
        DeployStep.Request request = new DeployStep.Request(reference, rollback, timeout,
                ModelsCommand.who(actor), out);
        DeployStep.Result r;
        try {
            r = DeployStep.run(reg, deployTarget, request);
        } catch (DeployException e) {
            Optional<DeployTarget.Release> serving = deployTarget.current();
            throw new CheckFailedException("deploy failed at " + e.getMessage()
                    + serving.map(s -> "; " + s.model() + ":" + s.version() + " still serves")
                            .orElse("; nothing was serving, nothing serves"));
        }
        stdout.printf(Locale.ROOT, "deployed %s:%d (%s) to %s; %d golden rows agree%s%n", r.release().model(),
                r.release().version(), r.release().digest(), deployTarget.describe(), r.golden(),
                r.previous().map(p -> "; was " + p.model() + ":" + p.version()).orElse(""));
    }

    /** The section of the project's ctkit.yaml when there is one; else the defaults. */
    private DeploySettings settings() throws Exception {
        Path project = registry.project;
        if (Files.isRegularFile(project.resolve(PipelineFile.FILE_NAME))) {
            return PipelineFile.load(project).section(DeploySettings.SECTION);
        }
        return DeploySettings.defaults(project);
    }

    private ModelReference reference(ModelRegistry reg) throws Exception {
        if (rollback && what.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            reg.model(what);
            // only the model counts for a rollback
            return ModelReference.version(what, 1);
        }
        Optional<ModelReference> reference = ModelReference.find(what);
        if (reference.isPresent()) {
            return reference.get();
        }
        Bundle bundle = Bundle.open(Path.of(what));
        String name = Model.from(bundle).name();
        Optional<ModelVersion> registered = reg.models().stream().anyMatch(m -> m.name().equals(name))
                ? reg.versions(name).stream().filter(v -> v.bundleDigest().equals(bundle.digest())).findFirst()
                : Optional.empty();
        if (registered.isEmpty()) {
            throw new UserException(what + ": this bundle (" + bundle.digest() + ") is not a registered version of "
                    + name + "; register it first (ctkit register --bundle " + what + " --golden-data HOLDOUT.csv):"
                    + " deployments are recorded against registered versions and smoke-tested with their golden rows");
        }
        return ModelReference.version(name, registered.get().version());
    }

    /** {@code --timeout}: a duration ({@code 90s}, {@code 5m}) or, as before durations, a whole number of seconds. */
    static Duration timeout(String text) {
        String t = text.trim();
        if (t.matches("[0-9]{1,9}")) {
            long seconds = Long.parseLong(t);
            if (seconds < 1) {
                throw new UserException("--timeout must be at least 1 second, got " + text);
            }
            return Duration.ofSeconds(seconds);
        }
        return io.ctkit.config.Durations.parse(t).orElseThrow(() -> new UserException("--timeout " + text
                + ": expected a duration such as " + io.ctkit.config.Durations.EXAMPLES + ", or a number of seconds"));
    }
}
