package io.ctkit.tekton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks a sample TaskRun or PipelineRun against the Task or Pipeline it runs, as the controller
 * would only when the run starts: every param it sets is declared with the same type, every param
 * without a default is set, every workspace it binds is declared and bound to one volume, and every
 * non-optional workspace is bound, and it has no field the Tekton model does not know. Each problem
 * names the sample's file, the field and the name.
 */
final class SampleLint {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The volume sources a workspace binding may use (Tekton's WorkspaceBinding). */
    private static final Set<String> VOLUMES = Set.of("persistentVolumeClaim", "volumeClaimTemplate", "emptyDir",
            "configMap", "secret", "projected", "csi");

    private final Map<String, JsonNode> tasks = new TreeMap<>();
    private final Map<String, JsonNode> pipelines = new TreeMap<>();

    SampleLint(List<Task> tasks, List<Pipeline> pipelines) {
        tasks.forEach(t -> this.tasks.put(t.getMetadata().getName(), tree(t.getSpec())));
        pipelines.forEach(p -> this.pipelines.put(p.getMetadata().getName(), tree(p.getSpec())));
    }

    /** The problems of {@code run}, read from {@code file}, in field order. */
    List<String> check(String file, HasMetadata run) {
        List<String> problems = new ArrayList<>();
        unknownFields(run, "", file, run.getKind(), problems);
        JsonNode spec = tree(run).path("spec");
        boolean taskRun = run.getKind().equals("TaskRun");
        String refField = taskRun ? "taskRef" : "pipelineRef";
        String kind = taskRun ? "Task" : "Pipeline";
        String ref = spec.path(refField).path("name").asText();
        JsonNode target = (taskRun ? tasks : pipelines).get(ref);
        if (target == null) {
            problems.add(file + ": spec." + refField + ".name names " + kind + " " + ref + ", which is not in the set "
                    + (taskRun ? tasks : pipelines).keySet());
            return problems;
        }
        String what = kind + " " + ref;
        Map<String, JsonNode> declared = byName(target.path("params"));
        Set<String> set = new TreeSet<>();
        JsonNode params = spec.path("params");
        for (int i = 0; i < params.size(); i++) {
            String name = params.get(i).path("name").asText();
            String field = file + ": spec.params[" + i + "]";
            set.add(name);
            JsonNode param = declared.get(name);
            if (param == null) {
                problems.add(field + ".name sets param " + name + ", which " + what + " does not declare (declared: "
                        + new TreeSet<>(declared.keySet()) + ")");
                continue;
            }
            JsonNode value = params.get(i).path("value");
            String type = value.isArray() ? "array" : value.isObject() ? "object" : "string";
            String expected = param.path("type").asText("string");
            if (!type.equals(expected)) {
                problems.add(field + ".value is of type " + type + ", but " + what + "'s param " + name
                        + " is of type " + expected);
            }
        }
        declared.forEach((name, param) -> {
            if (!param.has("default") && !set.contains(name)) {
                problems.add(file + ": spec.params does not set param " + name + ", which " + what
                        + " requires (it has no default)");
            }
        });
        Map<String, JsonNode> workspaces = byName(target.path("workspaces"));
        Set<String> bound = new TreeSet<>();
        JsonNode bindings = spec.path("workspaces");
        for (int i = 0; i < bindings.size(); i++) {
            String name = bindings.get(i).path("name").asText();
            String field = file + ": spec.workspaces[" + i + "]";
            bound.add(name);
            if (!workspaces.containsKey(name)) {
                problems.add(field + ".name binds workspace " + name + ", which " + what + " does not declare"
                        + " (declared: " + new TreeSet<>(workspaces.keySet()) + ")");
            }
            List<String> volumes = new ArrayList<>();
            bindings.get(i).fieldNames().forEachRemaining(f -> {
                if (VOLUMES.contains(f)) {
                    volumes.add(f);
                }
            });
            if (volumes.size() != 1) {
                problems.add(field + " binds workspace " + name + " to " + volumes + ": it needs exactly one of "
                        + new TreeSet<>(VOLUMES));
            }
        }
        workspaces.forEach((name, workspace) -> {
            if (!workspace.path("optional").asBoolean(false) && !bound.contains(name)) {
                problems.add(file + ": spec.workspaces does not bind workspace " + name + ", which " + what
                        + " requires (it is not optional)");
            }
        });
        return problems;
    }

    /**
     * The fields the Tekton model does not know, which fabric8 keeps aside instead of refusing (so a
     * misspelt field would go unnoticed until the API server drops or refuses it).
     */
    private static void unknownFields(Object object, String path, String file, String kind, List<String> problems) {
        if (object instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", file, kind, problems);
            }
            return;
        }
        if (object == null || !object.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : object.getClass().getMethods()) {
            String name = getter.getName();
            if (getter.getParameterCount() != 0 || !name.startsWith("get") || name.equals("getClass")
                    || Modifier.isStatic(getter.getModifiers())) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(object);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(name + " of " + object.getClass().getName(), e);
            }
            if (name.equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(k -> problems.add(file + ": " + (path + "." + k).substring(1)
                        + " is not a field of " + kind + " in the Tekton model (misspelt?)"));
            } else if (!(value instanceof Map<?, ?>)) {
                unknownFields(value, path + "." + Character.toLowerCase(name.charAt(3)) + name.substring(4), file,
                        kind, problems);
            }
        }
    }

    private static Map<String, JsonNode> byName(JsonNode list) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        list.forEach(n -> map.put(n.path("name").asText(), n));
        return map;
    }

    private static JsonNode tree(Object object) {
        try {
            return JSON.readTree(Serialization.asJson(object));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
