package io.ctkit.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {

    private static final URI SOURCE = URI.create("http://localhost:8080/metrics");

    /** Two label sets of the histogram, as the server exports them (buckets cumulative per set). */
    private static final String SCRAPE = """
            # HELP ctkit_http_requests_seconds Requests
            # TYPE ctkit_http_requests_seconds histogram
            ctkit_http_requests_seconds_bucket{endpoint="v2_infer",status="200",le="0.001"} 60
            ctkit_http_requests_seconds_bucket{endpoint="v2_infer",status="200",le="0.01"} 90
            ctkit_http_requests_seconds_bucket{endpoint="v2_infer",status="200",le="+Inf"} 90
            ctkit_http_requests_seconds_count{endpoint="v2_infer",status="200"} 90
            ctkit_http_requests_seconds_sum{endpoint="v2_infer",status="200"} 0.2
            ctkit_http_requests_seconds_bucket{endpoint="v2_infer",status="503",le="0.001"} 10
            ctkit_http_requests_seconds_bucket{endpoint="v2_infer",status="503",le="0.01"} 10
            ctkit_http_requests_seconds_bucket{endpoint="v2_infer",status="503",le="+Inf"} 10
            ctkit_http_requests_seconds_count{endpoint="v2_infer",status="503"} 10
            ctkit_ready 1
            """;

    @Test
    void requestsErrorsRateAndLatencyQuantilesComeFromTheHistogram() {
        ServerMetrics m = ServerMetrics.parse(SCRAPE, 40, 1_000, 13_000, SOURCE);

        assertThat(m.requests()).isEqualTo(100);
        assertThat(m.serverErrors()).isEqualTo(10);
        assertThat(m.clientErrors()).isZero();
        assertThat(m.errorRate()).isEqualTo(0.1);
        assertThat(m.requestRate()).isCloseTo(60 / 12.0, within(1e-12)); // 60 more requests in 12 s
        // 70 of 100 in the first bucket (0, 0.001]: the median is at 50/70 of it, as histogram_quantile interpolates
        assertThat(m.latencyP50()).isCloseTo(0.001 * 50 / 70, within(1e-15));
        // the 95th is the 25th of the 30 in (0.001, 0.01]
        assertThat(m.latencyP95()).isCloseTo(0.001 + 0.009 * 25 / 30, within(1e-15));
    }

    @Test
    void theFirstScrapeHasNoRateAndAnotherServersMetricsAreRefused() {
        assertThat(ServerMetrics.parse(SCRAPE, -1, -1, 13_000, SOURCE).requestRate()).isNull();
        assertThatThrownBy(() -> ServerMetrics.parse("up 1\\n", -1, -1, 1, SOURCE))
                .hasMessage("--metrics-url http://localhost:8080/metrics: no ctkit_http_requests_seconds in the answer;"
                        + " is this a ctkit scoring server's /metrics?");
    }
}
