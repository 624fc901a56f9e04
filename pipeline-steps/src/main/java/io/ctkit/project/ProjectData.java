package io.ctkit.project;

import io.ctkit.examples.MarketingForecastData;
import io.ctkit.examples.ReceiptsData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes a project's data files with its {@code data.generate} generator when any of them is
 * missing (examples ship a seeded generator rather than CSV files). Existing files are never
 * overwritten.
 */
public final class ProjectData {
    /** Built-in generators by name. */
    private static final Map<String, DataGenerator> GENERATORS =
            Map.of(MarketingForecastData.NAME, MarketingForecastData::generate, ReceiptsData.NAME, ReceiptsData::generate);

    private ProjectData() {
    }

    /** Writes one set of data files for a project from a generator's options. */
    @FunctionalInterface
    public interface DataGenerator {
        void generate(GeneratorSpec spec, String file, DataSection data) throws IOException;
    }

    /** Generates the data files if the project has a generator and a file is missing; otherwise does nothing. */
    public static void ensure(PipelineFile project) throws IOException {
        DataSection data = project.data();
        if (data.generator().isEmpty()) {
            return;
        }
        List<Path> files = new ArrayList<>(List.of(data.train(), data.holdout()));
        data.referencePath().ifPresent(files::add);
        if (files.stream().allMatch(Files::isRegularFile)) {
            return;
        }
        GeneratorSpec spec = data.generator().get();
        DataGenerator generator = GENERATORS.get(spec.name());
        if (generator == null) {
            throw new io.ctkit.config.ConfigException(project.file().toString(), spec.path() + ".generator", "unknown generator \""
                    + spec.name() + "\"; built in: " + String.join(", ", new java.util.TreeSet<>(GENERATORS.keySet())));
        }
        generator.generate(spec, project.file().toString(), data);
    }
}
