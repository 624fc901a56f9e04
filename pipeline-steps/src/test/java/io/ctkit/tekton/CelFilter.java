package io.ctkit.tekton;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the CEL filters the renderer writes, with CEL's meaning, for the forms it writes and no
 * others: conjunctions ({@code &&}) of {@code body.a.b == 'text'}, {@code header.match('Name',
 * 'value')} and the push's changed-files test {@code body.commits.exists(c, (c.added + c.removed +
 * c.modified).exists(f, f.startsWith('dir/')))}. A field that is absent makes CEL fail, and Triggers'
 * cel interceptor then rejects the event: here that is false. Any other form is refused, so a new
 * form in the renderer fails the tests until this evaluator understands it.
 */
final class CelFilter {
    private static final String LITERAL = "'((?:[^'\\\\]|\\\\.)*)'";
    private static final Pattern EQUALS = Pattern.compile("body((?:\\.[A-Za-z_][A-Za-z0-9_]*)+) == " + LITERAL);
    private static final Pattern HEADER = Pattern.compile("header\\.match\\(" + LITERAL + ", " + LITERAL + "\\)");
    private static final Pattern CHANGED = Pattern.compile("body\\.commits\\.exists\\(c, \\(c\\.added \\+ c\\.removed"
            + " \\+ c\\.modified\\)\\.exists\\(f, f\\.startsWith\\(" + LITERAL + "\\)\\)\\)");

    private CelFilter() {
    }

    /** Whether {@code filter} accepts an event with this body and these headers (names in any case). */
    static boolean accepts(String filter, JsonNode body, Map<String, String> headers) {
        for (String term : filter.split(" && ")) {
            if (!holds(term.trim(), body, headers)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(String term, JsonNode body, Map<String, String> headers) {
        Matcher m = EQUALS.matcher(term);
        if (m.matches()) {
            JsonNode value = body;
            for (String field : m.group(1).substring(1).split("\\.")) {
                value = value.path(field);
            }
            return value.isTextual() && value.asText().equals(unquote(m.group(2)));
        }
        m = HEADER.matcher(term);
        if (m.matches()) {
            String name = unquote(m.group(1));
            String value = unquote(m.group(2));
            return headers.entrySet().stream().anyMatch(h -> h.getKey().equalsIgnoreCase(name)
                    && h.getValue().equals(value));
        }
        m = CHANGED.matcher(term);
        if (m.matches()) {
            String prefix = unquote(m.group(1));
            for (JsonNode commit : body.path("commits")) {
                List<JsonNode> files = new ArrayList<>();
                for (String list : List.of("added", "removed", "modified")) {
                    commit.path(list).forEach(files::add);
                }
                if (files.stream().anyMatch(f -> f.asText().startsWith(prefix))) {
                    return true;
                }
            }
            return false;
        }
        throw new IllegalArgumentException("CelFilter does not know the CEL form of \"" + term + "\"");
    }

    private static String unquote(String literal) {
        return literal.replaceAll("\\\\(.)", "$1");
    }
}
