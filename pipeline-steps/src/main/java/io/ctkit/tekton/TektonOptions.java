package io.ctkit.tekton;

import io.ctkit.project.PipelineFile;
import io.ctkit.retrain.RetrainSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What the Tekton resources of a project are rendered with, besides its ctkit.yaml. {@link #of}
 * takes the defaults from ctkit.yaml; the {@code with…} methods override them (the flags of
 * {@code ctkit tekton}). Each value is checked here, so a bad one is refused before anything is
 * written, with a message that names the value and the expected form.
 *
 * @param pipeline the Pipeline's name; the EventListener and the TriggerTemplate are named like it,
 *     the CronJob {@code <pipeline>-schedule}. Default: {@code retrain.tekton.pipeline}, else
 *     {@code ctkit-ct}
 * @param image the CLI image every step runs. Default: {@code retrain.tekton.image}, else
 *     {@code ctkit/cli:<this ctkit's version>}
 * @param imageRegistry where the scoring image is pushed, e.g. {@code registry.example.com/ml} (the
 *     Pipeline's {@code image} param defaults to {@code <imageRegistry>/<model>}); null: the image is
 *     packaged as a tar in the workspace and not pushed
 * @param schedule the CronJob's five-field cron expression. Default: {@code retrain.schedule}, else
 *     {@value #DEFAULT_SCHEDULE}
 * @param projectDir the project's directory inside the source workspace (default {@code .})
 */
public record TektonOptions(String pipeline, String image, String imageRegistry, String schedule,
        String projectDir) {

    /** The Pipeline's name when ctkit.yaml names none. */
    public static final String DEFAULT_PIPELINE = "ctkit-ct";
    /** The CronJob's schedule when ctkit.yaml has none: 03:00 every day. */
    public static final String DEFAULT_SCHEDULE = "0 3 * * *";

    // "<pipeline>-schedule" must fit a CronJob's name (52 characters: its Jobs' names add 11).
    private static final int MAX_PIPELINE_NAME = 52 - "-schedule".length();

    public TektonOptions {
        if (pipeline == null || !pipeline.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")
                || pipeline.length() > MAX_PIPELINE_NAME) {
            throw new IllegalArgumentException("pipeline name \"" + pipeline + "\" is not a Kubernetes name of at"
                    + " most " + MAX_PIPELINE_NAME + " characters (lower-case letters, digits and -), e.g. ctkit-ct");
        }
        if (image == null || image.isBlank() || image.matches(".*\\s.*")) {
            throw new IllegalArgumentException("image \"" + image + "\" is not an image reference, e.g. "
                    + "ctkit/cli:" + ctkitVersion());
        }
        if (imageRegistry != null && !imageRegistry.matches("[A-Za-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)*")) {
            throw new IllegalArgumentException("image registry \"" + imageRegistry + "\" is not a registry and"
                    + " path without a tag or a trailing /, e.g. registry.example.com/ml");
        }
        if (schedule == null || !RetrainSettings.isCron(schedule)) {
            throw new IllegalArgumentException("schedule \"" + schedule + "\" is not a cron expression of five fields"
                    + " (minute hour day-of-month month day-of-week), e.g. \"0 3 * * *\"");
        }
        schedule = schedule.trim().replaceAll("\\s+", " ");
        if (projectDir == null || projectDir.isBlank() || projectDir.startsWith("/")
                || projectDir.matches("(.*/)?\\.\\.(/.*)?")) {
            throw new IllegalArgumentException("project directory \"" + projectDir + "\" is not a relative path"
                    + " inside the source workspace, e.g. . or examples/marketing-forecast");
        }
    }

    /** The defaults for {@code project}: from its {@code retrain:} section where it has one. */
    public static TektonOptions of(PipelineFile project) {
        RetrainSettings retrain = project.section(RetrainSettings.SECTION);
        RetrainSettings.Tekton tekton = retrain.tekton();
        return new TektonOptions(tekton != null ? tekton.pipeline() : DEFAULT_PIPELINE,
                tekton != null && tekton.image() != null ? tekton.image() : "ctkit/cli:" + ctkitVersion(), null,
                retrain.schedule() != null ? retrain.schedule() : DEFAULT_SCHEDULE, ".");
    }

    /** These options with another Pipeline name. */
    public TektonOptions withPipeline(String name) {
        return new TektonOptions(name, image, imageRegistry, schedule, projectDir);
    }

    /** These options with another CLI image. */
    public TektonOptions withImage(String reference) {
        return new TektonOptions(pipeline, reference, imageRegistry, schedule, projectDir);
    }

    /** These options with a registry to push the scoring image to. */
    public TektonOptions withImageRegistry(String registry) {
        return new TektonOptions(pipeline, image, registry, schedule, projectDir);
    }

    /** These options with another cron schedule. */
    public TektonOptions withSchedule(String cron) {
        return new TektonOptions(pipeline, image, imageRegistry, cron, projectDir);
    }

    /** These options with the project in another directory of the source workspace. */
    public TektonOptions withProjectDir(String dir) {
        return new TektonOptions(pipeline, image, imageRegistry, schedule, dir);
    }

    /**
     * The version of this ctkit as Maven built it. Not the jar manifest's: a build from classes
     * has none, and the rendered files must not depend on how ctkit was started.
     */
    static String ctkitVersion() {
        try (InputStream in = TektonOptions.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
