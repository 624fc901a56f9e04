package io.ctkit.examples.forecast;

import static io.ctkit.testkit.ModelAssertions.assertThat;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;

import io.ctkit.testkit.LoadResult;
import io.ctkit.testkit.LoadTest;
import io.ctkit.testkit.ScoringContainerTest;
import io.ctkit.testkit.ScoringEndpoint;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The forecast's real scoring server: its scoring image in Docker when an engine answers, else the
 * same server in this JVM (AUTO; the test report says which ran). It must answer what the bundle
 * computes, keep the protocol contract, and keep its latency under load.
 */
@ScoringContainerTest(mode = ScoringContainerTest.Mode.AUTO)
class ForecastServingTest {

    @Test
    void servesWhatTheBundleComputes(ScoringEndpoint endpoint) {
        endpoint.assertParity(Path.of("data/holdout.csv"));
        endpoint.assertProtocolContract();
    }

    @Test
    void meetsItsLatencySlo(ScoringEndpoint endpoint) {
        // a fresh container compiles its hot paths in the first seconds: warm it up before measuring
        LoadResult result = LoadTest.against(endpoint).rate(50).warmUp(ofSeconds(5)).duration(ofSeconds(5))
                .connections(4).bodiesFrom(Path.of("data/holdout.csv")).run();
        assertThat(result).errorRate().isZero();
        assertThat(result).achievedRate().isAtLeast(0.95);
        assertThat(result).p99().isLessThan(ofMillis(300));
    }
}
