package io.ctkit.registry;

import io.ctkit.gate.GateVerdict;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Models, versions and what is kept with a version, in SQL. */
final class VersionStore {

    /** A registration whose blobs are stored, ready for its one transaction. */
    record Prepared(String model, String bundleDigest, List<BundleFile> files, Map<String, MetricEstimate> metrics,
            List<Report> reports, GateVerdict verdict, String verdictSha, Registration registration) {
    }

    private VersionStore() {
    }

    /** Inserts the version and everything kept with it; returns its number. */
    static int insert(Connection c, Prepared p, Instant now) throws SQLException, RegistryException {
        Registration r = p.registration();
        Sql.update(c, "INSERT INTO models (name, description, created_at, last_version) VALUES (?, NULL, ?, 0)"
                + " ON CONFLICT (name) DO NOTHING", p.model(), now);
        // The row lock (PostgreSQL) or the write lock (SQLite) taken here orders concurrent registrations.
        Sql.update(c, "UPDATE models SET last_version = last_version + 1 WHERE name = ?", p.model());
        int version = Sql.one(c, "SELECT last_version FROM models WHERE name = ?", rs -> rs.getInt(1), p.model())
                .orElseThrow();
        Sql.update(c, "INSERT INTO versions (model, version, bundle_digest, run_id, description, created_at, created_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", p.model(), version, p.bundleDigest(), r.producingRun(),
                r.description(), now, r.actor());
        for (BundleFile f : p.files()) {
            Sql.update(c, "INSERT INTO version_files (model, version, path, sha256, size) VALUES (?, ?, ?, ?, ?)",
                    p.model(), version, f.path(), f.sha256(), f.size());
        }
        for (Map.Entry<String, String> t : r.tags().entrySet()) {
            Sql.update(c, "INSERT INTO version_tags (model, version, tag_key, tag_value) VALUES (?, ?, ?, ?)", p.model(),
                    version, t.getKey(), t.getValue());
        }
        for (Map.Entry<String, MetricEstimate> m : p.metrics().entrySet()) {
            Sql.update(c, "INSERT INTO version_metrics (model, version, metric, value, ci_low, ci_high)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", p.model(), version, m.getKey(), m.getValue().value(),
                    m.getValue().ciLow(), m.getValue().ciHigh());
        }
        for (Report rep : p.reports()) {
            insertReport(c, p.model(), version, rep);
        }
        if (p.verdict() != null) {
            insertVerdict(c, p.model(), version, p.verdictSha(), p.verdict(), r.producingRun(), now);
        }
        return version;
    }

    static void insertReport(Connection c, String model, int version, Report rep) throws SQLException {
        Sql.update(c, "INSERT INTO version_reports (model, version, name, kind, sha256, size, summary, recorded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", model, version, rep.name(), rep.kind(), rep.sha256(), rep.size(),
                rep.summary(), rep.recordedAt());
    }

    static void insertVerdict(Connection c, String model, int version, String sha, GateVerdict v, String runId,
            Instant now) throws SQLException {
        Sql.update(c, "INSERT INTO gate_verdicts (model, version, sha256, passed, first_run, run_id, recorded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (model, version, sha256) DO NOTHING", model, version, sha,
                v.passed(), v.firstRun(), runId, now);
    }

    /**
     * Takes the model's row lock (PostgreSQL; SQLite holds its database write lock already), so
     * concurrent read-then-write changes of one model's aliases, tags and reports are serialised
     * instead of colliding. Returns whether the model exists.
     */
    static boolean lockModel(Connection c, String model) throws SQLException {
        return Sql.update(c, "UPDATE models SET last_version = last_version WHERE name = ?", model) == 1;
    }

    static Optional<ModelVersion> version(Connection c, String model, int version) throws SQLException, RegistryException {
        Optional<ModelVersion> base = Sql.one(c, "SELECT * FROM versions WHERE model = ? AND version = ?",
                VersionStore::row, model, version);
        if (base.isEmpty()) {
            return base;
        }
        ModelVersion v = base.get();
        Map<String, String> tags = new LinkedHashMap<>();
        for (String[] t : Sql.list(c, "SELECT tag_key, tag_value FROM version_tags WHERE model = ? AND version = ?"
                + " ORDER BY tag_key", rs -> new String[] {rs.getString(1), rs.getString(2)}, model, version)) {
            tags.put(t[0], t[1]);
        }
        List<String> aliases = Sql.list(c, "SELECT alias FROM aliases WHERE model = ? AND version = ? ORDER BY alias",
                rs -> rs.getString(1), model, version);
        return Optional.of(new ModelVersion(v.model(), v.version(), v.bundleDigest(), v.runId(), v.description(),
                v.createdAt(), v.createdBy(), tags, aliases));
    }

