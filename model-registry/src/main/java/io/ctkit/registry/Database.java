package io.ctkit.registry;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The registry's database: connections, the Flyway migrations (one set for both backends) and
 * transactions that are retried when the database reports contention (SQLITE_BUSY, PostgreSQL
 * serialization failures and deadlocks). A retried transaction is re-run from the start, so its
 * work must be free of effects outside the database.
 */
final class Database {

    /** Functional interface of work done inside one transaction. */
    interface Work<T> {
        T run(Connection connection) throws SQLException, IOException;
    }

    /** Migrations for both backends, then the few that need each database's own SQL (triggers). */
    static final String MIGRATIONS = "classpath:io/ctkit/registry/migration/";
    private static final long RETRY_BUDGET_NANOS = 120_000_000_000L;
    private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;
    /** Held so the level set on it is not lost when the logger is collected. */
    private static final Logger FLYWAY_LOG = Logger.getLogger(FlywayLogging.LOGGER);

    private final RegistryConfig config;
    private final DataSource writer;
    private final DataSource reader;

    private Database(RegistryConfig config, DataSource writer, DataSource reader) {
        this.config = config;
        this.writer = writer;
        this.reader = reader;
    }

    static Database open(RegistryConfig config) throws RegistryException {
        // Flyway's INFO lines (versions, "Successfully validated") are noise for a registry; a host
        // that chose a level keeps it, and the CLI turns Flyway off through the property.
        if (FLYWAY_LOG.getLevel() == null) {
            FLYWAY_LOG.setLevel(flywayLevel(System.getProperty(FlywayLogging.LEVEL_PROPERTY)));
        }
        Database db = config.backend() == RegistryConfig.Backend.SQLITE ? sqlite(config) : postgres(config);
        db.migrate();
        return db;
    }

    /** The level named by {@link FlywayLogging#LEVEL_PROPERTY}: WARNING when unset or not a level. */
    static Level flywayLevel(String name) {
        if (name == null) {
            return Level.WARNING;
        }
        try {
            return Level.parse(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Level.WARNING;
        }
    }

    private static Database sqlite(RegistryConfig config) throws RegistryException {
        try {
            Files.createDirectories(config.sqliteDirectory());
        } catch (IOException e) {
            throw new RegistryException("cannot create the registry directory " + config.sqliteDirectory() + ": " + e, e);
        }
        return new Database(config, sqliteSource(config, SQLiteConfig.TransactionMode.IMMEDIATE),
                sqliteSource(config, SQLiteConfig.TransactionMode.DEFERRED));
    }

    private static DataSource sqliteSource(RegistryConfig config, SQLiteConfig.TransactionMode mode) {
        SQLiteConfig c = new SQLiteConfig();
        // WAL lets readers go on while one writer commits; FULL makes every acknowledged commit durable.
        c.setJournalMode(SQLiteConfig.JournalMode.WAL);
        c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        c.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        c.enforceForeignKeys(true);
        // IMMEDIATE takes the write lock at BEGIN, so a writer waits in the busy handler instead of
        // failing on a read-to-write upgrade that SQLite cannot wait for.
        c.setTransactionMode(mode);
        SQLiteDataSource source = new SQLiteDataSource(c);
        source.setUrl(config.jdbcUrl());
        return source;
    }

    private static Database postgres(RegistryConfig config) {
        DataSource source = new DriverDataSource(config);
        return new Database(config, source, source);
    }

    private void migrate() throws RegistryException {
        Flyway flyway = Flyway.configure(Database.class.getClassLoader())
                .dataSource(writer)
                .locations(MIGRATIONS + "common", MIGRATIONS
                        + (config.backend() == RegistryConfig.Backend.SQLITE ? "sqlite" : "postgresql"))
                .table("ctkit_schema_history")
                .loggers(FlywayLogging.class.getName())
                .connectRetries(config.backend() == RegistryConfig.Backend.POSTGRESQL ? 3 : 0)
                .load();
        try {
            if (config.backend() == RegistryConfig.Backend.SQLITE) {
                // Flyway cannot lock an SQLite database across processes; a lock file does.
                Path lockFile = config.sqliteDirectory().resolve("registry.lock");
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    flyway.migrate();
                }
            } else {
                flyway.migrate();
            }
        } catch (FlywayException e) {
            throw new RegistryException("registry " + config.describe() + ": " + whyNotOpened(e), e);
        } catch (IOException e) {
            throw new RegistryException("registry " + config.describe() + ": cannot lock for migration: " + e, e);
        }
    }

