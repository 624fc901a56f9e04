package io.ctkit.registry;

import io.ctkit.provenance.Provenance;

import io.ctkit.bundle.Bundle;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The model registry and metadata store: models, immutable versions, aliases with their history,
 * runs with their steps and artifacts, and the evidence kept with each version.
 *
 * <pre>{@code
 * try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.forProject(projectDir))) {
 *     ModelVersion v = registry.register(Registration.of("wine-classifier", bundleDir)
 *             .withMetrics(metrics).withGateVerdict(verdict).withRun(run));
 *     registry.promote("wine-classifier", v.version(), Promotion.to("production", "ci"));
 *     Optional<Bundle> champion = registry.productionBundle("wine-classifier");
 * }
 * }</pre>
 *
 * <p>Safe for many threads and, on either backend, for many processes at once. Every blob read
 * is verified against its SHA-256. Nothing is ever deleted or overwritten: versions, verdicts and
 * alias moves only accumulate.
 */
public final class ModelRegistry implements AutoCloseable {

    private final Database db;
    private final BlobStore blobs;
    private final Registrar registrar;

    private ModelRegistry(Database db, BlobStore blobs) {
        this.db = db;
        this.blobs = blobs;
        this.registrar = new Registrar(db, blobs);
    }

    /** Opens (creating or migrating as needed) the registry. */
    public static ModelRegistry open(RegistryConfig config) throws RegistryException {
        // The database first: an unreachable server must not leave a new blob directory behind.
        Database db = Database.open(config);
        BlobStore blobs;
        try {
            blobs = new BlobStore(config.blobDir());
        } catch (IOException e) {
            throw new RegistryException("cannot create the blob directory " + config.blobDir() + ": " + e, e);
        }
        return new ModelRegistry(db, blobs);
    }

    public RegistryConfig config() {
        return db.config();
    }

    /**
     * Registers a new version: verifies the bundle, stores its files and the evidence as blobs,
     * then records the version, its metrics, verdict, reports and run in one transaction.
     *
     * @throws io.ctkit.bundle.BundleException when the bundle does not verify
     * @throws RegistryException for a bad name, a malformed report, an unknown run id
     */
    public ModelVersion register(Registration registration) throws IOException {
        return registrar.register(registration);
    }

    /** Records a gate verdict file for an existing version (e.g. a later re-evaluation). */
    public RecordedVerdict recordGateVerdict(String model, int version, Path verdictFile, String runId)
            throws IOException {
        return registrar.recordVerdict(model, version, verdictFile, runId);
    }

    /** Keeps a test report (JUnit XML or Allure summary.json) as evidence of an existing version. */
    public Report recordTestReport(String model, int version, Path report) throws IOException {
        return registrar.recordTestReport(model, version, report);
    }

    /**
     * Keeps a monitoring report ({@code ctkit-monitor/1}, what {@code ctkit monitor} wrote) with the
     * version it judged, under kind {@code monitor}; every run is kept ({@code monitor.json},
     * {@code monitor.json.2}, ...) with its decision and reasons as the summary.
     */
    public Report recordMonitorReport(String model, int version, Path report) throws IOException {
        return registrar.recordMonitorReport(model, version, report);
    }

    public List<ModelInfo> models() throws IOException {
        return db.read(c -> {
            List<ModelInfo> out = new ArrayList<>();
            for (String name : VersionStore.modelNames(c)) {
                out.add(VersionStore.model(c, name).orElseThrow());
            }
            return out;
        });
    }

    public ModelInfo model(String name) throws IOException {
        Names.model(name);
        return db.read(c -> {
            Optional<ModelInfo> m = VersionStore.model(c, name);
            if (m.isEmpty()) {
                throw new NotFoundException(AliasStore.unknownModel(c, name));
            }
            return m.get();
        });
    }

    /** Every version of a model, oldest first. */
    public List<ModelVersion> versions(String model) throws IOException {
        Names.model(model);
        return db.read(c -> {
            if (VersionStore.model(c, model).isEmpty()) {
                throw new NotFoundException(AliasStore.unknownModel(c, model));
            }
            List<ModelVersion> out = new ArrayList<>();
            for (int n : VersionStore.numbers(c, model)) {
                out.add(VersionStore.version(c, model, n).orElseThrow());
            }
            return out;
        });
    }

