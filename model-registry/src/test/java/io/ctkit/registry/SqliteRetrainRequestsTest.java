package io.ctkit.registry;

import java.nio.file.Path;

/** Retrain requests and run triggers on the embedded backend. */
class SqliteRetrainRequestsTest extends RetrainRequestsContract {

    @Override
    RegistryConfig freshConfig(Path dir) {
        return RegistryConfig.embedded(dir.resolve("registry"));
    }
}
