package io.ctkit.registry;

import java.nio.file.Path;

/** The registry contract on the embedded backend: an SQLite file and a local blob directory. */
class SqliteRegistryTest extends RegistryContract {

    @Override
    RegistryConfig freshConfig(Path dir) {
        return RegistryConfig.embedded(dir.resolve("registry"));
    }
}
