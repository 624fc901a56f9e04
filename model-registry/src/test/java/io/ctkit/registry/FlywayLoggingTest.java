package io.ctkit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlywayLoggingTest {

    @TempDir
    Path tmp;

    private final Logger flyway = Logger.getLogger(FlywayLogging.LOGGER);
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level before;

    @BeforeEach
    void listen() {
        before = flyway.getLevel();
        flyway.setLevel(Level.ALL);
        flyway.setUseParentHandlers(false);
        flyway.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        flyway.removeHandler(capture);
        flyway.setUseParentHandlers(true);
        flyway.setLevel(before);
    }

    @Test
    void theLevelPropertyNamesAJavaUtilLoggingLevelAndFallsBackToWarning() {
        assertThat(Database.flywayLevel(null)).isEqualTo(Level.WARNING);
        assertThat(Database.flywayLevel("OFF")).isEqualTo(Level.OFF);
        assertThat(Database.flywayLevel(" info ")).isEqualTo(Level.INFO);
        assertThat(Database.flywayLevel("chatty")).isEqualTo(Level.WARNING);
    }

    @Test
    void flywaysMessagesGoToJavaUtilLoggingWhateverIsOnTheClasspath() throws Exception {
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.embedded(tmp.resolve("registry")))) {
            assertThat(registry.models()).isEmpty();
        }

        assertThat(records).isNotEmpty().allMatch(r -> r.getLoggerName().startsWith("org.flywaydb"));
        assertThat(records).as("each record names the Flyway class that logged it, not the adapter")
                .allMatch(r -> r.getSourceClassName().startsWith("org.flywaydb"));
        assertThat(records).extracting(LogRecord::getMessage).anyMatch(m -> m.contains("ctkit_schema_history"));
    }

    @Test
    void aFileThatIsNotADatabaseIsNamedInOneLineAndLeftAsItIs() throws Exception {
        Path db = Files.createDirectories(tmp.resolve("registry")).resolve("registry.db");
        Files.writeString(db, "notes\n");

        assertThatThrownBy(() -> ModelRegistry.open(RegistryConfig.embedded(tmp.resolve("registry"))))
                .isInstanceOf(RegistryException.class)
                .satisfies(e -> assertThat(e.getMessage().lines()).singleElement().asString()
                        .contains(db + " is not an SQLite database", "SQLITE_NOTADB"));
        assertThat(Files.readString(db)).isEqualTo("notes\n");
    }
}
