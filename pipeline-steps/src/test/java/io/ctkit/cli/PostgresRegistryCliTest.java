package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.ctkit.model.Model;
import io.ctkit.model.ModelDefinition;
import io.ctkit.npy.NpyArray;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry verbs against a real PostgreSQL server, given as a jdbc:postgresql: URL. */
class PostgresRegistryCliTest {

    @TempDir
    Path tmp;

    @Test
    void registerAndListThroughAJdbcUrlAndASharedBlobDirectory() throws Exception {
        String json = "{\"format\": \"ctkit-model/1\", \"name\": \"pg-model\", \"task\": \"regression\","
                + " \"inputs\": [{\"name\": \"x\", \"type\": \"number\"}], \"layers\": [{\"type\": \"dense\","
                + " \"weights\": \"weights/W.npy\", \"bias\": \"weights/b.npy\", \"activation\": \"linear\"}]}";
        Path bundle = tmp.resolve("bundle");
        Model.bundleWriter(ModelDefinition.parse(json.getBytes(StandardCharsets.UTF_8), "model.json"), Map.of(
                "weights/W.npy", NpyArray.ofDoubles(new int[] {1, 1}, new double[] {3}),
                "weights/b.npy", NpyArray.ofDoubles(new int[] {1}, new double[] {0}))).write(bundle);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            String blobs = tmp.resolve("shared-blobs").toString();

            CliRunner reg = CliRunner.run("register", "--bundle", bundle.toString(), "--registry", url,
                    "--registry-blobs", blobs);
            CliRunner list = CliRunner.run("models", "versions", "pg-model", "--registry", url, "--registry-blobs", blobs);
            CliRunner verify = CliRunner.run("models", "verify", "--registry", url, "--registry-blobs", blobs);

            assertThat(reg.exitCode()).as(reg.err()).isZero();
            assertSoftly(softly -> {
                softly.assertThat(reg.out()).contains("registered pg-model:1", "registry jdbc:postgresql://");
                softly.assertThat(list.out()).contains("    1  ");
                softly.assertThat(verify.exitCode()).isZero();
            });
        }
    }
}
