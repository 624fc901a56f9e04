package io.ctkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Reads a YAML or JSON settings file (schema, policy) into a map, with errors that name the file. */
final class PolicyFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyFiles() {
    }

    /** The top-level map of {@code file}; {@code .json} files are parsed as JSON, all others as YAML. */
    static Map<String, Object> read(Path file, String what) throws IOException {
        String text;
        if (Files.isDirectory(file)) {
            throw new UserException(what + " " + file + ": is a directory, not a YAML or JSON file");
        }
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserException(what + " " + file + ": no such file");
        } catch (MalformedInputException e) {
            throw new UserException(what + " " + file + ": not UTF-8 text");
        }
        if (text.isBlank()) {
            throw new UserException(what + " " + file + ": the file is empty; expected a map of settings");
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        Object value;
        try {
            value = (json ? JSON : YAML).readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new UserException(file + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
                    + ": not valid " + (json ? "JSON" : "YAML") + ": " + e.getOriginalMessage());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new UserException(file + ": expected a map of settings at the top level, found "
                    + (value == null ? "nothing" : value instanceof java.util.List ? "a list" : "\"" + value + "\""));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return typed;
    }
}
