package io.ctkit.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the metrics of a metrics report ({@code {"metrics": {"<name>": {"value": v, "ci_low": a,
 * "ci_high": b}, ...}, ...}}, see ARCHITECTURE.md). Any metric name is kept, so reports of newer
 * ctkit versions still register.
 */
final class MetricsReport {

    private MetricsReport() {
    }

    static Map<String, MetricEstimate> parse(byte[] content, String source) throws RegistryException {
        JsonNode root = Json.parse(content, source);
        JsonNode metrics = root.get("metrics");
        if (metrics == null || !metrics.isObject()) {
            throw new RegistryException(source + ": a metrics report needs an object \"metrics\": {\"<name>\":"
                    + " {\"value\": v, \"ci_low\": a, \"ci_high\": b}, ...}");
        }
        Map<String, MetricEstimate> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = source + ": metrics." + e.getKey();
            Names.key("metric name in " + source, e.getKey());
            JsonNode m = e.getValue();
            if (!m.isObject() || !m.has("value")) {
                throw new RegistryException(where + " must be an object with \"value\"");
            }
            out.put(e.getKey(), new MetricEstimate(number(m, "value", where), number(m, "ci_low", where),
                    number(m, "ci_high", where)));
        }
        return out;
    }

    private static double number(JsonNode node, String field, String where) throws RegistryException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new RegistryException(where + ": \"" + field + "\" must be a number or null, got " + v);
        }
        return v.asDouble();
    }
}
