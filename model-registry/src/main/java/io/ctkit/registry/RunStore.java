package io.ctkit.registry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs, steps, artifacts and events in SQL. Run-level inputs are events of the step named
 * {@code ""}. Recording a run again merges: new steps and artifacts are added, identical ones are
 * not repeated, status and end time are updated, settings given later fill in or add keys.
 */
final class RunStore {

    static final String RUN_LEVEL = "";

    private RunStore() {
    }

    static void validate(Run run) throws RegistryException {
        Names.key("run id", run.id());
        Names.text("pipeline", run.pipeline());
        Names.text("pipeline version", run.pipelineVersion());
        Names.text("code version", run.codeVersion());
        Names.key("run status", run.status());
        Names.text("actor", run.actor());
        for (String k : run.parameters().keySet()) {
            Names.key("parameter name", k);
        }
        for (String k : run.hyperparameters().keySet()) {
            Names.key("hyperparameter name", k);
        }
        for (Step s : run.steps()) {
            Names.key("step name", s.name());
            Names.key("step status", s.status());
        }
    }

    static void merge(Connection c, Run run) throws SQLException, RegistryException {
        // Inserting first (or waiting on the row a concurrent recorder is inserting) and then
        // locking the row serialises every merge into one run.
        int inserted = Sql.update(c, "INSERT INTO runs (id, pipeline, pipeline_version, code_version, status, started_at,"
                + " ended_at, actor, parameters, hyperparameters, run_trigger) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (id) DO NOTHING", run.id(), run.pipeline(), run.pipelineVersion(), run.codeVersion(),
                run.status(), run.startedAt(), Sql.time(run.endedAt()), run.actor(), Json.write(run.parameters()),
                Json.write(run.hyperparameters()), run.trigger());
        if (inserted == 0) {
            lock(c, run.id());
            Run old = Sql.one(c, "SELECT * FROM runs WHERE id = ?", RunStore::row, run.id()).orElseThrow();
            Map<String, String> parameters = new LinkedHashMap<>(old.parameters());
            parameters.putAll(run.parameters());
            Map<String, String> hyper = new LinkedHashMap<>(old.hyperparameters());
            hyper.putAll(run.hyperparameters());
            Sql.update(c, "UPDATE runs SET pipeline = COALESCE(?, pipeline), pipeline_version = COALESCE(?, pipeline_version),"
                    + " code_version = COALESCE(?, code_version),"
                    // A step reporting in as "running" must not make a finished run look unfinished.
                    + " status = CASE WHEN ? = 'running' THEN status ELSE ? END, ended_at = COALESCE(?, ended_at),"
                    + " actor = COALESCE(?, actor), parameters = ?, hyperparameters = ?,"
                    // A step that does not know the trigger (the default, manual) keeps the recorded one.
                    + " run_trigger = CASE WHEN ? = 'manual' THEN run_trigger ELSE ? END WHERE id = ?", run.pipeline(),
                    run.pipelineVersion(), run.codeVersion(), run.status(), run.status(), Sql.time(run.endedAt()),
                    run.actor(), Json.write(parameters), Json.write(hyper), run.trigger(), run.trigger(), run.id());
        }
        for (Artifact a : run.inputs()) {
            event(c, run.id(), RUN_LEVEL, "input", a);
        }
        for (Step s : run.steps()) {
            step(c, run.id(), s);
        }
    }

    /** Records a step of a run (or updates it) with its inputs and outputs. */
    static void step(Connection c, String runId, Step s) throws SQLException, RegistryException {
        lock(c, runId);
        int changed = Sql.update(c, "UPDATE run_steps SET status = ?, started_at = COALESCE(?, started_at),"
                + " ended_at = COALESCE(?, ended_at), details = COALESCE(?, details) WHERE run_id = ? AND name = ?",
                s.status(), Sql.time(s.startedAt()), Sql.time(s.endedAt()), s.details(), runId, s.name());
        if (changed == 0) {
            Sql.update(c, "INSERT INTO run_steps (run_id, name, status, started_at, ended_at, details)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", runId, s.name(), s.status(), Sql.time(s.startedAt()),
                    Sql.time(s.endedAt()), s.details());
        }
        for (Artifact a : s.inputs()) {
            event(c, runId, s.name(), "input", a);
        }
        for (Artifact a : s.outputs()) {
            event(c, runId, s.name(), "output", a);
        }
    }

