package io.ctkit.tekton;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package Task's script with and without its optional {@code dockerconfig} workspace, run by
 * /bin/sh with only the CLI image's utilities and a {@code ctkit} that records what it was given:
 * a bound workspace becomes {@code DOCKER_CONFIG} for {@code ctkit package}, whose pushes read the
 * registry's credentials there (the image builder's {@code RegistryCredentialsTest}); without it,
 * {@code DOCKER_CONFIG} stays unset. (The whole Task runs in the CLI image in {@code CliImageIT}.)
 */
class PackageScriptTest {

    @TempDir
    Path tmp;
    private Path bin;

    @BeforeEach
    void theImagesUtilitiesAndARecordingCtkit() throws IOException {
        bin = ImageUtilities.linkInto(tmp.resolve("bin"));
        Path ctkit = bin.resolve("ctkit");
        Files.writeString(ctkit, """
                #!/bin/sh
                echo "DOCKER_CONFIG=${DOCKER_CONFIG:-unset} $*" >> "$CALLS"
                while [ $# -gt 0 ]; do
                  if [ "$1" = --out ]; then out="$2"; fi
                  shift
                done
                printf '{"image": "x", "digest": "sha256:0a1b"}' > "$out"
                """);
        assertThat(ctkit.toFile().setExecutable(true)).isTrue();
    }

    @Test
    void aBoundDockerconfigWorkspaceIsThePushsDockerConfig() throws Exception {
        Path credentials = Files.createDirectories(tmp.resolve("workspace/dockerconfig"));

        String calls = run("true", credentials.toString());

        assertThat(calls).startsWith("DOCKER_CONFIG=" + credentials + " package --model .ctkit/tekton/train/model"
                + " --image registry.example/fc:3 --base docker://ctkit/jre:17 --to registry --model-version 3");
        assertThat(Files.readString(tmp.resolve("results/image-digest"))).isEqualTo("sha256:0a1b");
        assertThat(Files.readString(tmp.resolve("results/IMAGE_URL"))).isEqualTo("registry.example/fc:3");
    }

    @Test
    void withoutTheWorkspaceDockerConfigStaysUnset() throws Exception {
        String calls = run("false", "");

        assertThat(calls).startsWith("DOCKER_CONFIG=unset package ");
    }

    private String run(String bound, String path) throws Exception {
        Path project = Files.createDirectories(tmp.resolve("workspace/source/p"));
        Files.createDirectories(tmp.resolve("results"));
        String script = CatalogTasks.script("package");
        for (String result : new String[] {"image-digest", "IMAGE_URL", "IMAGE_DIGEST"}) {
            script = script.replace("$(results." + result + ".path)", tmp.resolve("results").resolve(result).toString());
        }
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", script).directory(tmp.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", bin.toString());
        env.put("CALLS", tmp.resolve("calls.txt").toString());
        env.put("SOURCE", project.getParent().toString());
        env.put("PROJECT_DIR", "p");
        env.put("REGISTRY_DIR", tmp.resolve("workspace/registry").toString());
        env.put("IMAGE", "registry.example/fc");
        env.put("MODEL_VERSION", "3");
        env.put("BASE_IMAGE", "docker://ctkit/jre:17");
        env.put("DOCKERCONFIG_BOUND", bound);
        env.put("DOCKERCONFIG_PATH", path);
        ScriptRun run = ScriptRun.of(pb, tmp.resolve("script.log"), 60);
        assertThat(run.exitCode()).as(run.output()).isZero();
        return Files.readString(tmp.resolve("calls.txt"));
    }
}
