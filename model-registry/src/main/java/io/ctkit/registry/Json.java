package io.ctkit.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** JSON as the registry reads (strictly) and stores it (maps as sorted objects). */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    static JsonNode parse(byte[] content, String source) throws RegistryException {
        try {
            JsonNode node = MAPPER.readTree(content);
            if (node == null || node.isMissingNode()) {
                throw new RegistryException(source + ": is empty; expected JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new RegistryException(source + ": is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RegistryException(source + ": cannot be read: " + e, e);
        }
    }

    static String write(Map<String, String> map) {
        ObjectNode node = MAPPER.createObjectNode();
        new TreeMap<>(map).forEach(node::put);
        return node.toString();
    }

    static Map<String, String> readMap(String json) throws RegistryException {
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode node = parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "stored map");
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
