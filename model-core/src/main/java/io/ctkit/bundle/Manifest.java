package io.ctkit.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** MANIFEST.json: {@code {"format":"ctkit-manifest/1","files":{"<path>":"<sha256 hex>",...}}}. */
record Manifest(SortedMap<String, String> files) {
    static final String FORMAT = "ctkit-manifest/1";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    Manifest {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    static Manifest parse(byte[] bytes, String where, int maxFiles) throws BundleException {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new BundleException(where + ": not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new BundleException(where + ": unreadable: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new BundleException(where + ": expected a JSON object with \"format\" and \"files\"");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("format") && !name.equals("files")) {
                throw new BundleException(where + ": unknown field \"" + BundlePaths.printable(name)
                        + "\"; expected only \"format\" and \"files\"");
            }
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isTextual() || !format.asText().equals(FORMAT)) {
            throw new BundleException(where + ": \"format\" must be \"" + FORMAT + "\", found "
                    + (format == null ? "nothing" : format.toString()));
        }
        JsonNode files = root.get("files");
        if (files == null || !files.isObject()) {
            throw new BundleException(where + ": \"files\" must be an object of path → SHA-256 hex digest");
        }
        if (files.size() > maxFiles) {
            throw new BundleException(where + ": lists " + files.size() + " files, more than the limit of " + maxFiles);
        }
        SortedMap<String, String> entries = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = BundlePaths.check(e.getKey(), where);
            if (path.equals(BundlePaths.MANIFEST) || path.equals(BundlePaths.SIGNATURE)) {
                throw new BundleException(where + ": must not list itself or " + BundlePaths.SIGNATURE);
            }
            JsonNode digest = e.getValue();
            if (!digest.isTextual() || !digest.asText().matches("[0-9a-f]{64}")) {
                throw new BundleException(where + ": the digest of \"" + path
                        + "\" must be 64 lowercase hex characters (SHA-256), found " + digest);
            }
            entries.put(path, digest.asText());
        }
        return new Manifest(entries);
    }

    /** The canonical bytes: sorted paths, two-space indent, final newline (as Python's json.dump(indent=2)). */
    byte[] toBytes() {
        StringBuilder s = new StringBuilder("{\n  \"format\": \"").append(FORMAT).append("\",\n  \"files\": {");
        boolean first = true;
        for (Map.Entry<String, String> e : files.entrySet()) {
            s.append(first ? "\n" : ",\n").append("    ").append(quote(e.getKey())).append(": \"").append(e.getValue()).append('"');
            first = false;
        }
        s.append(first ? "}\n}\n" : "\n  }\n}\n");
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
