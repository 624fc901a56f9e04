package io.ctkit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void everyUnitReadsAsItsDurationAndFormatsBackInTheLargestUnitThatDividesIt() {
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("90s")).contains(Duration.ofSeconds(90));
        assertThat(Durations.parse(" 15m ")).contains(Duration.ofMinutes(15));
        assertThat(Durations.parse("7 d")).contains(Duration.ofDays(7));
        assertThat(Durations.parse("6h")).contains(Duration.ofHours(6));
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.format(Duration.ofHours(48))).isEqualTo("2d");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofSeconds(59))).isEqualTo("59s");
        for (String text : new String[] {"500ms", "90s", "15m", "6h", "2d"}) {
            assertThat(Durations.format(Durations.parse(text).orElseThrow())).isEqualTo(text);
        }
    }

    @Test
    void zeroSignsFractionsAndMissingOrUnknownUnitsAreNotDurations() {
        for (String text : new String[] {"0s", "-5m", "1.5h", "90", "5 minutes", "PT5M", "", "h", "1w"}) {
            assertThat(Durations.parse(text)).as(text).isEmpty();
        }
        assertThat(Durations.parse(null)).isEmpty();
    }

    @Test
    void aConfigValueThatIsNotADurationNamesTheFieldAndTheForm() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ConfigNode root = ConfigNode.root("ctkit.yaml", json.readTree("{\"test\": {\"timeout\": 90, \"every\": \"soon\"}}"));
        assertThat(root.get("test").get("timeout").isMissing()).isFalse();
        assertThatThrownBy(() -> root.get("test").get("timeout").duration())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.timeout: expected a duration such as 30s, 10m, 6h or 1d, got the number 90;"
                        + " add its unit");
        assertThatThrownBy(() -> root.get("test").get("every").duration())
                .hasMessageContaining("test.every: expected a duration such as 30s, 10m, 6h or 1d, got \"soon\"");
        assertThat(ConfigNode.root("ctkit.yaml", json.readTree("{\"t\": \"1d\"}")).get("t").duration())
                .isEqualTo(Duration.ofDays(1));
    }
}
