package io.ctkit.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class ServerConfigTest {

    static final Path MODEL = Path.of("m");

    /** The environment variables the command line reads, from its option annotations. */
    static List<String> commandLineVariables() {
        Pattern env = Pattern.compile("\\$\\{env:(CTKIT_[A-Z_]+)");
        return Stream.of(ServeCommand.class.getDeclaredFields())
                .map(f -> f.getAnnotation(CommandLine.Option.class))
                .filter(o -> o != null)
                .map(o -> env.matcher(o.defaultValue()))
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .toList();
    }

    @Nested
    class Defaults {

        @Test
        void javaDefaultsAreTheCommandLinesDefaults() {
            List<String> set = commandLineVariables().stream().filter(v -> System.getenv(v) != null).toList();
            // the command line's defaults are only its own when none of its variables is set
            assumeTrue(set.isEmpty(), () -> "this JVM has " + set + " set");

            assertThat(ServeCommand.parse("--model", "m")).isEqualTo(ServerConfig.of(MODEL));
        }

        @Test
        void defaultsFitAKubernetesGracePeriodAndLeaveBatchingAndTheLogOff() {
            ServerConfig config = ServerConfig.of(MODEL);

            SoftAssertions.assertSoftly(soft -> {
                soft.assertThat(config.modelDir()).isEqualTo(MODEL);
                soft.assertThat(config.host()).isEqualTo("0.0.0.0");
                soft.assertThat(config.port()).isEqualTo(8080);
                soft.assertThat(config.maxBodyBytes()).isEqualTo(4 * 1024 * 1024);
                soft.assertThat(config.drainDelay().plus(config.shutdownTimeout())).isLessThan(Duration.ofSeconds(30));
                soft.assertThat(config.batchMaxRows()).isZero();
                soft.assertThat(config.logDir()).isNull();
                soft.assertThat(config.modelName()).isNull();
                soft.assertThat(config.publicKey()).isNull();
                soft.assertThat(config.ioThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
                soft.assertThat(config.workerThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
            });
        }

        @Test
        void theCommandLineReadsZeroThreadsAsOnePerCpu() {
            ServerConfig config = ServeCommand.parse("--model", "m", "--io-threads", "0", "--worker-threads", "0");

            assertThat(config.ioThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(config.workerThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        }
    }

    @Nested
    class FluentCopies {

        @Test
        void aWithMethodReturnsACopyAndLeavesTheOriginalAsItWas() {
            ServerConfig defaults = ServerConfig.of(MODEL);
            ServerConfig changed = defaults.withPort(0).withMaxBodyBytes(1024).withModelName("churn")
                    .withLogDir(Path.of("log")).withBatchMaxDelay(Duration.ofMillis(3));

            assertThat(defaults).isEqualTo(ServerConfig.of(MODEL));
            assertThat(changed).isNotEqualTo(defaults);
            assertThat(changed.port()).isZero();
            assertThat(changed.maxBodyBytes()).isEqualTo(1024);
            assertThat(changed.modelName()).isEqualTo("churn");
            assertThat(changed.logDir()).isEqualTo(Path.of("log"));
            assertThat(changed.batchMaxDelay()).isEqualTo(Duration.ofMillis(3));
            assertThat(changed.withModelName(null).modelName()).as("null restores model.json's name").isNull();
        }

        @Test
        void equalSettingsMakeEqualConfigs() {
            ServerConfig a = ServerConfig.of(MODEL).withPort(9000).withDrainDelay(Duration.ZERO);
            ServerConfig b = ServerConfig.of(MODEL).withDrainDelay(Duration.ZERO).withPort(9000);

            assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
            assertThat(a.toString()).contains("port=9000", "drainDelay=PT0S");
        }

        @Test
        void theModelDirectoryIsRequired() {
            assertThatThrownBy(() -> ServerConfig.of(null)).isInstanceOf(NullPointerException.class)
                    .hasMessageStartingWith("modelDir");
        }
    }

    @Nested
    class Durations {

        @ParameterizedTest(name = "--drain-delay {0}")
        @CsvSource({"250ms, PT0.25S", "1.5s, PT1.5S", "2m, PT2M", "PT3S, PT3S", "0, PT0S"})
        void takeUnitsOrIso(String flag, String iso) {
            // zero needs no unit (the docs write --batch-max-delay 0)
            assertThat(ServeCommand.parse("--model", "m", "--drain-delay", flag).drainDelay()).isEqualTo(Duration.parse(iso));
        }

        @ParameterizedTest(name = "--drain-delay {0}")
        @ValueSource(strings = {"5", "3 parsecs", "soon"})
        void withoutAUnitAreRefusedWithTheFormsThatWork(String flag) {
            assertThatThrownBy(() -> ServeCommand.parse("--model", "m", "--drain-delay", flag))
                    .isInstanceOf(CommandLine.ParameterException.class)
                    .hasMessageContaining("\"" + flag + "\" is not a duration; write e.g. 250ms, 5s, 2m or PT5S");
        }
    }

    @Nested
    class BadValues {

        static Stream<Arguments> cases() {
            return Stream.of(
                    bad("--max-rows", "0", c -> c.withMaxRows(0), "must be at least 1: 0"),
                    bad("--port", "70000", c -> c.withPort(70000), "must be from 0 to 65535 (0 picks a free port): 70000"),
                    bad("--port", "-1", c -> c.withPort(-1), "must be from 0 to 65535 (0 picks a free port): -1"),
                    bad("--max-body-bytes", "10", c -> c.withMaxBodyBytes(10), "must be from 64 to 2147483639: 10"),
                    bad("--poll-interval", "0ms", c -> c.withPollInterval(Duration.ZERO), "must be more than zero"),
                    bad("--batch-max-rows", "-1", c -> c.withBatchMaxRows(-1), "must be 0 (off) or positive: -1"),
                    bad("--max-json-depth", "5000", c -> c.withMaxJsonDepth(5000), "must be at most 1000: 5000"),
                    bad("--max-inflight", "0", c -> c.withMaxInflight(0), "must be at least 1: 0"),
                    bad("--io-threads", "-2", c -> c.withIoThreads(-2), "must be at least 1: -2"),
                    bad("--inline-max-bytes", "-1", c -> c.withInlineMaxBytes(-1), "must not be negative: -1"),
                    bad("--log-max-file-bytes", "100", c -> c.withLogMaxFileBytes(100), "must be at least 1024: 100"),
                    bad("--log-queue", "0", c -> c.withLogQueue(0), "must be at least 1: 0"),
                    bad("--drain-delay", "PT-1S", c -> c.withDrainDelay(Duration.ofSeconds(-1)),
                            "must be a duration of zero or more: PT-1S"));
        }

        private static Arguments bad(String flag, String value, UnaryOperator<ServerConfig> change, String problem) {
            String javaName = ServerConfig.Setting.valueOf(flag.substring(2).replace('-', '_').toUpperCase(Locale.ROOT))
                    .javaName;
            return Arguments.of(flag, value, change, javaName, problem);
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("cases")
        void areRefusedOnTheCommandLineNamingTheFlag(String flag, String value, UnaryOperator<ServerConfig> java,
                String javaName, String problem) {
            assertThatThrownBy(() -> ServeCommand.parse("--model", "m", flag, value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(flag + " " + problem);
        }

        @ParameterizedTest(name = "{3}: {1}")
        @MethodSource("cases")
        void areRefusedInJavaNamingTheSetting(String flag, String value, UnaryOperator<ServerConfig> java,
                String javaName, String problem) {
            assertThatThrownBy(() -> java.apply(ServerConfig.of(MODEL)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(javaName + " " + problem);
        }

        @Test
        void aNullDurationIsRefusedNamingTheSetting() {
            assertThatThrownBy(() -> ServerConfig.of(MODEL).withShutdownTimeout(null))
                    .hasMessage("shutdownTimeout must be a duration of zero or more: null");
        }
    }

    @Nested
    class ModelNames {

        @Test
        void anOverrideIsTaken() {
            assertThat(ServeCommand.parse("--model", "m", "--model-name", "churn-v2.1").modelName()).isEqualTo("churn-v2.1");
            assertThat(ServerConfig.of(MODEL).withModelName("churn-v2.1").modelName()).isEqualTo("churn-v2.1");
        }

        static Stream<String> badNames() {
            return Stream.of("churn\r\nX-Injected: 1", "a b", "-leading-dash", "caf\u00e9", "x".repeat(129));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badNames")
        void followsTheModelNameRuleBecauseItGoesIntoUrlsAndHeaders(String bad) {
            assertThatThrownBy(() -> ServeCommand.parse("--model", "m", "--model-name", bad))
                    .hasMessageStartingWith("--model-name: \"")
                    .hasMessageContaining("must start with a letter or digit and contain only letters, digits");
            assertThatThrownBy(() -> ServerConfig.of(MODEL).withModelName(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("modelName: \"")
                    .hasMessageContaining("must start with a letter or digit and contain only letters, digits");
        }
    }

    @Nested
    class HiddenFlags {

        @Test
        void benchNoopAndTestDelayGoToTheInternalSettingsNotToServerConfig() {
            ServeCommand command = ServeCommand.parsed("--model", "m", "--bench-noop", "--test-delay", "5ms");

            assertThat(command.internalSettings().benchNoop()).isTrue();
            assertThat(command.internalSettings().beforeScoring()).isNotNull();
            assertThat(Stream.of(ServerConfig.class.getMethods()).map(java.lang.reflect.Method::getName))
                    .doesNotContain("benchNoop", "testDelay", "withBenchNoop", "withTestDelay");
        }

        @Test
        void withoutThemNothingIsHeldAndNoopIsOff() {
            ServeCommand command = ServeCommand.parsed("--model", "m", "--test-delay", "0");

            assertThat(command.internalSettings()).isEqualTo(InternalSettings.NONE);
        }
    }
}