    static List<Integer> numbers(Connection c, String model) throws SQLException, RegistryException {
        return Sql.list(c, "SELECT version FROM versions WHERE model = ? ORDER BY version", rs -> rs.getInt(1), model);
    }

    static Optional<ModelInfo> model(Connection c, String name) throws SQLException, RegistryException {
        Optional<ModelInfo> base = Sql.one(c, "SELECT * FROM models WHERE name = ?", rs -> new ModelInfo(
                rs.getString("name"), rs.getString("description"), Sql.instant(rs, "created_at"),
                rs.getInt("last_version"), Map.of(), Map.of()), name);
        if (base.isEmpty()) {
            return base;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String[] t : Sql.list(c, "SELECT tag_key, tag_value FROM model_tags WHERE model = ? ORDER BY tag_key",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, name)) {
            tags.put(t[0], t[1]);
        }
        Map<String, Integer> aliases = new LinkedHashMap<>();
        for (Object[] a : Sql.list(c, "SELECT alias, version FROM aliases WHERE model = ? ORDER BY alias",
                rs -> new Object[] {rs.getString(1), rs.getInt(2)}, name)) {
            aliases.put((String) a[0], (Integer) a[1]);
        }
        ModelInfo m = base.get();
        return Optional.of(new ModelInfo(m.name(), m.description(), m.createdAt(), m.lastVersion(), tags, aliases));
    }

    static List<String> modelNames(Connection c) throws SQLException, RegistryException {
        return Sql.list(c, "SELECT name FROM models ORDER BY name", rs -> rs.getString(1));
    }

    static List<BundleFile> files(Connection c, String model, int version) throws SQLException, RegistryException {
        return Sql.list(c, "SELECT path, sha256, size FROM version_files WHERE model = ? AND version = ? ORDER BY path",
                rs -> new BundleFile(rs.getString(1), rs.getString(2), rs.getLong(3)), model, version);
    }

    static Map<String, MetricEstimate> metrics(Connection c, String model, int version)
            throws SQLException, RegistryException {
        Map<String, MetricEstimate> out = new LinkedHashMap<>();
        for (Object[] m : Sql.list(c, "SELECT metric, value, ci_low, ci_high FROM version_metrics WHERE model = ?"
                + " AND version = ? ORDER BY metric", rs -> new Object[] {rs.getString(1), new MetricEstimate(
                        Sql.number(rs, "value"), Sql.number(rs, "ci_low"), Sql.number(rs, "ci_high"))}, model, version)) {
            out.put((String) m[0], (MetricEstimate) m[1]);
        }
        return out;
    }

    static List<Report> reports(Connection c, String model, int version) throws SQLException, RegistryException {
        return Sql.list(c, "SELECT * FROM version_reports WHERE model = ? AND version = ? ORDER BY recorded_at, name",
                rs -> new Report(rs.getString("name"), rs.getString("kind"), rs.getString("sha256"), rs.getLong("size"),
                        rs.getString("summary"), Sql.instant(rs, "recorded_at")), model, version);
    }

    /** Whether a passing gate verdict is recorded for the version. */
    static boolean hasPassingVerdict(Connection c, String model, int version) throws SQLException, RegistryException {
        return Sql.one(c, "SELECT 1 FROM gate_verdicts WHERE model = ? AND version = ? AND passed = 1",
                rs -> rs.getInt(1), model, version).isPresent();
    }

    static List<RecordedVerdict> verdicts(Connection c, String model, int version) throws SQLException, RegistryException {
        return Sql.list(c, "SELECT * FROM gate_verdicts WHERE model = ? AND version = ? ORDER BY recorded_at, sha256",
                rs -> new RecordedVerdict(rs.getString("sha256"), rs.getInt("passed") == 1, rs.getInt("first_run") == 1,
                        rs.getString("run_id"), Sql.instant(rs, "recorded_at")), model, version);
    }

    private static ModelVersion row(ResultSet rs) throws SQLException {
        return new ModelVersion(rs.getString("model"), rs.getInt("version"), rs.getString("bundle_digest"),
                rs.getString("run_id"), rs.getString("description"), Sql.instant(rs, "created_at"),
                rs.getString("created_by"), Map.of(), List.of());
    }
}
