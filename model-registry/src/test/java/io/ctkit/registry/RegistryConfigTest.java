package io.ctkit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

    private final Path project = Path.of("/work/project");

    @Test
    void withoutAnythingTheProjectsEmbeddedRegistryIsUsed() throws Exception {
        RegistryConfig c = RegistryConfig.fromEnvironment(null, null, project, Map.of());

        assertThat(c.backend()).isEqualTo(RegistryConfig.Backend.SQLITE);
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:sqlite:/work/project/.ctkit/registry/registry.db");
        assertThat(c.blobDir()).isEqualTo(Path.of("/work/project/.ctkit/registry/blobs"));
    }

    @Test
    void theEnvironmentNamesAPostgresqlRegistryAndItsBlobs() throws Exception {
        RegistryConfig c = RegistryConfig.fromEnvironment(null, null, project, Map.of(
                "CTKIT_REGISTRY", "jdbc:postgresql://db/ctkit?user=ci&password=s3cret",
                "CTKIT_REGISTRY_BLOBS", "/mnt/blobs"));

        assertThat(c.backend()).isEqualTo(RegistryConfig.Backend.POSTGRESQL);
        assertThat(c.blobDir()).isEqualTo(Path.of("/mnt/blobs"));
        assertThat(c.describe()).isEqualTo("jdbc:postgresql://db/ctkit?user=ci&password=***");
        assertThat(c.toString()).doesNotContain("s3cret");
    }

    @Test
    void itsEnvironmentNamesTheSameRegistryForAChildProcess() throws Exception {
        RegistryConfig embedded = RegistryConfig.embedded(Path.of("/tmp/reg"));
        RegistryConfig postgres = RegistryConfig.postgres("jdbc:postgresql://db/ctkit", Path.of("/mnt/blobs"));

        assertThat(embedded.environment()).containsExactly(Map.entry("CTKIT_REGISTRY", "/tmp/reg"));
        assertThat(postgres.environment()).containsExactly(Map.entry("CTKIT_REGISTRY", "jdbc:postgresql://db/ctkit"),
                Map.entry("CTKIT_REGISTRY_BLOBS", "/mnt/blobs"));
        assertThat(RegistryConfig.fromEnvironment(null, null, project, embedded.environment())).isEqualTo(embedded);
        assertThat(RegistryConfig.fromEnvironment(null, null, project, postgres.environment())).isEqualTo(postgres);
    }

    @Test
    void anExplicitLocationWinsOverTheEnvironment() throws Exception {
        RegistryConfig c = RegistryConfig.fromEnvironment("/tmp/reg", null, project,
                Map.of("CTKIT_REGISTRY", "/elsewhere"));

        assertThat(c.jdbcUrl()).isEqualTo("jdbc:sqlite:/tmp/reg/registry.db");
    }

    @Test
    void unsupportedUrlsAreRefused() {
        assertThatThrownBy(() -> RegistryConfig.parse("jdbc:mysql://db/x", null, project))
                .hasMessageContaining("only jdbc:postgresql: URLs and directories");
    }

    @Test
    void postgresqlWithoutBlobsIsRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> RegistryConfig.parse("jdbc:postgresql://db/x?password=p", null, project))
                .hasMessageContaining("needs a shared blob directory").hasMessageNotContaining("password=p");
    }
}