    public ModelVersion version(String model, int version) throws IOException {
        Names.model(model);
        return db.read(c -> find(c, model, version));
    }

    /** A version by number ({@code "3"}) or by alias ({@code "production"}). */
    public ModelVersion resolve(String model, String versionOrAlias) throws IOException {
        Names.model(model);
        if (versionOrAlias != null && !versionOrAlias.isEmpty() && versionOrAlias.chars().allMatch(Character::isDigit)
                && versionOrAlias.length() < 10) {
            return version(model, Integer.parseInt(versionOrAlias));
        }
        String alias = Names.alias(versionOrAlias);
        return db.read(c -> {
            Optional<Integer> n = AliasStore.current(c, model, alias);
            if (n.isEmpty()) {
                Optional<ModelInfo> known = VersionStore.model(c, model);
                if (known.isEmpty()) {
                    throw new NotFoundException(AliasStore.unknownModel(c, model));
                }
                ModelInfo m = known.get();
                throw new NotFoundException("model " + model + " has no alias \"" + alias + "\"" + (m.aliases().isEmpty()
                        ? " (it has no aliases)" : "; its aliases are " + String.join(", ", m.aliases().keySet())));
            }
            return find(c, model, n.get());
        });
    }

    /**
     * The version a reference names: {@code name:version} or, as of now, {@code name@alias}.
     *
     * @throws NotFoundException naming the model, the alias or the version that does not exist
     */
    public ModelVersion resolve(ModelReference reference) throws IOException {
        return reference.isAlias() ? resolve(reference.model(), reference.alias())
                : version(reference.model(), reference.version());
    }

    /** The version an alias points at, if the alias is set. */
    public Optional<ModelVersion> alias(String model, String alias) throws IOException {
        Names.model(model);
        Names.alias(alias);
        return db.read(c -> {
            Optional<Integer> n = AliasStore.current(c, model, alias);
            return n.isEmpty() ? Optional.<ModelVersion>empty() : Optional.of(find(c, model, n.get()));
        });
    }

    /** The champion: the version {@code production} points at, if any. */
    public Optional<ModelVersion> production(String model) throws IOException {
        return alias(model, Promotion.PRODUCTION);
    }

    /** The champion's bundle, verified, for the gate and the test kit; empty before any promotion. */
    public Optional<Bundle> productionBundle(String model) throws IOException {
        Optional<ModelVersion> v = production(model);
        return v.isEmpty() ? Optional.empty() : Optional.of(bundle(model, v.get().version()));
    }

    public List<BundleFile> files(String model, int version) throws IOException {
        Names.model(model);
        return db.read(c -> {
            find(c, model, version);
            return VersionStore.files(c, model, version);
        });
    }

    public Map<String, MetricEstimate> metrics(String model, int version) throws IOException {
        Names.model(model);
        return db.read(c -> {
            find(c, model, version);
            return VersionStore.metrics(c, model, version);
        });
    }

    public List<RecordedVerdict> gateVerdicts(String model, int version) throws IOException {
        Names.model(model);
        return db.read(c -> {
            find(c, model, version);
            return VersionStore.verdicts(c, model, version);
        });
    }

    public List<Report> reports(String model, int version) throws IOException {
        Names.model(model);
        return db.read(c -> {
            find(c, model, version);
            return VersionStore.reports(c, model, version);
        });
    }

    /** The verified content of a stored blob (a report, a bundle file). */
    public byte[] blob(String sha256) throws IOException {
        return blobs.get(sha256);
    }

    /** A version's bundle, read back from the blob store and verified, held in memory. */
    public Bundle bundle(String model, int version) throws IOException {
        return new BundleExport(blobs).inMemory(version(model, version), files(model, version));
    }

    /**
     * Writes a version's bundle as a new directory {@code target} (atomically: assembled beside
     * it, then renamed) and returns it verified.
     */
    public Bundle exportBundle(String model, int version, Path target) throws IOException {
        return new BundleExport(blobs).toDirectory(version(model, version), files(model, version), target);
    }

    /**
     * Points an alias at a version and records the move. {@code production} requires a passing
     * gate verdict recorded for the version, unless the promotion is forced with a reason.
     *
     * @throws PolicyException when the policy forbids the move
     */
    public AliasMove promote(String model, int version, Promotion promotion) throws IOException {
        Names.model(model);
        Names.alias(promotion.alias());
        Names.text("actor", promotion.actor());
        Names.text("reason", promotion.reason());
        return db.write(c -> AliasStore.promote(c, model, version, promotion, Instant.now()));
    }

