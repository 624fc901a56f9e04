package io.ctkit.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * Runs {@code …TestCases} classes through EngineTestKit with the kit's system properties set for
 * the run only, and reads what happened: each test's failure message, each test's report entries.
 */
final class KitRun {

    private final EngineExecutionResults results;

    private KitRun(EngineExecutionResults results) {
        this.results = results;
    }

    /** Runs {@code cases} with these system properties (null: cleared) set for the duration of the run. */
    static KitRun of(Class<?> cases, Map<String, String> properties) {
        Map<String, String> saved = new HashMap<>();
        properties.keySet().forEach(key -> saved.put(key, System.getProperty(key)));
        try {
            properties.forEach(KitRun::set);
            return new KitRun(EngineTestKit.engine("junit-jupiter")
                    .configurationParameter(OnlyThroughEngineTestKit.PARAMETER, "true")
                    .selectors(selectClass(cases)).execute());
        } finally {
            saved.forEach(KitRun::set);
        }
    }

    private static void set(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    /** Method name → failure message of every failed test; passed tests map to "passed". */
    Map<String, String> outcomes() {
        Map<String, String> out = new HashMap<>();
        for (Event event : results.testEvents().finished().list()) {
            TestExecutionResult result = event.getPayload(TestExecutionResult.class).orElseThrow();
            String name = event.getTestDescriptor().getLegacyReportingName().replaceAll("\\(.*", "");
            out.put(name, result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? "passed"
                    : result.getThrowable().map(Throwable::getMessage).orElse(result.getStatus().toString()));
        }
        return out;
    }

    /** The values of every report entry with {@code key}, in the order they were published. */
    List<String> reported(String key) {
        return results.allEvents().list().stream().filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get(key))
                .filter(Objects::nonNull).toList();
    }

    /** How many tests were started. */
    long started() {
        return results.testEvents().started().count();
    }
}
