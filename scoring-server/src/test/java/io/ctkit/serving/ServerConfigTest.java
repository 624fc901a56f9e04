package io.ctkit.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServerConfigTest {

    @Test
    void defaultsFitAKubernetesGracePeriodAndLeaveBatchingOff() {
        ServerConfig config = ServeCommand.parse("--model", "m");

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.drainDelay().plus(config.shutdownTimeout())).isLessThan(Duration.ofSeconds(30));
        assertThat(config.batchMaxRows()).isZero();
        assertThat(config.logDir()).isNull();
        assertThat(config.benchNoop()).isFalse();
        assertThat(config.workerThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void durationsTakeUnitsOrIso() {
        assertThat(ServeCommand.parse("--model", "m", "--drain-delay", "250ms").drainDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(ServeCommand.parse("--model", "m", "--drain-delay", "1.5s").drainDelay()).isEqualTo(Duration.ofMillis(1500));
        assertThat(ServeCommand.parse("--model", "m", "--drain-delay", "2m").drainDelay()).isEqualTo(Duration.ofMinutes(2));
        assertThat(ServeCommand.parse("--model", "m", "--drain-delay", "PT3S").drainDelay()).isEqualTo(Duration.ofSeconds(3));
        // zero needs no unit (the docs write --batch-max-delay 0)
        assertThat(ServeCommand.parse("--model", "m", "--batch-max-delay", "0").batchMaxDelay()).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> ServeCommand.parse("--model", "m", "--drain-delay", "5"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("\"5\" is not a duration");
        assertThatThrownBy(() -> ServeCommand.parse("--model", "m", "--drain-delay", "3 parsecs"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("\"3 parsecs\" is not a duration; write e.g. 250ms, 5s, 2m or PT5S");
    }

    @Test
    void badValuesNameTheirOption() {
        assertThatThrownBy(() -> ServeCommand.parse("--model", "m", "--max-rows", "0"))
                .hasMessage("--max-rows must be at least 1: 0");
        assertThatThrownBy(() -> ServeCommand.parse("--model", "m", "--port", "70000"))
                .hasMessage("--port must be from 0 to 65535 (0 picks a free port): 70000");
        assertThatThrownBy(() -> ServeCommand.parse("--model", "m", "--max-body-bytes", "10"))
                .hasMessage("--max-body-bytes must be from 64 to 2147483639: 10");
        assertThatThrownBy(() -> ServeCommand.parse("--model", "m", "--poll-interval", "0ms"))
                .hasMessage("--poll-interval must be more than zero");
        assertThatThrownBy(() -> ServeCommand.parse("--model", "m", "--batch-max-rows", "-1"))
                .hasMessage("--batch-max-rows must be 0 (off) or positive: -1");
        assertThatThrownBy(() -> ServeCommand.parse("--model", "m", "--max-json-depth", "5000"))
                .hasMessage("--max-json-depth must be at most 1000: 5000");
    }

    @Test
    void aModelNameOverrideFollowsTheModelNameRuleBecauseItGoesIntoUrlsAndHeaders() {
        assertThat(ServeCommand.parse("--model", "m", "--model-name", "churn-v2.1").modelName()).isEqualTo("churn-v2.1");
        for (String bad : new String[] {"churn\r\nX-Injected: 1", "a b", "-leading-dash", "caf\u00e9", "x".repeat(129)}) {
            assertThatThrownBy(() -> ServeCommand.parse("--model", "m", "--model-name", bad))
                    .as(bad)
                    .hasMessageStartingWith("--model-name: \"")
                    .hasMessageContaining("must start with a letter or digit and contain only letters, digits");
        }
    }
}
