package io.ctkit.register;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.bundle.Bundle;
import io.ctkit.data.Dataset;
import io.ctkit.model.Model;
import io.ctkit.scoring.ModelData;
import io.ctkit.registry.GoldenRows;
import io.ctkit.provenance.Provenance;
import io.ctkit.quality.Reports;
import io.ctkit.registry.AliasMove;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.ModelVersion;
import io.ctkit.registry.Promotion;
import io.ctkit.registry.Registration;
import io.ctkit.registry.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code register} step: a verified bundle and its evidence (metrics, gate verdict, test
 * reports, other reports, provenance, golden rows) become a new version in the registry, with the
 * run that made it, in one transaction; then an alias may move to it. Writes the registration record
 * ({@link Result#toJson()}) when asked. {@code ctkit register} and the {@code register} stage of
 * {@code ctkit run} both call it.
 *
 * <pre>{@code
 * try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.embedded(dir))) {
 *     RegisterStep.Result r = RegisterStep.run(registry, RegisterStep.Request.of("wine", Path.of("model"))
 *             .withMetrics(Path.of("metrics.json")).withGateVerdict(Path.of("gate.json"))
 *             .withAlias("production", "gate passed"));
 * }
 * }</pre>
 */
public final class RegisterStep {

    private RegisterStep() {
    }

    /**
     * What to register.
     *
     * @param alias         an alias to move to the version (e.g. {@code production}), or null
     * @param aliasReason   why, recorded with the move
     * @param reuseExisting when the model already has a version with this bundle's digest, add the
     *                      gate verdict to it instead of making a new version (a rerun that
     *                      reproduces a bundle from the same data, config and code)
     * @param record        where to write the registration record, or null
     * @param golden        where to choose the golden rows stored with the version, or null for none
     */
    public record Request(String model, Path bundle, Registration registration, String alias, String aliasReason,
            boolean reuseExisting, Path record, GoldenSource golden) {
        public Request {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(bundle, "bundle");
            Objects.requireNonNull(registration, "registration");
        }

        /** The bundle as a new version of {@code model}, nothing else recorded yet. */
        public static Request of(String model, Path bundle) {
            return new Request(model, bundle, Registration.of(model, bundle), null, null, false, null, null);
        }

        private Request with(Registration r) {
            return new Request(model, bundle, r, alias, aliasReason, reuseExisting, record, golden);
        }

        public Request withDescription(String text) {
            return with(registration.withDescription(text));
        }

        public Request withTag(String key, String value) {
            return with(registration.withTag(key, value));
        }

        public Request withMetrics(Path report) {
            return with(registration.withMetrics(report));
        }

        public Request withGateVerdict(Path verdict) {
            return with(registration.withGateVerdict(verdict));
        }

        public Request withTestReport(Path report) {
            return with(registration.withTestReport(report));
        }

        public Request withReport(String name, Path file) {
            return with(registration.withReport(name, file));
        }

        public Request withProvenance(Provenance provenance) {
            return with(registration.withProvenance(provenance));
        }

        public Request withRun(Run run) {
            return with(registration.withRun(run));
        }

        public Request withRunId(String id) {
            return with(registration.withRunId(id));
        }

        public Request withActor(String who) {
            return with(registration.withActor(who));
        }

        /** Moves {@code name} to the version (unless it is there already), recording {@code reason}. */
        public Request withAlias(String name, String reason) {
            return new Request(model, bundle, registration, name, reason, reuseExisting, record, golden);
        }

        public Request reusingExisting(boolean reuse) {
            return new Request(model, bundle, registration, alias, aliasReason, reuse, record, golden);
        }

        public Request withRecord(Path file) {
            return new Request(model, bundle, registration, alias, aliasReason, reuseExisting, file, golden);
        }

        /**
         * Stores {@code rows} golden rows with the version, chosen with {@code seed} among the
         * complete rows of the CSV file {@code data} (the holdout), with the engine's answers.
         */
        public Request withGoldenRows(Path data, int rows, long seed) {
            return new Request(model, bundle, registration, alias, aliasReason, reuseExisting, record,
                    new GoldenSource(Objects.requireNonNull(data, "data"), null, rows, seed));
        }

        /**
         * As {@link #withGoldenRows(Path, int, long)}, from rows already read for the model; when
         * none of them is complete (every row misses some input), the version gets no golden rows
         * instead of failing the registration, and a deployment refuses it at verify, saying why.
         */
        public Request withGoldenRows(Dataset data, int rows, long seed) {
            return new Request(model, bundle, registration, alias, aliasReason, reuseExisting, record,
                    new GoldenSource(null, Objects.requireNonNull(data, "data"), rows, seed));
        }
    }

