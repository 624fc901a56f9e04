package io.ctkit.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where pushes and base-image pulls find registry credentials: {@code $DOCKER_CONFIG/config.json}
 * first (Tekton's docker-credentials workspaces and Jenkins' {@code docker.withRegistry} set it),
 * read by Jib's own Docker-config retriever, then the home directory's and the credential helpers.
 */
class RegistryCredentialsTest {

    @TempDir
    Path tmp;

    @Test
    void theConfigInDockerConfigComesFirstAndAnswersForItsRegistryOnly() throws Exception {
        String auth = Base64.getEncoder().encodeToString("ci-bot:s3cret".getBytes(StandardCharsets.UTF_8));
        Files.writeString(tmp.resolve("config.json"), "{\"auths\": {\"registry.example\": {\"auth\": \"" + auth + "\"}}}");
        Map<String, String> environment = Map.of("DOCKER_CONFIG", tmp.toString());

        List<CredentialRetriever> forIt = ScoringImageBuilder.credentialRetrievers(
                ImageReference.parse("registry.example/fc:3"), environment, event -> { });
        List<CredentialRetriever> forAnother = ScoringImageBuilder.credentialRetrievers(
                ImageReference.parse("other.example/fc:3"), environment, event -> { });
        List<CredentialRetriever> withoutIt = ScoringImageBuilder.credentialRetrievers(
                ImageReference.parse("registry.example/fc:3"), Map.of(), event -> { });

        assertThat(forIt).hasSize(4);
        Optional<Credential> credential = forIt.get(0).retrieve();
        assertThat(credential).isPresent();
        assertThat(credential.get().getUsername()).isEqualTo("ci-bot");
        assertThat(credential.get().getPassword()).isEqualTo("s3cret");
        assertThat(forAnother.get(0).retrieve()).isEmpty();
        assertThat(withoutIt).as("~/.docker/config.json and the credential helpers").hasSize(2);
    }

    @Test
    void aMountedDockerConfigJsonSecretIsReadToo() throws Exception {
        String auth = Base64.getEncoder().encodeToString("robot:t0ken".getBytes(StandardCharsets.UTF_8));
        Files.writeString(tmp.resolve(".dockerconfigjson"), "{\"auths\": {\"registry.example\": {\"auth\": \"" + auth + "\"}}}");

        List<CredentialRetriever> retrievers = ScoringImageBuilder.credentialRetrievers(
                ImageReference.parse("registry.example/fc:3"), Map.of("DOCKER_CONFIG", tmp.toString()), event -> { });

        assertThat(retrievers.get(0).retrieve()).as("no config.json here").isEmpty();
        Optional<Credential> credential = retrievers.get(1).retrieve();
        assertThat(credential).isPresent();
        assertThat(credential.get().getUsername()).isEqualTo("robot");
        assertThat(credential.get().getPassword()).isEqualTo("t0ken");
    }
}
