package io.ctkit.bundle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestTest {

    private static final String HASH = "ab".repeat(32);

    private static Manifest parse(String json) throws BundleException {
        return Manifest.parse(json.getBytes(UTF_8), "b", 10_000);
    }

    @Test
    void readsAnyJsonFormattingOfTheExpectedObject() throws BundleException {
        Manifest m = parse("{\"format\":\"ctkit-manifest/1\",\"files\":{\"weights/w.npy\":\"" + HASH
                + "\",\"model.json\":\"" + HASH + "\"}}");

        assertThat(m.files()).containsExactly(Map.entry("model.json", HASH), Map.entry("weights/w.npy", HASH));
    }

    @Test
    void canonicalBytesParseBackToTheSameManifest() throws BundleException {
        Manifest m = new Manifest(new TreeMap<>(Map.of("model.json", HASH, "a \"quoted\" name", HASH)));

        assertThat(Manifest.parse(m.canonicalBytes(), "b", 10).files()).isEqualTo(m.files());
        assertThat(new String(m.canonicalBytes(), UTF_8)).contains("\"a \\\"quoted\\\" name\": ");
    }

    @Test
    void sortsKeysByCodePointAsPythonDoes() {
        Manifest m = new Manifest(new TreeMap<>(Map.of("model.json", HASH, "\uD83D\uDE00", HASH, "\uFF21", HASH)));

        assertThat(m.files().keySet()).containsExactly("model.json", "\uFF21", "\uD83D\uDE00");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not json                | `{\"format\": ` | is not valid JSON at line 1, column 12",
        "array                   | `[]` | must be a JSON object",
        "trailing tokens         | `{\"format\": \"ctkit-manifest/1\", \"files\": {\"model.json\": \"HASH\"}} {}` | is not valid JSON",
        "unknown format          | `{\"format\": \"ctkit-manifest/2\", \"files\": {\"model.json\": \"HASH\"}}` | has format 'ctkit-manifest/2'; this version of ctkit reads 'ctkit-manifest/1'",
        "format not a string     | `{\"format\": 1, \"files\": {\"model.json\": \"HASH\"}}` | lacks \"format\": \"ctkit-manifest/1\"",
        "no format               | `{\"files\": {\"model.json\": \"HASH\"}}` | lacks \"format\"",
        "files an array          | `{\"format\": \"ctkit-manifest/1\", \"files\": [\"model.json\"]}` | lacks the object \"files\"",
        "unknown key             | `{\"format\": \"ctkit-manifest/1\", \"files\": {\"model.json\": \"HASH\"}, \"x\": 1}` | has the unknown key 'x'",
        "duplicate file          | `{\"format\": \"ctkit-manifest/1\", \"files\": {\"model.json\": \"HASH\", \"model.json\": \"HASH\"}}` | Duplicate field 'model.json'",
        "duplicate top key       | `{\"format\": \"ctkit-manifest/1\", \"format\": \"ctkit-manifest/1\", \"files\": {}}` | Duplicate field 'format'",
        "digest a number         | `{\"format\": \"ctkit-manifest/1\", \"files\": {\"model.json\": 12}}` | lists 'model.json' with digest 12; expected a string of 64 lower-case hex digits",
        "digest object           | `{\"format\": \"ctkit-manifest/1\", \"files\": {\"model.json\": {}}}` | with digest {}",
        "no model.json           | `{\"format\": \"ctkit-manifest/1\", \"files\": {\"w.npy\": \"HASH\"}}` | does not list model.json",
        "lists MANIFEST.sig      | `{\"format\": \"ctkit-manifest/1\", \"files\": {\"model.json\": \"HASH\", \"MANIFEST.sig\": \"HASH\"}}` | lists 'MANIFEST.sig', which is part of the manifest itself",
        "file and directory      | `{\"format\": \"ctkit-manifest/1\", \"files\": {\"model.json\": \"HASH\", \"model.json/x\": \"HASH\"}}` | 'model.json' is both a file and the directory",
        "comments                | `{\"format\": \"ctkit-manifest/1\", /* c */ \"files\": {\"model.json\": \"HASH\"}}` | is not valid JSON",
    })
    void refusesAManifestThatIsNotTheExpectedJson(String name, String json, String message) {
        assertThatThrownBy(() -> parse(json.replace("HASH", HASH)))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith("b: MANIFEST.json ")
                .hasMessageContaining(message.replace("HASH", HASH));
    }

    @Test
    void refusesUpperCaseDigests() {
        String upper = "{\"format\": \"ctkit-manifest/1\", \"files\": {\"model.json\": \"" + HASH.toUpperCase() + "\"}}";
        assertThatThrownBy(() -> parse(upper)).hasMessageContaining("64 lower-case hex digits");
    }

    @Test
    void refusesLatin1() {
        byte[] latin1 = "{\"format\": \"ctkit-manifest/1\", \"files\": {\"caf\u00e9\": \"x\"}}"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Manifest.parse(latin1, "b", 10)).hasMessage("b: MANIFEST.json is not valid UTF-8");
    }

    @Test
    void refusesAByteOrderMark() {
        byte[] bom = ("\uFEFF{\"format\": \"ctkit-manifest/1\", \"files\": {\"model.json\": \"" + HASH + "\"}}").getBytes(UTF_8);
        assertThatThrownBy(() -> Manifest.parse(bom, "b", 10)).hasMessageContaining("byte order mark");
    }

    @Test
    void refusesAManifestOverTheSizeLimit() {
        assertThatThrownBy(() -> Manifest.parse(new byte[Manifest.MAX_BYTES + 1], "b", 10))
                .hasMessageContaining("more than the limit of " + Manifest.MAX_BYTES);
    }
}
