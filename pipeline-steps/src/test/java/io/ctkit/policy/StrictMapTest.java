package io.ctkit.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrictMapTest {

    @Test
    void pathsJoinWithADotOrAfterAFileNameWithASpace() {
        assertThat(StrictMap.of(Map.of(), "ctkit.yaml: gate").path("seed")).isEqualTo("ctkit.yaml: gate.seed");
        assertThat(StrictMap.of(Map.of(), "gate.yaml:").path("seed")).isEqualTo("gate.yaml: seed");
    }

    @Test
    void absentKeysGiveTheFallbackAndReadKeysAreKnown() {
        StrictMap m = StrictMap.of(Map.of("a", 1, "b", List.of(Map.of("c", true))), "x:");

        assertThat(m.integer("a", 0, 0)).isEqualTo(1);
        assertThat(m.number("z", 2.5)).isEqualTo(2.5);
        assertThat(m.list("b", e -> {
            StrictMap item = e.asMap();
            boolean c = item.bool("c", false);
            item.finish();
            return e.path() + "=" + c;
        })).containsExactly("x: b[0]=true");
        m.finish();
    }

    @Test
    void wrongTypesAreRefusedShowingTheValue() {
        StrictMap m = StrictMap.of(Map.of("n", "1", "i", 1.5, "s", 3, "l", Map.of()), "x:");

        assertThatThrownBy(() -> m.number("n", 0)).hasMessage("x: n: must be a number, got \"1\"");
        assertThatThrownBy(() -> m.integer("i", 0, 0)).hasMessage("x: i: must be a whole number of at least 0, got 1.5");
        assertThatThrownBy(() -> m.string("s", null)).hasMessage("x: s: must be a non-empty string, got 3");
        assertThatThrownBy(() -> m.list("l", e -> e)).hasMessage("x: l: must be a list, got a map");
        assertThatThrownBy(() -> StrictMap.of((Map<String, ?>) null, "x:")).isInstanceOf(PolicyException.class);
    }

    @Test
    void finishNamesTheFirstUnreadKeyAndTheKnownOnes() {
        StrictMap m = StrictMap.of(Map.of("seed", 1, "sed", 2), "ctkit.yaml: gate");
        m.integer("seed", 0, 0);
        m.number("confidence", 0.95);

        assertThatThrownBy(m::finish)
                .hasMessage("ctkit.yaml: gate.sed: unknown key; known keys here: seed, confidence");
    }
}
