package io.ctkit.serving.internal.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Set;

/**
 * Strict JSON reading with the server's limits, and response writing. NaN and Infinity literals
 * are refused (they are not JSON), duplicate keys are refused, nesting is bounded.
 */
public final class Json {

    private final ObjectMapper mapper;
    private final int maxDepth;

    public Json(int maxDepth) {
        this.maxDepth = maxDepth;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .maxNumberLength(400)
                        .maxStringLength(1 << 20)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** Parses a request body; any syntax problem or limit is a 400 naming line and column. */
    public JsonNode read(byte[] body) {
        if (body.length == 0) {
            throw RequestException.badRequest("request body is empty; send a JSON object");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw RequestException.badRequest("request body is empty; send a JSON object");
            }
            return node;
        } catch (StreamConstraintsException e) {
            String message = e.getOriginalMessage();
            if (message.contains("nesting depth")) {
                message = "JSON is nested deeper than " + maxDepth + " levels (--max-json-depth)";
            }
            throw RequestException.badRequest("malformed JSON " + where(e) + ": " + message);
        } catch (JsonProcessingException e) {
            throw RequestException.badRequest("malformed JSON " + where(e) + ": " + clean(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Jackson's message without its "[Source: (byte[])"..."; line: 1, column: 1]" parts, which
     * echo the client's body back and name parser internals; the line and column are given anyway.
     */
    static String clean(String message) {
        if (message == null) {
            return "not valid JSON";
        }
        return message.replaceAll(" ?\\(start marker at \\[Source: .*?; line: (\\d+), column: (\\d+)\\]\\)",
                        " (opened at line $1, column $2)")
                .replaceAll(" ?\\[Source: .*?; line: \\d+, column: \\d+\\]", "");
    }

    private static String where(JsonProcessingException e) {
        var location = e.getLocation();
        return location == null ? "in the body" : "at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    public JsonGenerator generator(OutputStream out) throws IOException {
        return mapper.getFactory().createGenerator(out);
    }

    /** Writes a JSON document with {@code body} and returns the bytes. */
    public byte[] write(Writer body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = generator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code {"error": message}}. */
    public byte[] error(String message) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        });
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** The deepest nesting a request may have (--max-json-depth). */
    int maxDepth() {
        return maxDepth;
    }

    /** Writes JSON content to a generator. */
    @FunctionalInterface
    public interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    /** Writes a double; a non-finite value (never produced for finite inputs) becomes null, so the JSON stays valid. */
    public static void number(JsonGenerator g, double value) throws IOException {
        if (Double.isFinite(value)) {
            g.writeNumber(value);
        } else {
            g.writeNull();
        }
    }

    /** The body must be an object whose keys are all in {@code allowed}. */
    static JsonNode object(JsonNode node, String where, Set<String> allowed) {
        if (!node.isObject()) {
            throw RequestException.badRequest(where + ": must be a JSON object, got " + describe(node));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw RequestException.badRequest(where + ": unknown field \"" + clip(key) + "\"; allowed are "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
        return node;
    }

    static String text(JsonNode parent, String field, String where, boolean required) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw RequestException.badRequest(where + ": missing field \"" + field + "\"");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw RequestException.badRequest(where + "." + field + ": must be a string, got " + describe(value));
        }
        return value.textValue();
    }

    /** A short description of a JSON value for error messages. */
    public static String describe(JsonNode node) {
        String type = switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            case NUMBER -> "number";
            case STRING -> "string";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
        if (node.isContainerNode() || node.isNull()) {
            return type;
        }
        return type + " " + clip(node.toString());
    }

    static String clip(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
