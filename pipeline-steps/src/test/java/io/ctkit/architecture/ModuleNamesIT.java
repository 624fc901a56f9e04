package io.ctkit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every module's jar names its module for the module path (Automatic-Module-Name), so that users
 * on the module path get stable names. Run after packaging (failsafe), when the classes come from
 * the jars.
 */
class ModuleNamesIT {

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "io.ctkit.npy.Npy, io.ctkit.core",
        "io.ctkit.gate.GateStep, io.ctkit.quality",
        "io.ctkit.registry.ModelRegistry, io.ctkit.registry",
        "io.ctkit.serving.ScoringServer, io.ctkit.serving",
        "io.ctkit.image.PackageStep, io.ctkit.image",
        "io.ctkit.train.TrainStep, io.ctkit.steps",
        "io.ctkit.testkit.ModelAssertions, io.ctkit.testkit",
    })
    void everyJarNamesItsModule(String anchor, String name) throws Exception {
        Path source = Path.of(Class.forName(anchor).getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(source.getFileName().toString()).as("%s is loaded from its module's jar", anchor).endsWith(".jar");
        try (JarFile jar = new JarFile(source.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name")).isEqualTo(name);
        }
    }
}
