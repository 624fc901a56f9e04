package io.ctkit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelReferenceTest {

    @Test
    void parsesAnAliasAndAVersion() throws Exception {
        ModelReference a = ModelReference.parse("marketing-forecast@production");
        assertThat(a.model()).isEqualTo("marketing-forecast");
        assertThat(a.alias()).isEqualTo("production");
        assertThat(a.isAlias()).isTrue();
        assertThat(a).hasToString("marketing-forecast@production");
        ModelReference v = ModelReference.parse("wine:12");
        assertThat(v.version()).isEqualTo(12);
        assertThat(v.isAlias()).isFalse();
        assertThat(v).isEqualTo(ModelReference.version("wine", 12)).hasToString("wine:12");
    }

    @Test
    void tellsPathsFromReferences() throws Exception {
        assertThat(ModelReference.find("target/model")).isEmpty();
        assertThat(ModelReference.find("./model")).isEmpty();
        assertThat(ModelReference.find("model.tar")).isEmpty();
        assertThat(ModelReference.find("model")).isEmpty();
        assertThat(ModelReference.find("C:\\models\\m")).isEmpty();
        assertThat(ModelReference.find("wine@staging")).contains(ModelReference.alias("wine", "staging"));
        assertThat(ModelReference.find("wine:3")).contains(ModelReference.version("wine", 3));
    }

    @Test
    void refusesMalformedReferencesSayingBothForms() {
        assertThatThrownBy(() -> ModelReference.parse("wine:latest")).isInstanceOf(RegistryException.class)
                .hasMessage("model reference \"wine:latest\": \"latest\" is not a version number (1 or more);"
                        + " write wine@latest to use an alias");
        assertThatThrownBy(() -> ModelReference.parse("wine@")).hasMessage(
                "model reference \"wine@\" has no alias after '@'; write wine@production, for example");
        assertThatThrownBy(() -> ModelReference.parse("wine")).hasMessage(
                "\"wine\" is not a model reference; write name@alias (e.g. forecast@production) or name:version"
                        + " (e.g. forecast:3)");
        assertThatThrownBy(() -> ModelReference.parse("wine@Prod")).hasMessageContaining("upper-case");
        assertThatThrownBy(() -> ModelReference.parse("wine:0")).hasMessageContaining("not a version number");
    }

    @Test
    void resolvesAgainstARegistryNamingWhatIsMissing(@TempDir Path dir) throws Exception {
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.embedded(dir.resolve("reg")))) {
            assertThatThrownBy(() -> registry.resolve(ModelReference.parse("nothing@production")))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining("nothing");
        }
    }
}
