package io.ctkit.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.bundle.Bundle;
import io.ctkit.files.FileTrees;
import io.ctkit.model.Model;
import io.ctkit.quality.Reports;
import io.ctkit.registry.Deployment;
import io.ctkit.registry.GoldenRows;
import io.ctkit.registry.ModelReference;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.ModelVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code deploy} step: a registered version goes to a {@link DeployTarget} through verify →
 * start → ready → smoke-test (its golden rows through the V2 infer route) → switch → retire. When
 * anything fails before the switch the old version keeps serving and the {@link DeployException}
 * names the step. Every deployment, succeeded or failed, is recorded in the registry against the
 * version ({@link ModelRegistry#deployments}); a rollback deploys the version that succeeded on the
 * target before the one serving now. {@code ctkit deploy} calls it.
 *
 * <pre>{@code
 * try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.forProject(dir))) {
 *     DeployStep.Result r = DeployStep.run(registry, LocalTarget.of(deployDir.resolve("wine"), 8080),
 *             DeployStep.Request.of(ModelReference.parse("wine@production"), "ci"));
 * }
 * }</pre>
 */
public final class DeployStep {

    /** Default time each of start (with readiness) and switch may take. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private DeployStep() {
    }

    /**
     * What to deploy.
     *
     * @param reference the version ({@code name@alias}, {@code name:version}); for a rollback only its
     *                  model counts
     * @param rollback  deploy the version that succeeded on the target before the one serving now
     * @param timeout   how long starting (until ready) and switching may each take
     * @param actor     who deploys (recorded)
     * @param report    where to write the deployment report, or null
     */
    public record Request(ModelReference reference, boolean rollback, Duration timeout, String actor, Path report) {
        public Request {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(actor, "actor");
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the deploy timeout must be positive, got " + timeout);
            }
        }

        public static Request of(ModelReference reference, String actor) {
            return new Request(reference, false, DEFAULT_TIMEOUT, actor, null);
        }

        /** Returns to the previous successfully deployed version of the reference's model. */
        public Request asRollback() {
            return new Request(reference, true, timeout, actor, report);
        }

        public Request withTimeout(Duration t) {
            return new Request(reference, rollback, t, actor, report);
        }

