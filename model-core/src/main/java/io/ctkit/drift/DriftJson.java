package io.ctkit.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/**
 * Reads and writes drift reports as JSON: {@code {"features": [<DriftReport>, ...],
 * "verdicts": [<DriftVerdict>, ...]}}, field names as the record components.
 */
public final class DriftJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * A drift document: each feature's statistics and, when thresholds were applied, the verdicts.
     *
     * @param features one report per feature
     * @param verdicts one verdict per feature, or empty
     */
    public record Document(List<DriftReport> features, List<DriftVerdict> verdicts) {
        public Document {
            features = List.copyOf(features);
            verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
        }
    }

    private DriftJson() {
    }

    public static String write(Document document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise drift document: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a document written by {@link #write}; malformed input fails with the JSON location. */
    public static Document read(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<Document>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid drift JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()), e);
        }
    }
}
