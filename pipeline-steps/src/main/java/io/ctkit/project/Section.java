package io.ctkit.project;

import io.ctkit.config.ConfigNode;

/**
 * A top-level section of {@code ctkit.yaml} that a step owns ({@code training:}, {@code evaluate:},
 * {@code validation:}, {@code gate:}, {@code register:}, ...): its key, how it is read and what
 * applies when it is absent. The step's package declares it and lists it in
 * {@code META-INF/services/io.ctkit.project.Section}; {@link PipelineFile#load} then accepts the
 * key, reads it strictly when the file is loaded (so a mistake is reported before any stage runs)
 * and keeps the typed value for {@link PipelineFile#section}. Adding a step edits no central file.
 *
 * <p>Implementations are stateless and have a public no-argument constructor.
 *
 * @param <T> the section's typed value
 */
public interface Section<T> {

    /** The top-level key, e.g. {@code gate}. */
    String key();

    /**
     * Reads the section. {@code project} holds the project's core (name, seed, data, features,
     * model) for cross-checks, e.g. that a slice column is in the schema; its own sections are
     * not read yet.
     *
     * @throws io.ctkit.config.ConfigException naming the field, what was wrong and the fix
     */
    T read(ConfigNode node, PipelineFile project);

    /** The value when the file has no such section. */
    T absent(PipelineFile project);

    /**
     * Whether the section decides what training produces: its content is then part of
     * {@link PipelineFile#configHash()}, which keys the training cache and is recorded as lineage.
     */
    default boolean decidesTraining() {
        return false;
    }
}
