package io.ctkit.project;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;

/**
 * What a YAML scalar becomes through jackson-dataformat-yaml: the parser's token, then the value
 * each target type gets with the default mapper, with only ALLOW_COERCION_OF_SCALARS disabled, and
 * with {@link StrictJackson#strict()} (✗: refused).
 */
public final class YamlProbe {

    enum Task { REGRESSION }

    record Probe<T>(String name, TypeReference<T> type) {
    }

    public static void main(String[] args) throws Exception {
        String[] scalars = {"0", "5", "\"5\"", "'5'", "5.0", "5.5", "1e3", "0x40", "0o17", "017", "1_000", "+5", ".inf", ".nan",
            "yes", "no", "on", "off", "y", "true", "True", "TRUE", "null", "~", "", "\"\"", "regression", "REGRESSION",
            "99999999999999999999", "2024-01-01", "[5]"};
        List<Probe<?>> targets = List.of(new Probe<>("int", new TypeReference<Integer>() { }),
                new Probe<>("double", new TypeReference<Double>() { }),
                new Probe<>("String", new TypeReference<String>() { }),
                new Probe<>("boolean", new TypeReference<Boolean>() { }),
                new Probe<>("enum", new TypeReference<Task>() { }),
                new Probe<>("List<String>", new TypeReference<List<String>>() { }));
        YAMLMapper plain = StrictJackson.plain();
        YAMLMapper strict = StrictJackson.strict();
        YAMLMapper scalarsOff = StrictJackson.scalarsOff();
        StringBuilder header = new StringBuilder("| YAML `v:` | parser token |");
        StringBuilder rule = new StringBuilder("| --- | --- |");
        for (Probe<?> p : targets) {
            header.append(" ").append(p.name()).append(" default / scalars off / strict |");
            rule.append(" --- |");
        }
        System.out.println(header);
        System.out.println(rule);
        for (String scalar : scalars) {
            String yaml = "v: " + scalar + "\n";
            StringBuilder row = new StringBuilder("| `" + (scalar.isEmpty() ? "(empty)" : scalar) + "` | " + token(plain, yaml)
                    + " |");
            for (Probe<?> p : targets) {
                row.append(" ").append(bind(plain, yaml, p.type())).append(" / ").append(bind(scalarsOff, yaml, p.type()))
                        .append(" / ").append(bind(strict, yaml, p.type())).append(" |");
            }
            System.out.println(row);
        }
    }

    private static String token(YAMLMapper m, String yaml) throws Exception {
        try (JsonParser p = m.getFactory().createParser(yaml)) {
            p.nextToken();
            p.nextToken();
            JsonToken t = p.nextToken();
            String text = t == JsonToken.START_ARRAY ? "" : " " + p.getText();
            return t + (t.isScalarValue() ? text : "");
        }
    }

    private static String bind(YAMLMapper m, String yaml, TypeReference<?> type) {
        try {
            JavaType holder = m.getTypeFactory().constructMapType(java.util.Map.class, m.getTypeFactory().constructType(
                    String.class), m.getTypeFactory().constructType(type));
            Object v = ((java.util.Map<?, ?>) m.readValue(yaml, holder)).get("v");
            return v == null ? "null" : v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
        } catch (Exception e) {
            return "✗";
        }
    }
}
