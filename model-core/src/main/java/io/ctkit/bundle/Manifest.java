package io.ctkit.bundle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * MANIFEST.json: {@code {"format":"ctkit-manifest/1","files":{"<path>":"<sha256 hex>",...}}}.
 * Read strictly (any JSON formatting, but nothing missing, extra, duplicated or mistyped);
 * written canonically, so the same files always give the same bytes and the same digest.
 */
record Manifest(SortedMap<String, String> files) {

    static final String FORMAT = "ctkit-manifest/1";
    static final int MAX_BYTES = 16 << 20;

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    Manifest {
        TreeMap<String, String> copy = new TreeMap<>(BundlePaths.ORDER);
        copy.putAll(files);
        files = Collections.unmodifiableSortedMap(copy);
    }

    static Manifest parse(byte[] bytes, String source, int maxFiles) throws BundleException {
        if (bytes.length > MAX_BYTES) {
            throw fail(source, "is " + bytes.length + " bytes, more than the limit of " + MAX_BYTES);
        }
        JsonNode root;
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (text.startsWith("\uFEFF")) {
                throw fail(source, "starts with a byte order mark; write plain UTF-8");
            }
            root = JSON.readTree(text);
        } catch (CharacterCodingException e) {
            throw fail(source, "is not valid UTF-8");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw fail(source, "is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw fail(source, "must be a JSON object {\"format\": \"" + FORMAT + "\", \"files\": {...}}");
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("format") && !key.equals("files")) {
                throw fail(source, "has the unknown key '" + key + "'; expected exactly 'format' and 'files'");
            }
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isTextual()) {
            throw fail(source, "lacks \"format\": \"" + FORMAT + "\"");
        }
        if (!format.asText().equals(FORMAT)) {
            throw fail(source, "has format '" + format.asText() + "'; this version of ctkit reads '" + FORMAT + "'");
        }
        JsonNode files = root.get("files");
        if (files == null || !files.isObject()) {
            throw fail(source, "lacks the object \"files\": {\"<relative path>\": \"<sha256 hex>\", ...}");
        }
        if (files.size() > maxFiles) {
            throw fail(source, "lists " + files.size() + " files, more than the limit of " + maxFiles);
        }
        SortedMap<String, String> entries = new TreeMap<>(BundlePaths.ORDER);
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = e.getKey();
            String problem = BundlePaths.problem(path);
            if (problem != null) {
                throw fail(source, "lists the file '" + BundlePaths.printable(path) + "': " + problem);
            }
            if (BundlePaths.isManifestFile(path)) {
                throw fail(source, "lists '" + path + "', which is part of the manifest itself and cannot be listed");
            }
            JsonNode digest = e.getValue();
            if (!digest.isTextual() || !SHA256_HEX.matcher(digest.asText()).matches()) {
                throw fail(source, "lists '" + path + "' with digest " + digest
                        + "; expected a string of 64 lower-case hex digits (SHA-256)");
            }
            entries.put(path, digest.asText());
        }
        String conflict = BundlePaths.conflict(entries.keySet());
        if (conflict != null) {
            throw fail(source, "lists files that cannot coexist: " + conflict);
        }
        if (!entries.containsKey(BundlePaths.MODEL)) {
            throw fail(source, "does not list model.json, which every bundle must have");
        }
        return new Manifest(entries);
    }

    /**
     * The canonical bytes: UTF-8, keys sorted by code point, two-space indent, ': ' and ','
     * separators, a final newline. Byte for byte Python's
     * {@code json.dumps(m, indent=2, sort_keys=True, ensure_ascii=False) + "\n"}.
     */
    byte[] canonicalBytes() {
        StringBuilder s = new StringBuilder("{\n  \"files\": {");
        String separator = "\n";
        for (Map.Entry<String, String> e : files.entrySet()) {
            s.append(separator).append("    ");
            quote(s, e.getKey()).append(": ");
            quote(s, e.getValue());
            separator = ",\n";
        }
        s.append(files.isEmpty() ? "}" : "\n  }").append(",\n  \"format\": ");
        quote(s, FORMAT).append("\n}\n");
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String sha256Hex(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder hex = new StringBuilder(64);
            for (byte b : hash) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** As Python's json module with ensure_ascii=False quotes a string. */
    private static StringBuilder quote(StringBuilder s, String text) {
        s.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case '\b' -> s.append("\\b");
                case '\f' -> s.append("\\f");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"');
    }

    private static BundleException fail(String source, String problem) {
        return new BundleException(source, "MANIFEST.json " + problem);
    }
}
