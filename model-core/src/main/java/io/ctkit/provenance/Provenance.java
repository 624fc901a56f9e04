package io.ctkit.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a model comes from: the data it was made from (fingerprints), the config, the code, the
 * seed and the runtime that trained it. Training writes it into {@code training.json}, the
 * registry stores it with every version it can, and {@code ctkit models lineage} prints it; so
 * a model can be traced back and reproduced.
 *
 * <p>JSON form (the keys {@code training.json} has always had, readable on their own too):
 * <pre>{@code
 * {"data": {"train": {"source": "data/train.csv", "sha256": "...", "rows": 365}},
 *  "config_hash": "sha256:...", "code_version": {"git_commit": "...", "dirty": false, "ctkit": "0.1.0"},
 *  "seed": 42, "runtime": {"java": "17.0.15", "jvm": "...", "nd4j": "1.0.0-M2.1", "os": "Linux 6.1", "arch": "amd64"},
 *  "started_at": "2026-12-05T10:00:00Z"}
 * }</pre>
 *
 * @param data       the datasets by role ({@code train}, {@code holdout}, ...), in order
 * @param configHash {@code sha256:<hex>} of the settings that decide the model, or null
 * @param code       the code version, or null when unknown
 * @param seed       the seed of everything random in training, or null when none applies
 * @param runtime    the JVM, ND4J and OS that trained, or null when unknown
 * @param startedAt  when the training (or the producing step) started, or null
 */
