package io.ctkit.tekton;

import io.ctkit.files.AtomicFiles;
import io.ctkit.project.PipelineFile;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.tekton.v1.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Tekton resources of a project, built as fabric8 objects and written as YAML in the Tekton
 * catalog's layout ({@code docs/tekton.md}):
 *
 * <pre>
 * task/ctkit-&lt;step&gt;/0.1/ctkit-&lt;step&gt;.yaml, README.md   the catalog Tasks (only the CLI image varies)
 * task/ctkit-&lt;step&gt;/0.1/samples/run.yaml                 a TaskRun of it on the project
 * pipeline/&lt;pipeline&gt;/0.1/&lt;pipeline&gt;.yaml               the project's Pipeline
 * pipeline/&lt;pipeline&gt;/0.1/samples/run.yaml              a PipelineRun of it
 * triggers/&lt;pipeline&gt;/0.1/*.yaml                          EventListener, TriggerBindings, TriggerTemplate, CronJob
 * </pre>
 *
 * <p>The same project and options give the same bytes: {@code tekton/} of this repository is the
 * output for {@code examples/marketing-forecast}, and a test keeps it so.
 *
 * <pre>{@code
 * PipelineFile project = PipelineFile.load(Path.of("examples/marketing-forecast"));
 * TektonResources.render(project, TektonOptions.of(project)).writeTo(Path.of("tekton"));
 * }</pre>
 */
public final class TektonResources {
    /** The first line of every rendered YAML file. */
    public static final String HEADER = "# Rendered by `ctkit tekton` (docs/tekton.md): change the renderer and render"
            + " again, not this file.\n";
    /** Each Task's and the Pipeline's sample run, beside its YAML (the catalog's {@code samples/}). */
    static final Path SAMPLE = Path.of("samples", "run.yaml");

    private final List<HasMetadata> resources;
    private final Map<Path, String> files;

    private TektonResources(List<HasMetadata> resources, Map<Path, String> files) {
        this.resources = List.copyOf(resources);
        this.files = Collections.unmodifiableMap(files);
    }

    /** Renders the resources of {@code project} with {@code options} (see {@link TektonOptions#of}). */
    public static TektonResources render(PipelineFile project, TektonOptions options) {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(options, "options");
        List<HasMetadata> resources = new ArrayList<>();
        Map<Path, String> files = new LinkedHashMap<>();
        for (CatalogTasks.Definition d : CatalogTasks.DEFINITIONS) {
            Task task = CatalogTasks.task(d, options.image());
            Path dir = Path.of("task", d.name(), CatalogTasks.VERSION);
            add(resources, files, dir.resolve(d.name() + ".yaml"), task);
            files.put(dir.resolve("README.md"), CatalogTasks.readme(d, options.image()));
            files.put(dir.resolve(SAMPLE), TektonYaml.write(CatalogSamples.taskRun(d, project, options),
                    CatalogSamples.HEADER));
        }
        String name = options.pipeline();
        Path pipeline = Path.of("pipeline", name, CatalogTasks.VERSION);
        add(resources, files, pipeline.resolve(name + ".yaml"), CtPipeline.pipeline(project, options));
        files.put(pipeline.resolve(SAMPLE), TektonYaml.write(CatalogSamples.pipelineRun(project, options),
                CatalogSamples.HEADER));
        Path triggers = Path.of("triggers", name, CatalogTasks.VERSION);
        add(resources, files, triggers.resolve("eventlistener.yaml"), CtTriggers.eventListener(project, options));
        for (var binding : CtTriggers.bindings()) {
            String file = "triggerbinding-" + binding.getMetadata().getName().replaceFirst("^ctkit-", "") + ".yaml";
            add(resources, files, triggers.resolve(file), binding);
        }
        add(resources, files, triggers.resolve("triggertemplate.yaml"), CtTriggers.triggerTemplate(project, options));
        add(resources, files, triggers.resolve("cronjob.yaml"), CtTriggers.schedule(project, options));
        return new TektonResources(resources, files);
    }

    /**
     * The resources as typed objects: the Tasks, the Pipeline, the Triggers' objects, the CronJob. Not
     * the sample runs, which are in {@link #files()} only: applying them starts runs.
     */
    public List<HasMetadata> resources() {
        return resources;
    }

    /** Every file's text by its path relative to the output directory, in a fixed order. */
    public Map<Path, String> files() {
        return files;
    }

    /**
     * Writes every file under {@code dir}, each atomically; a file whose content is already the same
     * is left alone. Nothing else in {@code dir} is touched: files this renderer did not write stay.
     *
     * @return the files written (changed or new), as paths under {@code dir}
     */
    public List<Path> writeTo(Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<Path, String> e : files.entrySet()) {
            Path file = dir.resolve(e.getKey());
            byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
            if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), content)) {
                continue;
            }
            AtomicFiles.write(file, content);
            written.add(file);
        }
        return written;
    }

    private static void add(List<HasMetadata> resources, Map<Path, String> files, Path file, HasMetadata resource) {
        resources.add(resource);
        files.put(file, TektonYaml.write(resource, HEADER));
    }
}