        public Request withReport(Path file) {
            return new Request(reference, rollback, timeout, actor, file);
        }
    }

    /**
     * A deployment that serves.
     *
     * @param release  what serves now (as the target started it: with its image, if it runs one; its
     *                 bundle directory was the step's temporary export and is gone)
     * @param previous what served before, if anything
     * @param record   the registry's record of it
     * @param golden   how many golden rows the smoke test sent
     */
    public record Result(DeployTarget.Release release, Optional<DeployTarget.Release> previous, Deployment record,
            int golden) {

        /** The deployment report ({@code ctkit deploy --out}). */
        public ObjectNode toJson() {
            ObjectNode node = report(release.model(), release.version(), record);
            node.put("golden_rows", golden);
            previous.ifPresent(p -> node.putObject("previous").put("model", p.model()).put("version", p.version())
                    .put("bundle", p.digest()));
            return node;
        }
    }

    /**
     * Deploys the request's version to the target and records the deployment.
     *
     * @throws DeployException when a step failed (recorded; what served before still serves)
     * @throws IOException for bad input (an unknown model, alias or version; nothing to roll back
     *     to): nothing is deployed or recorded
     */
    public static Result run(ModelRegistry registry, DeployTarget target, Request request) throws IOException {
        Optional<DeployTarget.Release> current = target.current();
        ModelVersion version = request.rollback() ? previous(registry, target, request.reference().model(), current)
                : registry.resolve(request.reference());
        Path work = Files.createTempDirectory("ctkit-deploy-");
        try {
            return deploy(registry, target, request, version, current, work);
        } finally {
            FileTrees.delete(work);
        }
    }

    private static Result deploy(ModelRegistry registry, DeployTarget target, Request request, ModelVersion version,
            Optional<DeployTarget.Release> current, Path work) throws IOException {
        DeployTarget.Release release = new DeployTarget.Release(version.model(), version.version(),
                version.bundleDigest(), work.resolve("bundle"), null);
        try {
            GoldenRows golden = verify(registry, release);
            DeployTarget.Candidate candidate = start(target, release, request.timeout());
            // a target that runs an image names it (a docker image id); the others serve the bundle itself
            String artifact = candidate.release().image() != null ? candidate.release().image() : release.digest();
            try {
                GoldenRowsCheck.run(candidate, release.model(), golden);
            } catch (DeployException e) {
                target.discard(candidate);
                throw e;
            }
            try {
                target.promote(candidate, request.timeout());
            } catch (DeployException e) {
                throw e;
            } catch (IOException e) {
                throw new DeployException("switch", e.getMessage(), e);
            }
            Deployment record = registry.recordDeployment(release.model(), release.version(), target.describe(),
                    artifact, null, request.actor());
            Result result = new Result(candidate.release(), current, record, golden.size());
            if (request.report() != null) {
                Reports.write(request.report(), result.toJson());
            }
            return result;
        } catch (DeployException e) {
            Deployment record = registry.recordFailedDeployment(release.model(), release.version(), target.describe(),
                    release.digest(), null, request.actor(), e.step(), e.getMessage());
            if (request.report() != null) {
                Reports.write(request.report(), report(release.model(), release.version(), record));
            }
            throw e;
        }
    }

    /** The bundle exported and verified against the registered digest, and its golden rows. */
    private static GoldenRows verify(ModelRegistry registry, DeployTarget.Release release) throws IOException {
        try {
            Bundle bundle = registry.exportBundle(release.model(), release.version(), release.bundle());
            if (!bundle.digest().equals(release.digest())) {
                throw new DeployException("verify", "the exported bundle of " + release.model() + ":" + release.version()
                        + " has digest " + bundle.digest() + ", but " + release.digest() + " was registered");
            }
            Model.from(bundle);
        } catch (DeployException e) {
            throw e;
        } catch (IOException e) {
            throw new DeployException("verify", release.model() + ":" + release.version() + ": " + e.getMessage(), e);
        }
        return registry.goldenRows(release.model(), release.version()).orElseThrow(() -> new DeployException("verify",
                release.model() + ":" + release.version() + " has no golden rows to smoke-test it with; register"
                        + " versions with golden rows (ctkit run does; ctkit register --golden-data HOLDOUT.csv)"));
    }

    private static DeployTarget.Candidate start(DeployTarget target, DeployTarget.Release release, Duration timeout)
            throws IOException {
        try {
            return target.start(release, timeout);
        } catch (DeployException e) {
            throw e;
        } catch (IOException e) {
            throw new DeployException("start", e.getMessage(), e);
        }
    }

    /** The version that succeeded on the target before the one serving now. */
    private static ModelVersion previous(ModelRegistry registry, DeployTarget target, String model,
            Optional<DeployTarget.Release> current) throws IOException {
        List<Deployment> succeeded = registry.deployments(model, target.describe()).stream()
                .filter(Deployment::succeeded).toList();
        int serving = current.filter(r -> r.model().equals(model)).map(DeployTarget.Release::version)
                .orElse(succeeded.isEmpty() ? -1 : succeeded.get(succeeded.size() - 1).version());
        for (int i = succeeded.size() - 1; i >= 0; i--) {
            if (succeeded.get(i).version() != serving) {
                return registry.version(model, succeeded.get(i).version());
            }
        }
        throw new IllegalArgumentException("nothing to roll back to: " + model + " has no earlier successful deployment"
                + " to " + target.describe() + " than version " + serving + "; deploy a version by name (" + model
                + ":N) instead");
    }

    private static ObjectNode report(String model, int version, Deployment record) {
        ObjectNode node = Reports.object();
        node.put("model", model).put("version", version).put("target", record.target())
                .put("image_digest", record.imageDigest()).put("outcome", record.outcome())
                .put("actor", record.actor()).put("deployed_at", record.deployedAt().toString())
                .put("deployment", record.id());
        if (!record.succeeded()) {
            node.put("step", record.failedStep()).put("message", record.message());
        }
        return node;
    }
}
