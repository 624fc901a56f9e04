package io.ctkit.run;

import io.ctkit.config.ConfigNode;
import io.ctkit.project.PipelineFile;
import io.ctkit.project.Section;
import io.ctkit.validate.ValidationPolicy;

/** {@code validation:} of ctkit.yaml: the limits of the validate-data step ({@link ValidationPolicy}). */
public final class ValidationSection implements Section<ValidationPolicy> {

    public static final ValidationSection SECTION = new ValidationSection();

    @Override
    public String key() {
        return "validation";
    }

    @Override
    public ValidationPolicy read(ConfigNode node, PipelineFile project) {
        return ValidationPolicy.read(node);
    }

    @Override
    public ValidationPolicy absent(PipelineFile project) {
        return ValidationPolicy.defaults();
    }
}
