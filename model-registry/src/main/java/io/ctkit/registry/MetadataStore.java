package io.ctkit.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** What may change or accumulate about a model or version after registration: labels, images, deployments. */
final class MetadataStore {

    private MetadataStore() {
    }

    static ModelInfo describeModel(Connection c, String model, String description) throws SQLException, RegistryException {
        if (Sql.update(c, "UPDATE models SET description = ? WHERE name = ?", description, model) == 0) {
            throw new NotFoundException(AliasStore.unknownModel(c, model));
        }
        return VersionStore.model(c, model).orElseThrow();
    }

    static ModelInfo tagModel(Connection c, String model, String key, String value) throws SQLException, RegistryException {
        if (!VersionStore.lockModel(c, model)) {
            throw new NotFoundException(AliasStore.unknownModel(c, model));
        }
        if (Sql.update(c, "UPDATE model_tags SET tag_value = ? WHERE model = ? AND tag_key = ?", value, model, key) == 0) {
            Sql.update(c, "INSERT INTO model_tags (model, tag_key, tag_value) VALUES (?, ?, ?)", model, key, value);
        }
        return VersionStore.model(c, model).orElseThrow();
    }

    static ModelVersion tagVersion(Connection c, String model, int version, String key, String value)
            throws SQLException, RegistryException {
        VersionStore.lockModel(c, model);
        find(c, model, version);
        if (Sql.update(c, "UPDATE version_tags SET tag_value = ? WHERE model = ? AND version = ? AND tag_key = ?",
                value, model, version, key) == 0) {
            Sql.update(c, "INSERT INTO version_tags (model, version, tag_key, tag_value) VALUES (?, ?, ?, ?)", model,
                    version, key, value);
        }
        return find(c, model, version);
    }

    static Image recordImage(Connection c, String model, int version, Image image) throws SQLException, RegistryException {
        find(c, model, version);
        Sql.update(c, "INSERT INTO images (model, version, reference, digest, run_id, recorded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (model, version, digest) DO NOTHING", model, version,
                image.reference(), image.digest(), image.runId(), image.recordedAt());
        return image;
    }

    static Deployment recordDeployment(Connection c, Deployment d) throws SQLException, RegistryException {
        find(c, d.model(), d.version());
        Sql.update(c, "INSERT INTO deployments (id, model, version, target, image_digest, run_id, actor, deployed_at,"
                + " outcome, failed_step, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", d.id(), d.model(),
                d.version(), d.target(), d.imageDigest(), d.runId(), d.actor(), d.deployedAt(), d.outcome(),
                d.failedStep(), d.message());
        return d;
    }

    /** A model's deployments to a target, oldest first. */
    static List<Deployment> deployments(Connection c, String model, String target)
            throws SQLException, RegistryException {
        return Sql.list(c, "SELECT * FROM deployments WHERE model = ? AND target = ? ORDER BY deployed_at, id",
                MetadataStore::deployment, model, target);
    }

    private static Deployment deployment(java.sql.ResultSet rs) throws SQLException {
        return new Deployment(rs.getString("id"), rs.getString("model"), rs.getInt("version"), rs.getString("target"),
                rs.getString("image_digest"), rs.getString("run_id"), rs.getString("actor"),
                Sql.instant(rs, "deployed_at"), rs.getString("outcome"), rs.getString("failed_step"),
                rs.getString("message"));
    }

    static Lineage lineage(Connection c, String model, int version) throws SQLException, RegistryException {
        ModelVersion v = find(c, model, version);
        Run run = v.runId() == null ? null : RunStore.get(c, v.runId()).orElse(null);
        List<Image> images = Sql.list(c, "SELECT * FROM images WHERE model = ? AND version = ? ORDER BY recorded_at",
                rs -> new Image(rs.getString("reference"), rs.getString("digest"), rs.getString("run_id"),
                        Sql.instant(rs, "recorded_at")), model, version);
        List<Deployment> deployments = Sql.list(c, "SELECT * FROM deployments WHERE model = ? AND version = ?"
                + " ORDER BY deployed_at, id", MetadataStore::deployment, model, version);
        return new Lineage(v, VersionStore.files(c, model, version), run, VersionStore.metrics(c, model, version),
                VersionStore.verdicts(c, model, version), VersionStore.reports(c, model, version), images, deployments, null);
    }

    static ModelVersion find(Connection c, String model, int version) throws SQLException, RegistryException {
        return VersionStore.version(c, model, version)
                .orElseThrow(() -> new NotFoundException(unknownVersion(c, model, version)));
    }

    private static String unknownVersion(Connection c, String model, int version) {
        try {
            return AliasStore.unknownVersion(c, model, version);
        } catch (SQLException | RegistryException e) {
            return "model " + model + " has no version " + version;
        }
    }
}
