package io.ctkit.tekton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.triggers.v1beta1.EventListener;
import io.fabric8.tekton.triggers.v1beta1.TriggerBinding;
import io.fabric8.tekton.triggers.v1beta1.TriggerTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks Tekton's variable references the way the controller would only at run time: every
 * {@code $(params.x)}, {@code $(results.x.path)}, {@code $(workspaces.x.*)} and
 * {@code $(tasks.t.results.r)} must be declared where it is used, every taskRef must name a Task of
 * the set, a pipeline task may pass only params its Task declares (and must pass those without a
 * default), and a {@code $(params.x)} passed on whole must have the receiving param's type. Each
 * problem names the resource, the field (a JSON path) and the name. {@link #checkTriggers} does the
 * same for the Triggers' {@code $(tt.params.x)} and references.
 */
final class TektonLint {
    private static final Pattern REF = Pattern.compile("\\$\\((params|results|workspaces|tasks)\\.([^)]*)\\)");
    private static final Pattern WHOLE_PARAM = Pattern.compile("\\$\\(params\\.([A-Za-z0-9_-]+)\\)");
    private static final Pattern TT_PARAM = Pattern.compile("\\$\\(tt\\.params\\.([A-Za-z0-9_-]+)\\)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Task> tasks = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    TektonLint(List<Task> tasks) {
        tasks.forEach(t -> this.tasks.put(t.getMetadata().getName(), t));
    }

    /** The problems of every Task of the set and of the given Pipelines, in order. */
    List<String> check(List<Pipeline> pipelines) {
        problems.clear();
        tasks.values().stream().sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName()))
                .forEach(t -> checkTask("Task " + t.getMetadata().getName(), tree(t.getSpec()), "spec"));
        pipelines.forEach(this::checkPipeline);
        return List.copyOf(problems);
    }

    private void checkTask(String where, JsonNode spec, String path) {
        Set<String> params = names(spec.path("params"));
        Set<String> results = names(spec.path("results"));
        Set<String> workspaces = names(spec.path("workspaces"));
        walk(spec, path, (field, kind, rest) -> {
            String name = rest.split("\\.", 2)[0];
            switch (kind) {
                case "params" -> require(params, name, where, field, "$(params." + name + ")", path + ".params");
                case "results" -> require(results, name, where, field, "$(results." + name + ")", path + ".results");
                case "workspaces" -> require(workspaces, name, where, field, "$(workspaces." + name + ")",
                        path + ".workspaces");
                default -> problems.add(where + ": " + field + " refers to $(tasks." + rest + "), but a Task has no"
                        + " other tasks to refer to");
            }
        }, Set.of());
    }

    private void checkPipeline(Pipeline pipeline) {
        String where = "Pipeline " + pipeline.getMetadata().getName();
        JsonNode spec = tree(pipeline.getSpec());
        Map<String, String> paramTypes = types(spec.path("params"));
        Set<String> workspaces = names(spec.path("workspaces"));
        Map<String, PipelineTask> byName = new HashMap<>();
        List<PipelineTask> all = new ArrayList<>(pipeline.getSpec().getTasks());
        if (pipeline.getSpec().getFinally() != null) {
            all.addAll(pipeline.getSpec().getFinally());
        }
        all.forEach(t -> byName.put(t.getName(), t));
        walk(spec, "spec", (field, kind, rest) -> {
            String name = rest.split("\\.", 2)[0];
            switch (kind) {
                case "params" -> require(paramTypes.keySet(), name, where, field, "$(params." + name + ")",
                        "spec.params");
                case "tasks" -> checkTaskResult(where, field, rest, byName);
                default -> problems.add(where + ": " + field + " refers to $(" + kind + "." + rest + "), which a"
                        + " Pipeline cannot use");
            }
        }, Set.of("taskSpec"));
        for (String list : List.of("tasks", "finally")) {
            JsonNode items = spec.path(list);
            for (int i = 0; i < items.size(); i++) {
                JsonNode pt = items.get(i);
                String field = "spec." + list + "[" + i + "]";
                String ptName = pt.path("name").asText();
                if (pt.has("taskSpec")) {
                    checkTask(where + " " + list + " " + ptName, pt.get("taskSpec"), field + ".taskSpec");
                    continue;
                }
                String ref = pt.path("taskRef").path("name").asText();
                Task task = tasks.get(ref);
                if (task == null) {
                    problems.add(where + ": " + field + ".taskRef.name names Task " + ref + ", which is not in "
                            + "the set " + new TreeSet<>(tasks.keySet()));
                    continue;
                }
                JsonNode taskSpec = tree(task.getSpec());
                Map<String, String> taskParams = types(taskSpec.path("params"));
                Set<String> given = new TreeSet<>();
                JsonNode ps = pt.path("params");
                for (int j = 0; j < ps.size(); j++) {
                    String name = ps.get(j).path("name").asText();
                    given.add(name);
                    String pf = field + ".params[" + j + "]";
                    if (!taskParams.containsKey(name)) {
                        problems.add(where + ": " + pf + ".name passes param " + name + " to Task " + ref
                                + ", which declares only " + new TreeSet<>(taskParams.keySet()));
                        continue;
                    }
                    JsonNode value = ps.get(j).path("value");
                    String valueType = value.isArray() ? "array" : value.isObject() ? "object" : "string";
                    Matcher whole = WHOLE_PARAM.matcher(value.asText());
                    if (value.isTextual() && whole.matches() && paramTypes.containsKey(whole.group(1))) {
                        valueType = paramTypes.get(whole.group(1));
                    }
                    if (!valueType.equals(taskParams.get(name))) {
                        problems.add(where + ": " + pf + ".value is of type " + valueType + ", but Task " + ref
                                + "'s param " + name + " is of type " + taskParams.get(name));
                    }
                }
                JsonNode declared = taskSpec.path("params");
                for (JsonNode d : declared) {
                    if (!d.has("default") && !given.contains(d.path("name").asText())) {
                        problems.add(where + ": " + field + ".params does not pass param " + d.path("name").asText()
                                + ", which Task " + ref + " requires (it has no default)");
                    }
                }
                Set<String> taskWorkspaces = names(taskSpec.path("workspaces"));
                JsonNode ws = pt.path("workspaces");
                for (int j = 0; j < ws.size(); j++) {
                    String name = ws.get(j).path("name").asText();
                    String bound = ws.get(j).path("workspace").asText();
                    String wf = field + ".workspaces[" + j + "]";
                    if (!taskWorkspaces.contains(name)) {
                        problems.add(where + ": " + wf + ".name binds workspace " + name + ", which Task " + ref
                                + " does not declare");
                    }
                    if (!workspaces.contains(bound)) {
                        problems.add(where + ": " + wf + ".workspace names workspace " + bound
                                + ", which spec.workspaces does not declare");
                    }
                }
            }
        }
    }

    /**
     * The problems of the Triggers: every {@code $(tt.params.x)} of the template is declared by it,
     * every binding's param is one of the template's, and the EventListener's binding and template
     * references resolve.
     */
    static List<String> checkTriggers(TriggerTemplate template, List<TriggerBinding> bindings, EventListener listener) {
        List<String> problems = new ArrayList<>();
        String where = "TriggerTemplate " + template.getMetadata().getName();
        Set<String> params = names(tree(template.getSpec()).path("params"));
        Matcher m = TT_PARAM.matcher(Serialization.asJson(template.getSpec()));
        while (m.find()) {
            if (!params.contains(m.group(1))) {
                problems.add(where + ": spec.resourcetemplates refers to $(tt.params." + m.group(1) + "), which spec.params"
                        + " does not declare (declared: " + new TreeSet<>(params) + ")");
            }
        }
        Map<String, TriggerBinding> byName = new HashMap<>();
        for (TriggerBinding b : bindings) {
            byName.put(b.getMetadata().getName(), b);
            for (int i = 0; i < b.getSpec().getParams().size(); i++) {
                String name = b.getSpec().getParams().get(i).getName();
                if (!params.contains(name)) {
                    problems.add("TriggerBinding " + b.getMetadata().getName() + ": spec.params[" + i + "].name binds "
                            + name + ", which " + where + " does not declare");
                }
            }
        }
        for (int i = 0; i < listener.getSpec().getTriggers().size(); i++) {
            var trigger = listener.getSpec().getTriggers().get(i);
            String field = "EventListener " + listener.getMetadata().getName() + ": spec.triggers[" + i + "]";
            for (int j = 0; j < trigger.getBindings().size(); j++) {
                String ref = trigger.getBindings().get(j).getRef();
                if (!byName.containsKey(ref)) {
                    problems.add(field + ".bindings[" + j + "].ref names TriggerBinding " + ref + ", which is not in"
                            + " the set " + new TreeSet<>(byName.keySet()));
                }
            }
            if (!template.getMetadata().getName().equals(trigger.getTemplate().getRef())) {
                problems.add(field + ".template.ref names TriggerTemplate " + trigger.getTemplate().getRef()
                        + ", which is not " + template.getMetadata().getName());
            }
        }
        return problems;
    }

    private void checkTaskResult(String where, String field, String rest, Map<String, PipelineTask> byName) {
        if (rest.equals("status") || rest.endsWith(".status")) {
            return; // $(tasks.status) and $(tasks.t.status) exist in finally
        }
        String[] parts = rest.split("\\.");
        if (parts.length < 3 || !parts[1].equals("results")) {
            problems.add(where + ": " + field + " refers to $(tasks." + rest + "), which is not a task's result");
            return;
        }
        PipelineTask pt = byName.get(parts[0]);
        if (pt == null) {
            problems.add(where + ": " + field + " refers to $(tasks." + rest + "), but there is no pipeline task "
                    + parts[0]);
            return;
        }
        Task task = pt.getTaskRef() == null ? null : tasks.get(pt.getTaskRef().getName());
        Set<String> results = task == null ? Set.of() : names(tree(task.getSpec()).path("results"));
        if (!results.contains(parts[2])) {
            problems.add(where + ": " + field + " refers to $(tasks." + rest + "), but pipeline task " + parts[0]
                    + " has no result " + parts[2] + " (its results: " + new TreeSet<>(results) + ")");
        }
    }

    private void require(Set<String> declared, String name, String where, String field, String ref, String list) {
        if (!declared.contains(name)) {
            problems.add(where + ": " + field + " refers to " + ref + ", which " + list + " does not declare"
                    + " (declared: " + new TreeSet<>(declared) + ")");
        }
    }

    private interface Visitor {
        void reference(String field, String kind, String rest);
    }

    private static void walk(JsonNode node, String path, Visitor visitor, Set<String> skip) {
        if (node.isTextual()) {
            Matcher m = REF.matcher(node.asText());
            while (m.find()) {
                visitor.reference(path, m.group(1), m.group(2));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", visitor, skip);
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (!skip.contains(e.getKey())) {
                    walk(e.getValue(), path + "." + e.getKey(), visitor, skip);
                }
            });
        }
    }

    private static Set<String> names(JsonNode list) {
        return types(list).keySet();
    }

    private static Map<String, String> types(JsonNode list) {
        Map<String, String> types = new HashMap<>();
        for (JsonNode n : list) {
            types.put(n.path("name").asText(), n.path("type").asText("string"));
        }
        return types;
    }

    private static JsonNode tree(Object spec) {
        try {
            return JSON.readTree(Serialization.asJson(spec));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
