package io.ctkit.cli;

import io.ctkit.project.PipelineFile;
import io.ctkit.tekton.TektonOptions;
import io.ctkit.tekton.TektonResources;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ctkit tekton}: renders a project's Tekton resources ({@link TektonResources}). */
@Command(
        name = "tekton",
        header = "Render the project's Tekton resources: the catalog Tasks, its Pipeline, Triggers and CronJob.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Writes, under --out, in the Tekton catalog's layout: task/ctkit-<step>/0.1/ (the nine Tasks, their"
                    + " READMEs and samples/run.yaml, a TaskRun on the project), pipeline/<name>/0.1/<name>.yaml (with"
                    + " samples/run.yaml, a PipelineRun) and triggers/<name>/0.1/ (EventListener, TriggerBindings,"
                    + " TriggerTemplate, CronJob). Apply the resources with kubectl apply -f FILE; create a sample run"
                    + " with kubectl create -f samples/run.yaml.",
            "",
            "From ctkit.yaml: the model's name (the Pipeline's model param and the CronJob's), the label column,"
                    + " the training and holdout files, and retrain.tekton.pipeline (the name), retrain.tekton.image,"
                    + " retrain.tekton.service_account (the runs' account) and retrain.schedule when present. The"
                    + " options below override them.",
            "",
            "Only the files that change are written; nothing else under --out is touched or deleted. Exit 0 on"
                    + " success, 2 for a bad ctkit.yaml or option (the message names the file and the field)."
        })
final class TektonCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--project", paramLabel = "DIR", defaultValue = ".",
            description = "Project directory or its ctkit.yaml (default: the current directory).")
    Path project;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "tekton",
            description = "Where to write the resources (default: tekton, in the current directory).")
    Path out;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The Pipeline's name, also the EventListener's and the TriggerTemplate's"
                    + " (default: retrain.tekton.pipeline, else ctkit-ct).")
    String name;

    @Option(names = "--image", paramLabel = "REF",
            description = "The CLI image every step runs (default: retrain.tekton.image, else ctkit/cli:<version>).")
    String image;

    @Option(names = "--registry", paramLabel = "HOST[/PATH]",
            description = "Push the scoring image to HOST/PATH/<model> (default: none; packaged as a tar in the"
                    + " workspace).")
    String registry;

    @Option(names = "--schedule", paramLabel = "CRON",
            description = "The CronJob's five-field cron expression (default: retrain.schedule, else \"0 3 * * *\").")
    String schedule;

    @Option(names = "--source-path", paramLabel = "PATH",
            description = "The project's directory inside the source workspace (default: .).")
    String sourcePath;

    @Option(names = "--repository", paramLabel = "OWNER/NAME",
            description = "The project's GitHub repository: the EventListener starts the Pipeline only for a push to"
                    + " it (default: a push to any repository; with --source-path, one that changes the project).")
    String repository;

    @Override
    public Integer call() throws Exception {
        PipelineFile pipeline = PipelineFile.load(project);
        TektonOptions options;
        try {
            options = TektonOptions.of(pipeline);
        } catch (IllegalArgumentException e) {
            throw new UserException(pipeline.file() + ": retrain: " + e.getMessage(), e);
        }
        options = override(options, "--name", name, TektonOptions::withPipeline);
        options = override(options, "--image", image, TektonOptions::withImage);
        options = override(options, "--registry", registry, TektonOptions::withImageRegistry);
        options = override(options, "--schedule", schedule, TektonOptions::withSchedule);
        options = override(options, "--source-path", sourcePath, TektonOptions::withProjectDir);
        options = override(options, "--repository", repository, TektonOptions::withRepository);

        TektonResources resources = TektonResources.render(pipeline, options);
        List<Path> written = resources.writeTo(out);
        PrintWriter printer = spec.commandLine().getOut();
        written.forEach(f -> printer.println("wrote " + f));
        printer.printf("%s: %d file(s) written, %d unchanged in %s (Pipeline %s, image %s)%n", pipeline.name(),
                written.size(), resources.files().size() - written.size(), out, options.pipeline(), options.image());
        if (options.repository() == null) {
            spec.commandLine().getErr().println("note: without --repository OWNER/NAME, the EventListener starts the"
                    + " Pipeline for a push to any repository whose webhook reaches it");
        }
        return 0;
    }

    /** {@code options} with a flag's value, when given; a bad value is an error naming the flag. */
    private static TektonOptions override(TektonOptions options, String flag, String value,
            BiFunction<TektonOptions, String, TektonOptions> with) {
        if (value == null) {
            return options;
        }
        try {
            return with.apply(options, value);
        } catch (IllegalArgumentException e) {
            throw new UserException(flag + ": " + e.getMessage(), e);
        }
    }
}
