package io.ctkit.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Aliases and their recorded moves. A rollback undoes the latest promotion that is not undone
 * yet, so rolling back twice goes two promotions back rather than flip-flopping.
 */
final class AliasStore {

    private AliasStore() {
    }

    static AliasMove promote(Connection c, String model, int version, Promotion p, Instant now)
            throws SQLException, RegistryException {
        VersionStore.lockModel(c, model);
        if (VersionStore.version(c, model, version).isEmpty()) {
            throw new NotFoundException(unknownVersion(c, model, version));
        }
        if (p.force() && (p.reason() == null || p.reason().isBlank())) {
            throw new RegistryException("forcing " + model + ":" + version + " to alias " + p.alias()
                    + " needs a reason (--reason TEXT); it is recorded with the move");
        }
        if (p.alias().equals(Promotion.PRODUCTION) && !p.force() && !VersionStore.hasPassingVerdict(c, model, version)) {
            throw new PolicyException(model + ":" + version + " has no passing gate verdict recorded, so it cannot become "
                    + Promotion.PRODUCTION + "; record one (register --gate, or models gate) or use --force with"
                    + " --reason");
        }
        Optional<Integer> current = current(c, model, p.alias());
        if (current.isPresent() && current.get() == version) {
            List<AliasMove> moves = history(c, model, p.alias());
            return moves.get(moves.size() - 1);
        }
        return move(c, model, p.alias(), "promote", current.orElse(null), version, p.actor(), p.reason(), p.force(), now);
    }

    static AliasMove rollback(Connection c, String model, String alias, String actor, String reason, Instant now)
            throws SQLException, RegistryException {
        if (reason == null || reason.isBlank()) {
            throw new RegistryException("a rollback of " + model + "@" + alias + " needs a reason (--reason TEXT)");
        }
        VersionStore.lockModel(c, model);
        Optional<Integer> current = current(c, model, alias);
        if (current.isEmpty()) {
            throw new NotFoundException("model " + model + " has no alias \"" + alias + "\" to roll back");
        }
        Deque<Integer> promoted = new ArrayDeque<>();
        for (AliasMove m : history(c, model, alias)) {
            if (m.kind().equals("promote")) {
                promoted.push(m.toVersion());
            } else if (!promoted.isEmpty()) {
                promoted.pop();
            }
        }
        if (promoted.size() < 2) {
            throw new RegistryException("model " + model + "@" + alias + " (now version " + current.get()
                    + ") has no earlier version to roll back to");
        }
        promoted.pop();
        return move(c, model, alias, "rollback", current.get(), promoted.peek(), actor, reason, false, now);
    }

    private static AliasMove move(Connection c, String model, String alias, String kind, Integer from, int to,
            String actor, String reason, boolean forced, Instant now) throws SQLException, RegistryException {
        if (from == null) {
            Sql.update(c, "INSERT INTO aliases (model, alias, version, updated_at) VALUES (?, ?, ?, ?)", model, alias, to,
                    now);
        } else {
            Sql.update(c, "UPDATE aliases SET version = ?, updated_at = ? WHERE model = ? AND alias = ?", to, now, model,
                    alias);
        }
        int seq = Sql.one(c, "SELECT COALESCE(MAX(seq), 0) FROM alias_moves WHERE model = ? AND alias = ?",
                rs -> rs.getInt(1), model, alias).orElse(0) + 1;
        Sql.update(c, "INSERT INTO alias_moves (model, alias, seq, kind, from_version, to_version, actor, reason, forced,"
                + " moved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", model, alias, seq, kind, Sql.integer(from), to,
                actor, reason, forced, now);
        return new AliasMove(model, alias, seq, kind, from, to, actor, reason, forced, now);
    }

    static Optional<Integer> current(Connection c, String model, String alias) throws SQLException, RegistryException {
        return Sql.one(c, "SELECT version FROM aliases WHERE model = ? AND alias = ?", rs -> rs.getInt(1), model, alias);
    }

    /** The moves of one alias, or of all the model's aliases when {@code alias} is null, oldest first. */
    static List<AliasMove> history(Connection c, String model, String alias) throws SQLException, RegistryException {
        List<Object> args = new ArrayList<>(List.of(model));
        String where = "model = ?";
        if (alias != null) {
            where += " AND alias = ?";
            args.add(alias);
        }
        String order = alias != null ? " ORDER BY seq" : " ORDER BY moved_at, alias, seq";
        return Sql.list(c, "SELECT * FROM alias_moves WHERE " + where + order,
                rs -> new AliasMove(rs.getString("model"), rs.getString("alias"), rs.getInt("seq"), rs.getString("kind"),
                        Sql.nullableInt(rs, "from_version"), rs.getInt("to_version"), rs.getString("actor"),
                        rs.getString("reason"), rs.getInt("forced") == 1, Sql.instant(rs, "moved_at")),
                args.toArray());
    }

    static String unknownVersion(Connection c, String model, int version) throws SQLException, RegistryException {
        Optional<ModelInfo> m = VersionStore.model(c, model);
        if (m.isEmpty()) {
            return unknownModel(c, model);
        }
        return "model " + model + " has no version " + version + " (its versions are 1 to " + m.get().lastVersion() + ")";
    }

    static String unknownModel(Connection c, String model) throws SQLException, RegistryException {
        List<String> names = VersionStore.modelNames(c);
        return "no model named \"" + model + "\" in the registry" + (names.isEmpty() ? " (it holds no models yet)"
                : "; it holds " + String.join(", ", names.size() > 10 ? names.subList(0, 10) : names)
                        + (names.size() > 10 ? " and " + (names.size() - 10) + " more" : ""));
    }
}
