package io.ctkit.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Prepared statements in one line each; the SQL is portable between SQLite and PostgreSQL. */
final class Sql {

    interface Row<T> {
        T map(ResultSet rs) throws SQLException, RegistryException;
    }

    private Sql() {
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, args)) {
            return s.executeUpdate();
        }
    }

    static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) throws SQLException, RegistryException {
        try (PreparedStatement s = prepare(c, sql, args); ResultSet rs = s.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        }
    }

    static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... args)
            throws SQLException, RegistryException {
        List<T> all = list(c, sql, row, args);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (a == null) {
                    s.setNull(i + 1, Types.VARCHAR);
                } else if (a instanceof Instant t) {
                    s.setLong(i + 1, t.toEpochMilli());
                } else if (a instanceof Boolean b) {
                    s.setInt(i + 1, b ? 1 : 0);
                } else if (a instanceof Double d) {
                    if (d.isNaN()) {
                        s.setNull(i + 1, Types.DOUBLE);
                    } else {
                        s.setDouble(i + 1, d);
                    }
                } else if (a instanceof NullInt) {
                    s.setNull(i + 1, Types.INTEGER);
                } else if (a instanceof NullLong) {
                    s.setNull(i + 1, Types.BIGINT);
                } else {
                    s.setObject(i + 1, a);
                }
            }
            return s;
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** A typed SQL NULL for an INTEGER column (PostgreSQL wants the type of a NULL parameter). */
    enum NullInt { VALUE }

    /** A typed SQL NULL for a BIGINT column. */
    enum NullLong { VALUE }

    static Object integer(Integer value) {
        return value == null ? NullInt.VALUE : value;
    }

    static Object time(Instant value) {
        return value == null ? NullLong.VALUE : value;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static double number(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }
}