public record Provenance(Map<String, DataFingerprint> data, String configHash, CodeVersion code, Long seed,
        RuntimeInfo runtime, Instant startedAt) {

    /** The file format name when provenance is stored on its own ({@code provenance.json}). */
    public static final String FORMAT = "ctkit-provenance/1";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Provenance {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data == null ? Map.of() : data));
    }

    /** One dataset: where it was read from and the SHA-256 of its bytes. */
    public record DataFingerprint(String source, String sha256, Long rows) {
        public DataFingerprint {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    /**
     * The runtime that trained: Java version, JVM, ND4J version (null when ND4J did not take
     * part), OS and architecture.
     */
    public record RuntimeInfo(String java, String jvm, String nd4j, String os, String arch) {

        /** This JVM's runtime, with the given ND4J version (or null). */
        public static RuntimeInfo current(String nd4jVersion) {
            return new RuntimeInfo(System.getProperty("java.version"),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"), nd4jVersion,
                    System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"));
        }
    }

    /** No provenance known yet. */
    public static Provenance empty() {
        return new Provenance(Map.of(), null, null, null, null, null);
    }

    public Provenance withData(String role, DataFingerprint fingerprint) {
        Map<String, DataFingerprint> d = new LinkedHashMap<>(data);
        d.put(Objects.requireNonNull(role, "role"), fingerprint);
        return new Provenance(d, configHash, code, seed, runtime, startedAt);
    }

    public Provenance withConfigHash(String hash) {
        return new Provenance(data, hash, code, seed, runtime, startedAt);
    }

    public Provenance withCode(CodeVersion version) {
        return new Provenance(data, configHash, version, seed, runtime, startedAt);
    }

    public Provenance withSeed(Long value) {
        return new Provenance(data, configHash, code, value, runtime, startedAt);
    }

    public Provenance withRuntime(RuntimeInfo info) {
        return new Provenance(data, configHash, code, seed, info, startedAt);
    }

    public Provenance withStartedAt(Instant time) {
        return new Provenance(data, configHash, code, seed, runtime, time);
    }

    /** The code version as the registry records it: {@code git:<commit>[+dirty]}, else {@code ctkit <version>}. */
    public String codeVersionText() {
        if (code == null) {
            return null;
        }
        return code.gitCommit() != null ? "git:" + code.gitCommit() + (code.dirty() ? "+dirty" : "") : "ctkit " + code.ctkit();
    }

    /** Writes the provenance keys into {@code node} (an existing {@code data} object gains the roles). */
    public ObjectNode writeTo(ObjectNode node) {
        ObjectNode dataNode = node.has("data") && node.get("data").isObject() ? (ObjectNode) node.get("data")
                : node.putObject("data");
        data.forEach((role, f) -> {
            ObjectNode file = dataNode.putObject(role);
            file.put("source", f.source());
            file.put("sha256", f.sha256());
            if (f.rows() != null) {
                file.put("rows", f.rows());
            }
        });
        if (configHash != null) {
            node.put("config_hash", configHash);
        }
        if (code != null) {
            ObjectNode c = node.putObject("code_version");
            c.put("git_commit", code.gitCommit());
            c.put("dirty", code.dirty());
            c.put("ctkit", code.ctkit());
        }
        if (seed != null) {
            node.put("seed", seed);
        }
        if (runtime != null) {
            ObjectNode r = node.putObject("runtime");
            r.put("java", runtime.java());
            r.put("jvm", runtime.jvm());
            r.put("nd4j", runtime.nd4j());
            r.put("os", runtime.os());
            r.put("arch", runtime.arch());
        }
        if (startedAt != null) {
            node.put("started_at", startedAt.toString());
        }
        return node;
    }

    /** The standalone document: {@code {"format": "ctkit-provenance/1", ...}}. */
    public ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", FORMAT);
        return writeTo(node);
    }

    /** {@link #toJson()} as indented UTF-8 with a final newline. */
    public byte[] toBytes() {
        try {
            return (JSON.writeValueAsString(toJson()) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads provenance from a document that holds its keys: a {@code training.json} or a
     * standalone {@code provenance.json}. Data entries are the objects under {@code data} with a
     * {@code sha256}; absent keys stay null.
     *
     * @throws IllegalArgumentException naming {@code source} and the field when a key holds the wrong kind of value
     */
    public static Provenance read(JsonNode node, String source) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(source + ": expected a JSON object with provenance");
        }
        Map<String, DataFingerprint> data = new LinkedHashMap<>();
        JsonNode d = node.path("data");
        if (d.isObject()) {
            d.fields().forEachRemaining(e -> {
                JsonNode f = e.getValue();
                if (f.isObject() && f.has("sha256")) {
                    data.put(e.getKey(), new DataFingerprint(text(f, "source", source + ": data." + e.getKey()),
                            text(f, "sha256", source + ": data." + e.getKey()),
                            f.path("rows").isIntegralNumber() ? f.get("rows").asLong() : null));
                }
            });
        }
        CodeVersion code = null;
        JsonNode c = node.path("code_version");
        if (c.isObject()) {
            code = new CodeVersion(c.path("git_commit").isTextual() ? c.get("git_commit").asText() : null,
                    c.path("dirty").asBoolean(false), c.path("ctkit").asText("unknown"));
        }
        RuntimeInfo runtime = null;
        JsonNode r = node.path("runtime");
        if (r.isObject()) {
            runtime = new RuntimeInfo(r.path("java").asText(null), r.path("jvm").asText(null),
                    r.path("nd4j").isTextual() ? r.get("nd4j").asText() : null, r.path("os").asText(null),
                    r.path("arch").asText(null));
        }
        Long seed = node.path("seed").isIntegralNumber() ? node.get("seed").asLong() : null;
        String configHash = node.path("config_hash").isTextual() ? node.get("config_hash").asText() : null;
        Instant started = null;
        if (node.path("started_at").isTextual()) {
            try {
                started = Instant.parse(node.get("started_at").asText());
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(source + ": started_at: not an ISO-8601 instant: "
                        + node.get("started_at").asText());
            }
        }
        return new Provenance(data, configHash, code, seed, runtime, started);
    }

    /** Reads a standalone or embedded provenance document from bytes. */
    public static Provenance read(byte[] json, String source) {
        try {
            return read(JSON.readTree(json), source);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(where + "." + field + ": expected a string, got " + v);
        }
        return v.asText();
    }

    /** Lines for {@code ctkit models lineage}: data, config, code, seed, runtime. */
    public String render(String indent) {
        StringBuilder sb = new StringBuilder();
        data.forEach((role, f) -> sb.append(indent).append("data ").append(role).append(": ").append(f.source())
                .append(" (").append(f.sha256()).append(f.rows() == null ? "" : ", " + f.rows() + " rows").append(")\n"));
        if (configHash != null) {
            sb.append(indent).append("config: ").append(configHash).append('\n');
        }
        if (code != null) {
            sb.append(indent).append("code: ").append(codeVersionText()).append(code.gitCommit() != null
                    ? " (ctkit " + code.ctkit() + ")" : "").append('\n');
        }
        if (seed != null) {
            sb.append(indent).append("seed: ").append(seed).append('\n');
        }
        if (runtime != null) {
            sb.append(indent).append("runtime: java ").append(runtime.java()).append(", ").append(runtime.jvm())
                    .append(runtime.nd4j() == null ? "" : ", nd4j " + runtime.nd4j()).append(", ").append(runtime.os())
                    .append(" ").append(runtime.arch()).append('\n');
        }
        return sb.toString();
    }
}