    /** Moves an alias back to the version it held before its latest promotion, and records why. */
    public AliasMove rollback(String model, String alias, String actor, String reason) throws IOException {
        Names.model(model);
        Names.alias(alias);
        Names.text("actor", actor);
        Names.text("reason", reason);
        return db.write(c -> {
            if (VersionStore.model(c, model).isEmpty()) {
                throw new NotFoundException(AliasStore.unknownModel(c, model));
            }
            return AliasStore.rollback(c, model, alias, actor, reason, Instant.now());
        });
    }

    /** Sets a model's description (null clears it); model metadata, unlike versions, may change. */
    public ModelInfo describeModel(String model, String description) throws IOException {
        Names.model(model);
        Names.text("description", description);
        return db.write(c -> MetadataStore.describeModel(c, model, description));
    }

    /** Sets (or replaces) a tag of a model. */
    public ModelInfo tagModel(String model, String key, String value) throws IOException {
        Names.model(model);
        Names.key("tag name", key);
        Names.text("tag " + key, Objects.requireNonNull(value, "value"));
        return db.write(c -> MetadataStore.tagModel(c, model, key, value));
    }

    /**
     * Sets (or replaces) a tag of a version. Tags are labels about a version (e.g. a later review),
     * not part of it: the bundle and the evidence stay as registered.
     */
    public ModelVersion tagVersion(String model, int version, String key, String value) throws IOException {
        Names.model(model);
        Names.key("tag name", key);
        Names.text("tag " + key, Objects.requireNonNull(value, "value"));
        return db.write(c -> MetadataStore.tagVersion(c, model, version, key, value));
    }

    /** The recorded moves of an alias (or of all the model's aliases when null), oldest first. */
    public List<AliasMove> aliasHistory(String model, String alias) throws IOException {
        Names.model(model);
        if (alias != null) {
            Names.alias(alias);
        }
        return db.read(c -> {
            if (VersionStore.model(c, model).isEmpty()) {
                throw new NotFoundException(AliasStore.unknownModel(c, model));
            }
            return AliasStore.history(c, model, alias);
        });
    }

    /** Records a run, or merges new steps, artifacts and status into the run with its id. */
    public Run recordRun(Run run) throws IOException {
        RunStore.validate(run);
        return db.write(c -> {
            RunStore.merge(c, run);
            return RunStore.get(c, run.id()).orElseThrow();
        });
    }

    public Run run(String id) throws IOException {
        Names.key("run id", id);
        return db.read(c -> RunStore.get(c, id).orElseThrow(() -> new NotFoundException("no run with id \"" + id
                + "\" in the registry")));
    }

    /** The most recently started runs, newest first. */
    public List<Run> runs(int limit) throws IOException {
        if (limit < 1) {
            throw new RegistryException("the number of runs to list must be at least 1, got " + limit);
        }
        return db.read(c -> RunStore.list(c, limit));
    }

    /** The versions a run produced. */
    public List<ModelVersion> versionsOfRun(String runId) throws IOException {
        Names.key("run id", runId);
        return db.read(c -> {
            List<ModelVersion> out = new ArrayList<>();
            for (Object[] k : Sql.list(c, "SELECT model, version FROM versions WHERE run_id = ? ORDER BY model, version",
                    rs -> new Object[] {rs.getString(1), rs.getInt(2)}, runId)) {
                out.add(find(c, (String) k[0], (Integer) k[1]));
            }
            return out;
        });
    }

