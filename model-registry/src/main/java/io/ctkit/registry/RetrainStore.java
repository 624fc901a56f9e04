package io.ctkit.registry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Retrain requests in SQL: the cooldown and deduplication decided in the requesting transaction. */
final class RetrainStore {

    private RetrainStore() {
    }

    static RetrainDecision request(Connection c, String model, String trigger, String via, String reason,
            Duration cooldown, Duration timeout, Instant now) throws SQLException, RegistryException {
        // The model's row lock serialises concurrent requests (PostgreSQL; SQLite holds its write lock).
        if (!VersionStore.lockModel(c, model)) {
            throw new NotFoundException(AliasStore.unknownModel(c, model));
        }
        // An active request older than the timeout belongs to a retraining that died without
        // saying so; it must not block the model for ever.
        Optional<RetrainRequest> active = Sql.one(c, "SELECT * FROM retrain_requests WHERE model = ?"
                + " AND status IN ('pending', 'running') AND requested_at > ? ORDER BY requested_at DESC, id LIMIT 1",
                RetrainStore::row, model, now.minus(timeout));
        if (active.isPresent()) {
            return new RetrainDecision(RetrainDecision.Outcome.DEDUPLICATED, active.get(), null);
        }
        // A request that failed to start retrained nothing, so it does not count for the cooldown.
        Optional<RetrainRequest> recent = Sql.one(c, "SELECT * FROM retrain_requests WHERE model = ?"
                + " AND status <> 'failed' AND requested_at > ? ORDER BY requested_at DESC, id LIMIT 1",
                RetrainStore::row, model, now.minus(cooldown));
        if (recent.isPresent()) {
            return new RetrainDecision(RetrainDecision.Outcome.COOLING_DOWN, recent.get(),
                    recent.get().requestedAt().plus(cooldown));
        }
        RetrainRequest r = new RetrainRequest(UUID.randomUUID().toString(), model, trigger, via, "pending", reason,
                null, now, now);
        Sql.update(c, "INSERT INTO retrain_requests (id, model, run_trigger, via, status, reason, reference,"
                + " requested_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", r.id(), r.model(), r.trigger(),
                r.via(), r.status(), r.reason(), r.reference(), r.requestedAt(), r.updatedAt());
        return new RetrainDecision(RetrainDecision.Outcome.ACCEPTED, r, null);
    }

    static RetrainRequest update(Connection c, String id, String status, String reference, Instant now)
            throws SQLException, RegistryException {
        RetrainRequest old = get(c, id);
        if (!old.active()) {
            throw new RegistryException("retrain request " + id + " is " + old.status() + " already; only a pending"
                    + " or running request can change its status");
        }
        Sql.update(c, "UPDATE retrain_requests SET status = ?, reference = COALESCE(?, reference), updated_at = ?"
                + " WHERE id = ?", status, reference, now, id);
        return get(c, id);
    }

    static RetrainRequest get(Connection c, String id) throws SQLException, RegistryException {
        return Sql.one(c, "SELECT * FROM retrain_requests WHERE id = ?", RetrainStore::row, id)
                .orElseThrow(() -> new NotFoundException("no retrain request with id \"" + id + "\" in the registry"));
    }

    static List<RetrainRequest> list(Connection c, String model) throws SQLException, RegistryException {
        return Sql.list(c, "SELECT * FROM retrain_requests WHERE model = ? ORDER BY requested_at, id",
                RetrainStore::row, model);
    }

    private static RetrainRequest row(ResultSet rs) throws SQLException {
        return new RetrainRequest(rs.getString("id"), rs.getString("model"), rs.getString("run_trigger"),
                rs.getString("via"), rs.getString("status"), rs.getString("reason"), rs.getString("reference"),
                Sql.instant(rs, "requested_at"), Sql.instant(rs, "updated_at"));
    }
}
