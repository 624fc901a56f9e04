package io.ctkit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one strict reader: paths, unknown keys with a "did you mean", no coercion. */
class ConfigNodeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConfigNode node(String json) throws Exception {
        return ConfigNode.root("ctkit.yaml", JSON.readTree(json));
    }

    @Test
    void pathsJoinWithDotsAndIndexesAndMessagesStartWithTheSource() throws Exception {
        ConfigNode n = node("{\"gate\": {\"thresholds\": [{\"min\": \"x\"}]}}");

        ConfigNode min = n.get("gate").get("thresholds").list().get(0).get("min");

        assertThat(min.path()).isEqualTo("gate.thresholds[0].min");
        assertThatThrownBy(min::number).isInstanceOf(ConfigException.class)
                .hasMessage("ctkit.yaml: gate.thresholds[0].min: must be a number, got \"x\"")
                .extracting(e -> ((ConfigException) e).path()).isEqualTo("gate.thresholds[0].min");
    }

    @Test
    void aDocumentWithoutSourceOrPathGivesTheBareProblem() {
        assertThat(new ConfigException("", "", "empty").getMessage()).isEqualTo("empty");
        assertThat(new ConfigException("policy.yaml", "", "empty").getMessage()).isEqualTo("policy.yaml: empty");
    }

    @Test
    void anUnknownKeyListsTheKnownOnesAndSuggestsTheNearest() throws Exception {
        assertThatThrownBy(() -> node("{\"sed\": 1}").requireObject(Set.of("seed", "confidence")))
                .hasMessage("ctkit.yaml: sed: unknown field; expected one of confidence, seed (did you mean \"seed\"?)");
    }

    @Test
    void aSwapOfTwoLettersCountsAsOneEdit() {
        assertThat(ConfigNode.suggestion("mni", List.of("min", "max"))).isEqualTo(" (did you mean \"min\"?)");
        assertThat(ConfigNode.suggestion("bootstrpa", List.of("bootstrap"))).isEqualTo(" (did you mean \"bootstrap\"?)");
    }

    @Test
    void aFarKeyGetsNoSuggestion() {
        assertThat(ConfigNode.suggestion("deploy_to", List.of("data", "model", "gate"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            text is not a number         | {"v": "5"}     | number       | ctkit.yaml: v: must be a number, got "5"
            a fraction is not an integer | {"v": 1.5}     | positiveInt  | ctkit.yaml: v: must be a positive integer, got 1.5
            zero is not positive         | {"v": 0}       | positiveInt  | ctkit.yaml: v: must be a positive integer, got 0
            text is not a boolean        | {"v": "true"}  | bool         | ctkit.yaml: v: must be true or false, got "true"
            a number is not a string     | {"v": 5}       | string       | ctkit.yaml: v: expected a string, got 5 (quote it, "5", to give the text exactly as written)
            a boolean is not a string    | {"v": true}    | string       | ctkit.yaml: v: expected a string, got true (quote it, "true", to give the text exactly as written)
            blank string                 | {"v": " "}     | string       | ctkit.yaml: v: must not be empty
            a map is not a list          | {"v": {}}      | list         | ctkit.yaml: v: expected a list, got a map
            out of the open interval     | {"v": 1}       | openFraction | ctkit.yaml: v: must be greater than 0 and less than 1, got 1
            out of the closed interval   | {"v": -0.1}    | fraction     | ctkit.yaml: v: must be at least 0 and at most 1, got -0.1
            absent value                 | {}             | number       | ctkit.yaml: v: must be a number, got nothing
            """)
    void valuesOfTheWrongKindAreRefusedNeverCoerced(String what, String json, String read, String message) {
        assertThatThrownBy(() -> {
            ConfigNode v = node(json).get("v");
            switch (read) {
                case "number" -> v.number();
                case "positiveInt" -> v.positiveInt();
                case "bool" -> v.bool();
                case "string" -> v.string();
                case "list" -> v.list();
                case "openFraction" -> v.openFraction();
                case "fraction" -> v.fraction();
                default -> throw new AssertionError(read);
            }
        }).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void aChoiceSuggestsTheNearestAllowedValue() throws Exception {
        assertThatThrownBy(() -> node("{\"task\": \"regresion\"}").get("task").choice(List.of("regression", "binary")))
                .hasMessage("ctkit.yaml: task: must be one of regression, binary, got \"regresion\""
                        + " (did you mean \"regression\"?)");
    }

    @Test
    void requiredNamesTheMissingField() throws Exception {
        assertThatThrownBy(() -> node("{\"data\": {}}").get("data").required("train"))
                .hasMessage("ctkit.yaml: data.train: missing; this field is required");
        assertThat(node("{\"data\": {\"train\": null}}").get("data").optional("train")).isEmpty();
    }

    @Test
    void aJavaMapIsReadAsGivenWithoutConversion() {
        ConfigNode n = ConfigNode.ofMap("policy.yaml", "", Map.of("bins", 10, "name", "7"));

        assertThat(n.get("bins").positiveInt()).isEqualTo(10);
        assertThat(n.get("name").string()).isEqualTo("7");
        assertThatThrownBy(() -> n.get("name").number()).hasMessage("policy.yaml: name: must be a number, got \"7\"");
        assertThatThrownBy(() -> ConfigNode.ofMap("p", "gate", null)).hasMessage("p: gate: missing; expected a map of settings");
    }

    @Test
    void stringListsRefuseNumbersWithTheAdviceToQuote() throws Exception {
        assertThat(node("{\"v\": [\"a\", \"0\"]}").get("v").strings()).containsExactly("a", "0");
        assertThatThrownBy(() -> node("{\"v\": [\"a\", 0]}").get("v").strings())
                .hasMessage("ctkit.yaml: v[1]: expected a string, got 0 (quote it, \"0\", to give the text exactly as"
                        + " written)");
    }

    @Test
    void errorsInAFileNameTheLineOfTheFieldOrOfItsMap() throws Exception {
        String json = """
                {
                  "training": {
                    "batch_size": "64",
                    "epochs": 3
                  },
                  "features": [
                    {"name": "a"},
                    {"name": "b", "scale": 2}
                  ]
                }
                """;
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ConfigNode root = ConfigNode.root("ctkit.yaml", JSON.readTree(bytes), ConfigNode.lines(bytes, JSON.getFactory()));

        assertThatThrownBy(() -> root.get("training").get("batch_size").positiveInt())
                .hasMessage("ctkit.yaml: line 3: training.batch_size: must be a positive integer, got \"64\"")
                .extracting(e -> ((ConfigException) e).line()).isEqualTo(3);
        assertThatThrownBy(() -> root.get("features").list().get(1).requireObject(Set.of("name")))
                .hasMessage("ctkit.yaml: line 8: features[1].scale: unknown field; expected one of name");
        // a missing field has no line of its own: its map's
        assertThatThrownBy(() -> root.get("training").required("optimizer"))
                .hasMessage("ctkit.yaml: line 2: training.optimizer: missing; this field is required");
    }

    @Test
    void aDocumentBuiltInJavaHasNoLines() {
        assertThatThrownBy(() -> ConfigNode.ofMap("p.yaml", "", Map.of("bins", "x")).get("bins").number())
                .hasMessage("p.yaml: bins: must be a number, got \"x\"")
                .extracting(e -> ((ConfigException) e).line()).isEqualTo(0);
    }
}
