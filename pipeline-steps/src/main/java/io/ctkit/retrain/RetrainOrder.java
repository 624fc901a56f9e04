package io.ctkit.retrain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a trigger is asked to start: the retraining of a model, with the versions the production
 * model was made with, so that the CI system runs the same pipeline again on new data.
 *
 * @param model the model's name
 * @param trigger what asked for it ({@code model-decay}, {@code data}, {@code schedule}, ...)
 * @param requestId the registry's retrain request id (dedup and cooldown are kept against it)
 * @param pipelineVersion the pipeline version recorded on the production version, or null
 * @param codeVersion the code version of the production version ({@code git:<commit>}), or null
 * @param data where the training data is (a path or URL the pipeline reads)
 * @param reason why, in words, or null
 */
public record RetrainOrder(String model, String trigger, String requestId, String pipelineVersion,
        String codeVersion, String data, String reason) {

    /**
     * The order as the parameters every CI system receives (Tekton params, Jenkins build
     * parameters, the webhook's JSON): {@code model}, {@code trigger}, {@code request-id},
     * {@code data}, {@code pipeline-version}, {@code code-version}, {@code reason}; absent values
     * are empty strings, so a pipeline can declare them all.
     */
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("model", model);
        p.put("trigger", trigger);
        p.put("request-id", requestId);
        p.put("data", data == null ? "" : data);
        p.put("pipeline-version", pipelineVersion == null ? "" : pipelineVersion);
        p.put("code-version", codeVersion == null ? "" : codeVersion);
        p.put("reason", reason == null ? "" : reason);
        return p;
    }
}