    /**
     * One line for a failed migration. Flyway's own message of an SQL failure is a multi-line
     * table (SQL State, Error Code, Message); the database's message and the file say it all.
     */
    private String whyNotOpened(FlywayException e) {
        SQLException sql = null;
        for (Throwable t = e; t != null && sql == null; t = t.getCause()) {
            sql = t instanceof SQLException s ? s : null;
        }
        if (sql instanceof SQLiteException s && (s.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB
                || s.getResultCode() == SQLiteErrorCode.SQLITE_CORRUPT)) {
            return config.sqliteDirectory().resolve("registry.db") + " is not an SQLite database, or a damaged one ("
                    + s.getMessage() + "); it was left as it is: restore it from a backup, or use another registry"
                    + " directory";
        }
        String flyway = String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
        String cause = sql == null || sql.getMessage() == null || flyway.contains(sql.getMessage()) ? ""
                : " (" + sql.getMessage().lines().findFirst().orElse("").strip() + ")";
        return "the database cannot be opened or migrated: " + flyway + cause;
    }

    /** Runs the work in a write transaction, retrying it on contention. */
    <T> T write(Work<T> work) throws IOException {
        return transaction(writer, work);
    }

    /** Runs the work in a read transaction (a consistent snapshot). */
    <T> T read(Work<T> work) throws IOException {
        return transaction(reader, work);
    }

    RegistryConfig config() {
        return config;
    }

    private <T> T transaction(DataSource source, Work<T> work) throws IOException {
        long deadline = System.nanoTime() + RETRY_BUDGET_NANOS;
        long pauseMillis = 2;
        while (true) {
            try (Connection c = source.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | IOException | RuntimeException e) {
                    rollbackQuietly(c);
                    throw e;
                }
            } catch (SQLException e) {
                if (!retryable(e) || System.nanoTime() > deadline) {
                    throw new RegistryException("registry " + config.describe() + ": database error: " + e.getMessage(), e);
                }
            }
            sleep(ThreadLocalRandom.current().nextLong(pauseMillis, 2 * pauseMillis + 1));
            pauseMillis = Math.min(pauseMillis * 2, 100);
        }
    }

    static boolean retryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s) {
                SQLiteErrorCode code = s.getResultCode();
                if (code != null && (code.code & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code
                        || code != null && (code.code & 0xff) == SQLiteErrorCode.SQLITE_LOCKED.code) {
                    return true;
                }
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.equals("40001") || state.equals("40P01") || state.equals("55P03")) {
                    return true;
                }
            }
        }
        String message = String.valueOf(e.getMessage());
        return message.contains("SQLITE_BUSY") || message.contains("database is locked");
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection is closed next; the transaction dies with it.
        }
    }

    private static void sleep(long millis) throws RegistryException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while waiting for the registry database");
        }
    }

    /** PostgreSQL connections straight from the driver: one per transaction, no pool needed at this rate. */
    private static final class DriverDataSource extends AbstractDataSource {
        private final RegistryConfig config;

        DriverDataSource(RegistryConfig config) {
            this.config = config;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Properties p = new Properties();
            if (config.user() != null) {
                p.setProperty("user", config.user());
            }
            if (config.password() != null) {
                p.setProperty("password", config.password());
            }
            return new org.postgresql.Driver().connect(config.jdbcUrl(), p);
        }
    }
}
