package io.ctkit.tekton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a fabric8 object as the YAML a person would write by hand, the same bytes every time: the
 * model's key order with {@code apiVersion, kind, metadata, name} first, no nulls and no empty maps
 * or lists, plain scalars where YAML allows them, scripts as literal blocks, no folded lines, a
 * header comment and one trailing newline.
 */
final class TektonYaml {
    /** Keys that come first, in this order, wherever they occur; the rest keep fabric8's order. */
    private static final List<String> FIRST = List.of("apiVersion", "kind", "metadata", "name", "generateName",
            "namespace", "labels", "annotations", "description", "params", "results", "workspaces", "tasks",
            "finally", "steps", "image", "env");
    /** Keys that come last: the scripts, which are long. */
    private static final List<String> LAST = List.of("command", "script");

    private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build());

    private TektonYaml() {
    }

    /** The object as YAML, preceded by {@code header} (comment lines, each ending in a newline). */
    static String write(Object resource, String header) {
        JsonNode tree = tidy(FABRIC8.convertValue(resource, JsonNode.class));
        try {
            String yaml = YAML.writeValueAsString(tree);
            return header + (yaml.endsWith("\n") ? yaml : yaml + "\n");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain tree of the object (for a TriggerTemplate's resource templates, which fabric8 types as a map). */
    static Map<String, Object> asMap(Object resource) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = FABRIC8.convertValue(tidy(FABRIC8.convertValue(resource, JsonNode.class)), Map.class);
        return map;
    }

    private static JsonNode tidy(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            List<String> keys = new ArrayList<>();
            FIRST.stream().filter(node::has).forEach(keys::add);
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String key = it.next();
                if (!keys.contains(key) && !LAST.contains(key)) {
                    keys.add(key);
                }
            }
            LAST.stream().filter(node::has).forEach(keys::add);
            for (String key : keys) {
                JsonNode value = tidy(node.get(key));
                if (!isEmpty(value)) {
                    out.set(key, value);
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(tidy(item)));
            return out;
        }
        return node;
    }

    private static boolean isEmpty(JsonNode value) {
        return value.isNull() || value.isMissingNode() || (value.isContainerNode() && value.isEmpty());
    }
}
