package io.ctkit.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.quality.Reports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a running scoring server's {@code /metrics} (Prometheus text format) says about traffic:
 * requests and errors since it started, the request rate since the monitor's previous scrape
 * (null on the first), and latency quantiles estimated from the {@code ctkit_http_requests_seconds}
 * histogram over all endpoints and statuses, interpolated within buckets as Prometheus's
 * {@code histogram_quantile} does.
 *
 * @param requests      requests answered since the server started
 * @param clientErrors  of those, 4xx answers
 * @param serverErrors  of those, 5xx answers
 * @param errorRate     serverErrors / requests (0 without requests)
 * @param requestRate   requests per second since the previous scrape, or null
 * @param latencyP50    median latency in seconds (NaN without requests)
 * @param latencyP95    95th percentile
 * @param latencyP99    99th percentile
 */
public record ServerMetrics(long requests, long clientErrors, long serverErrors, double errorRate, Double requestRate,
        double latencyP50, double latencyP95, double latencyP99) {

    private static final String HISTOGRAM = "ctkit_http_requests_seconds";

    /** Reads {@code url} and, with the previous scrape kept in {@code state}, the rate. */
    static ServerMetrics scrape(URI url, MonitorState state) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("--metrics-url " + url + ": cannot be read (" + e.getMessage() + "); is the server"
                    + " running there?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("--metrics-url " + url + ": interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalArgumentException("--metrics-url " + url + ": answered HTTP " + response.statusCode()
                    + "; give the server's /metrics address, e.g. http://host:8080/metrics");
        }
        long now = System.currentTimeMillis();
        ServerMetrics m = parse(response.body(), state.lastScrapeRequests, state.lastScrapeMillis, now, url);
        state.lastScrapeRequests = m.requests();
        state.lastScrapeMillis = now;
        return m;
    }

    /** Parses a scrape; {@code previousRequests} and {@code previousMillis} (or -1) give the rate. */
    static ServerMetrics parse(String text, long previousRequests, long previousMillis, long nowMillis, URI source) {
        long requests = 0;
        long client = 0;
        long server = 0;
        Map<Double, Double> buckets = new TreeMap<>();
        boolean seen = false;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space).trim();
            String labels = brace >= 0 && brace < space ? line.substring(brace + 1, line.lastIndexOf('}')) : "";
            double value;
            try {
                value = Double.parseDouble(line.substring(space + 1).trim());
            } catch (NumberFormatException e) {
                continue; // a sample with a timestamp or an unknown form: not one of ours
            }
            if (name.equals(HISTOGRAM + "_count")) {
                seen = true;
                requests += (long) value;
                String status = label(labels, "status");
                if (status.startsWith("4")) {
                    client += (long) value;
                } else if (status.startsWith("5")) {
                    server += (long) value;
                }
            } else if (name.equals(HISTOGRAM + "_bucket")) {
                String le = label(labels, "le");
                double upper = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.merge(upper, value, Double::sum);
            }
        }
        if (!seen) {
            throw new IllegalArgumentException("--metrics-url " + source + ": no " + HISTOGRAM + " in the answer; is"
                    + " this a ctkit scoring server's /metrics?");
        }
        Double rate = previousMillis > 0 && nowMillis > previousMillis && requests >= previousRequests
                ? (requests - previousRequests) * 1000.0 / (nowMillis - previousMillis) : null;
        return new ServerMetrics(requests, client, server, requests == 0 ? 0 : (double) server / requests, rate,
                quantile(buckets, 0.5), quantile(buckets, 0.95), quantile(buckets, 0.99));
    }

    /** Prometheus's histogram_quantile over cumulative buckets: linear within the bucket, the lowest bucket from 0. */
    static double quantile(Map<Double, Double> cumulative, double q) {
        List<Map.Entry<Double, Double>> b = new ArrayList<>(cumulative.entrySet());
        if (b.isEmpty() || b.get(b.size() - 1).getValue() == 0) {
            return Double.NaN;
        }
        double total = b.get(b.size() - 1).getValue();
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> e : b) {
            if (e.getValue() >= rank) {
                if (Double.isInfinite(e.getKey())) {
                    return lowerBound; // as Prometheus: the highest finite bound
                }
                double inBucket = e.getValue() - lowerCount;
                return inBucket == 0 ? e.getKey()
                        : lowerBound + (e.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = e.getKey();
            lowerCount = e.getValue();
        }
        return lowerBound;
    }

    private static String label(String labels, String name) {
        int i = labels.indexOf(name + "=\"");
        if (i < 0) {
            return "";
        }
        int start = i + name.length() + 2;
        return labels.substring(start, labels.indexOf('"', start));
    }

    /** The report's {@code server} object. */
    ObjectNode toJson() {
        ObjectNode n = Reports.object();
        n.put("requests", requests);
        n.put("client_errors", clientErrors);
        n.put("server_errors", serverErrors);
        n.put("error_rate", errorRate);
        if (requestRate == null) {
            n.putNull("request_rate");
        } else {
            n.put("request_rate", requestRate);
        }
        ObjectNode latency = n.putObject("latency_seconds");
        put(latency, "p50", latencyP50);
        put(latency, "p95", latencyP95);
        put(latency, "p99", latencyP99);
        return n;
    }

    private static void put(ObjectNode n, String key, double v) {
        if (Double.isNaN(v)) {
            n.putNull(key);
        } else {
            n.put(key, v);
        }
    }
}
