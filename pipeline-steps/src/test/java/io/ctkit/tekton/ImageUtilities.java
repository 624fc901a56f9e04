package io.ctkit.tekton;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A PATH directory with only the utilities the CLI image has (the {@code tools} list of
 * docker/cli-base/build.sh), linked from this machine, so that a Task script run here fails as it
 * would in the image when it uses anything else.
 */
final class ImageUtilities {
    private ImageUtilities() {
    }

    /** {@code dir}, created, holding a link to each of the image's utilities. */
    static Path linkInto(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir);
        Matcher tools = Pattern.compile("(?m)^tools=\"([^\"]+)\"$")
                .matcher(Files.readString(Path.of("..", "docker", "cli-base", "build.sh")));
        assertThat(tools.find()).as("docker/cli-base/build.sh lists the image's tools").isTrue();
        for (String tool : tools.group(1).split(" ")) {
            Path found = Stream.of("/usr/bin", "/bin").map(d -> Path.of(d, tool)).filter(Files::isExecutable)
                    .findFirst().orElseThrow(() -> new AssertionError(tool + " is not installed here"));
            Files.createSymbolicLink(bin.resolve(tool), found);
        }
        return bin;
    }
}
