package io.ctkit.quality;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ctkit.config.ConfigException;
import io.ctkit.config.ConfigNode;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a settings file (a schema, a gate or validation policy; YAML, or JSON for {@code .json}
 * files) into a {@link ConfigNode} for the strict readers ({@code Schema.read},
 * {@code GatePolicy.read}, {@code ValidationPolicy.read}). Errors name the file, the line and
 * what was wrong.
 */
public final class SettingsFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private SettingsFiles() {
    }

    /**
     * The top-level map of {@code file}.
     *
     * @param what how the caller names the file in messages, e.g. {@code --policy}
     * @throws ConfigException naming the file: absent, a directory, not UTF-8, empty, not valid
     *     YAML/JSON, or not a map at the top level
     */
    public static ConfigNode read(Path file, String what) throws IOException {
        String text;
        if (Files.isDirectory(file)) {
            throw new ConfigException(what + " " + file, "", "is a directory, not a YAML or JSON file");
        }
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(what + " " + file, "", "no such file");
        } catch (MalformedInputException e) {
            throw new ConfigException(what + " " + file, "", "not UTF-8 text");
        }
        if (text.isBlank()) {
            throw new ConfigException(what + " " + file, "", "the file is empty; expected a map of settings");
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        JsonNode tree;
        try {
            tree = (json ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ConfigException(file + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr()), "",
                    "not valid " + (json ? "JSON" : "YAML") + ": " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new ConfigException(file.toString(), "", "expected a map of settings at the top level, found "
                    + ConfigNode.describe(tree));
        }
        return ConfigNode.root(file.toString(), tree, ConfigNode.lines(text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                (json ? JSON : YAML).getFactory()));
    }
}