    /**
     * Where golden rows come from: a CSV file (which must have a complete row) or rows already read
     * (which may have none); {@code rows} of them, seeded.
     */
    public record GoldenSource(Path file, Dataset data, int rows, long seed) {
        public GoldenSource {
            if (rows < 1) {
                throw new IllegalArgumentException("the number of golden rows must be at least 1, got " + rows);
            }
        }
    }

    /**
     * What was registered.
     *
     * @param version   the version (new, or the existing one that was reused)
     * @param reused    whether an existing version with the same bundle was reused
     * @param runId     the producing run's id, or null
     * @param alias     the alias asked for, or null
     * @param aliasMove the move made, or null when none was asked for or the alias was there already
     */
    public record Result(ModelVersion version, boolean reused, String runId, String alias, AliasMove aliasMove) {

        /**
         * The registration record: {@code {"reused": true?, "model", "version", "bundle", "run",
         * "alias"?}}, as {@code ctkit register --out} and the register stage write it.
         */
        public ObjectNode toJson() {
            ObjectNode node = Reports.object();
            if (reused) {
                node.put("reused", true);
            }
            node.put("model", version.model());
            node.put("version", version.version());
            node.put("bundle", version.bundleDigest());
            node.put("run", runId);
            if (alias != null) {
                node.put("alias", alias);
            }
            return node;
        }
    }

    /**
     * Registers (or reuses), moves the alias, and writes the record.
     *
     * @throws IOException when the bundle or a report cannot be read or is refused (a registry
     *     error names the file and the fix)
     */
    public static Result run(ModelRegistry registry, Request request) throws IOException {
        Registration registration = request.registration();
        Optional<ModelVersion> same = Optional.empty();
        if (request.reuseExisting()) {
            String digest = Bundle.open(request.bundle()).digest();
            same = registry.models().stream().anyMatch(m -> m.name().equals(request.model()))
                    ? registry.versions(request.model()).stream().filter(v -> v.bundleDigest().equals(digest))
                            .reduce((a, b) -> b)
                    : Optional.empty();
        }
        ModelVersion version;
        boolean reused = same.isPresent();
        if (reused) {
            version = same.get();
            if (registration.run() != null) {
                // the run that reproduced the bundle is recorded too, so that its id in the record resolves
                registry.recordRun(registration.run());
            }
            if (registration.gateVerdict() != null) {
                registry.recordGateVerdict(version.model(), version.version(), registration.gateVerdict(), null);
            }
        } else {
            GoldenRows golden = request.golden() == null ? null : golden(request.bundle(), request.golden());
            version = registry.register(golden == null ? registration : registration.withGoldenRows(golden));
        }
        String runId = registration.producingRun() != null ? registration.producingRun() : version.runId();
        AliasMove move = null;
        if (request.alias() != null && !version.aliases().contains(request.alias())) {
            move = registry.promote(version.model(), version.version(), Promotion.to(request.alias(),
                    registration.actor()).because(request.aliasReason() == null ? "registered" : request.aliasReason()));
        }
        Result result = new Result(version, reused, runId, request.alias(), move);
        if (request.record() != null) {
            Reports.write(request.record(), result.toJson());
        }
        return result;
    }

    private static GoldenRows golden(Path bundlePath, GoldenSource source) throws IOException {
        Bundle bundle = Bundle.open(bundlePath);
        Model model = Model.from(bundle);
        if (source.data() == null) {
            return GoldenRows.choose(model, bundle.digest(), ModelData.read(model, source.file(), null, null),
                    source.rows(), source.seed());
        }
        try {
            return GoldenRows.choose(model, bundle.digest(), source.data(), source.rows(), source.seed());
        } catch (IllegalArgumentException noCompleteRow) {
            return null;
        }
    }
}