    /**
     * Asks to retrain a model, deciding in one transaction whether it may start: not when a
     * retraining of the model is pending or running (deduplicated; one older than {@code timeout}
     * is taken as dead), nor within {@code cooldown} of the last one that did not fail to start
     * (cooling down). An accepted request is recorded as {@code pending}; report how it went with
     * {@link #updateRetrain}.
     *
     * @param trigger one of {@link Run#TRIGGERS}
     * @param via how it will be started, e.g. {@code local} or {@code tekton}
     * @throws NotFoundException when the model is not registered
     */
    public RetrainDecision requestRetrain(String model, String trigger, String via, String reason, Duration cooldown,
            Duration timeout) throws IOException {
        Names.model(model);
        if (!Run.TRIGGERS.contains(trigger)) {
            throw new RegistryException("unknown retrain trigger \"" + trigger + "\"; expected one of "
                    + String.join(", ", Run.TRIGGERS));
        }
        Names.key("retrain via", via);
        Names.text("retrain reason", reason);
        if (cooldown.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new RegistryException("the retrain cooldown must not be negative and the timeout must be positive, got "
                    + cooldown + " and " + timeout);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return db.write(c -> RetrainStore.request(c, model, trigger, via, reason, cooldown, timeout, now));
    }

    /**
     * Moves an active retrain request on: to {@code running}, {@code submitted} (with the CI
     * system's reference), {@code succeeded} or {@code failed} (a failure to start frees the
     * cooldown).
     */
    public RetrainRequest updateRetrain(String requestId, String status, String reference) throws IOException {
        Names.key("retrain request id", requestId);
        if (!RetrainRequest.STATUSES.contains(status) || status.equals("pending")) {
            throw new RegistryException("a retrain request cannot become \"" + status + "\"; expected running,"
                    + " submitted, succeeded or failed");
        }
        Names.text("retrain reference", reference);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return db.write(c -> RetrainStore.update(c, requestId, status, reference, now));
    }

    /** The retrain requests of a model that were accepted, oldest first. */
    public List<RetrainRequest> retrainRequests(String model) throws IOException {
        Names.model(model);
        return db.read(c -> RetrainStore.list(c, model));
    }

    /** Records a scoring image built from a version. */
    public Image recordImage(String model, int version, String reference, String digest, String runId)
            throws IOException {
        Names.model(model);
        Names.text("image reference", reference);
        Names.text("image digest", digest);
        Image image = new Image(reference, digest, runId, Instant.now());
        return db.write(c -> MetadataStore.recordImage(c, model, version, image));
    }

    /** Records that a version was deployed. */
    public Deployment recordDeployment(String model, int version, String target, String imageDigest, String runId,
            String actor) throws IOException {
        Names.model(model);
        Names.text("deployment target", target);
        Names.text("actor", actor);
        Deployment d = new Deployment(UUID.randomUUID().toString(), model, version, target, imageDigest, runId, actor,
                Instant.now());
        return db.write(c -> MetadataStore.recordDeployment(c, d));
    }

    /** Everything known about where a version came from. */
    public Lineage lineage(String model, int version) throws IOException {
        Names.model(model);
        Lineage lineage = db.read(c -> MetadataStore.lineage(c, model, version));
        return lineage.withProvenance(provenance(lineage.reports()).orElse(null));
    }

    /**
     * The provenance stored with a version ({@link Registration#withProvenance}): data
     * fingerprints, config hash, code version, seed and runtime; empty when none was given.
     */
    public Optional<Provenance> provenance(String model, int version) throws IOException {
        return provenance(reports(model, version));
    }

    private Optional<Provenance> provenance(List<Report> reports) throws IOException {
        for (Report r : reports) {
            if (r.kind().equals(Registrar.PROVENANCE)) {
                try {
                    return Optional.of(Provenance.read(blob(r.sha256()), "provenance " + r.sha256()));
                } catch (IllegalArgumentException e) {
                    throw new RegistryException("the stored provenance of this version cannot be read: " + e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    /** Reads back and re-hashes every blob that every version refers to. */
    public Verification verify() throws IOException {
        List<Object[]> refs = db.read(c -> Sql.list(c, "SELECT model, version, path, sha256 FROM version_files UNION ALL"
                + " SELECT model, version, name, sha256 FROM version_reports ORDER BY 1, 2, 3",
                rs -> new Object[] {rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)}));
        int versions = db.read(c -> Sql.one(c, "SELECT COUNT(*) FROM versions", rs -> rs.getInt(1)).orElse(0));
        List<String> problems = new ArrayList<>();
        for (Object[] r : refs) {
            try {
                blobs.verify((String) r[3]);
            } catch (RegistryException e) {
                problems.add(r[0] + ":" + r[1] + " " + r[2] + ": " + e.getMessage());
            }
        }
        return new Verification(versions, refs.size(), problems);
    }

    private static ModelVersion find(Connection c, String model, int version) throws SQLException, RegistryException {
        return MetadataStore.find(c, model, version);
    }

    @Override
    public void close() {
        // Connections live only as long as each transaction; nothing stays open between calls.
    }
}
