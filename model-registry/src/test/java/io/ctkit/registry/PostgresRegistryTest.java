package io.ctkit.registry;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The registry contract on PostgreSQL: a real server, a new database for every test ({@link PostgresDatabases}).
 */
class PostgresRegistryTest extends RegistryContract {

    private static PostgresDatabases postgres;

    @BeforeAll
    static void startServer() throws Exception {
        postgres = PostgresDatabases.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    RegistryConfig freshConfig(Path dir) throws Exception {
        return postgres.freshConfig(dir);
    }
}