    /** Links an artifact to a run's step, unless the same artifact is linked the same way already. */
    static void event(Connection c, String runId, String step, String direction, Artifact a)
            throws SQLException, RegistryException {
        for (Artifact known : events(c, runId, step, direction)) {
            if (known.equals(a)) {
                return;
            }
        }
        String id = UUID.randomUUID().toString();
        Sql.update(c, "INSERT INTO artifacts (id, kind, location, digest, properties, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                id, a.kind(), a.location(), a.digest(), Json.write(a.properties()), Instant.now());
        Sql.update(c, "INSERT INTO events (run_id, step, artifact_id, direction, role) VALUES (?, ?, ?, ?, ?)", runId, step,
                id, direction, a.role());
    }

    private static List<Artifact> events(Connection c, String runId, String step, String direction)
            throws SQLException, RegistryException {
        return Sql.list(c, "SELECT a.kind, e.role, a.location, a.digest, a.properties FROM events e"
                + " JOIN artifacts a ON a.id = e.artifact_id WHERE e.run_id = ? AND e.step = ? AND e.direction = ?"
                + " ORDER BY a.created_at, a.id", rs -> new Artifact(rs.getString("kind"), rs.getString("role"),
                        rs.getString("location"), rs.getString("digest"), Json.readMap(rs.getString("properties"))),
                runId, step, direction);
    }

    /** The run's row lock (PostgreSQL; SQLite holds its database write lock already). */
    static void lock(Connection c, String runId) throws SQLException {
        Sql.update(c, "UPDATE runs SET status = status WHERE id = ?", runId);
    }

    static Optional<Run> get(Connection c, String id) throws SQLException, RegistryException {
        Optional<Run> base = Sql.one(c, "SELECT * FROM runs WHERE id = ?", RunStore::row, id);
        if (base.isEmpty()) {
            return base;
        }
        Run run = base.get();
        List<Artifact> inputs = events(c, id, RUN_LEVEL, "input");
        List<Step> steps = new ArrayList<>();
        for (Step s : Sql.list(c, "SELECT * FROM run_steps WHERE run_id = ? ORDER BY COALESCE(started_at, 0), name",
                rs -> new Step(rs.getString("name"), rs.getString("status"), Sql.instant(rs, "started_at"),
                        Sql.instant(rs, "ended_at"), rs.getString("details"), List.of(), List.of()), id)) {
            steps.add(s.withInputs(events(c, id, s.name(), "input")).withOutputs(events(c, id, s.name(), "output")));
        }
        return Optional.of(new Run(run.id(), run.pipeline(), run.pipelineVersion(), run.codeVersion(), run.status(),
                run.startedAt(), run.endedAt(), run.actor(), run.parameters(), run.hyperparameters(), inputs, steps,
                run.trigger()));
    }

    static List<Run> list(Connection c, int limit) throws SQLException, RegistryException {
        return Sql.list(c, "SELECT * FROM runs ORDER BY started_at DESC, id LIMIT ?", RunStore::row, limit);
    }

    static boolean exists(Connection c, String id) throws SQLException, RegistryException {
        return Sql.one(c, "SELECT id FROM runs WHERE id = ?", rs -> rs.getString(1), id).isPresent();
    }

    private static Run row(ResultSet rs) throws SQLException, RegistryException {
        return new Run(rs.getString("id"), rs.getString("pipeline"), rs.getString("pipeline_version"),
                rs.getString("code_version"), rs.getString("status"), Sql.instant(rs, "started_at"),
                Sql.instant(rs, "ended_at"), rs.getString("actor"), Json.readMap(rs.getString("parameters")),
                Json.readMap(rs.getString("hyperparameters")), List.of(), List.of(), rs.getString("run_trigger"));
    }
}
