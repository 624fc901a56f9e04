package io.ctkit.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs test case classes with the JUnit Platform test kit in a child JVM and prints one line per
 * outcome ({@code FAILED name: message}, {@code SUCCEEDED name}, {@code ENTRY key=value}), line
 * breaks escaped: for the tests that need a JVM of their own, e.g. one that sees no Docker engine.
 */
final class EngineRun {

    private EngineRun() {
    }

    public static void main(String[] classNames) throws ClassNotFoundException {
        EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter");
        for (String name : classNames) {
            builder.selectors(selectClass(Class.forName(name)));
        }
        EngineExecutionResults results = builder.execute();
        for (Event event : results.testEvents().finished().list()) {
            TestExecutionResult result = event.getPayload(TestExecutionResult.class).orElseThrow();
            String name = event.getTestDescriptor().getDisplayName();
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                System.out.println("SUCCEEDED " + name);
            } else {
                System.out.println("FAILED " + name + ": " + escape(result.getThrowable().map(Throwable::getMessage).orElse("")));
            }
        }
        for (Event event : results.allEvents().reportingEntryPublished().list()) {
            event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs()
                    .forEach((k, v) -> System.out.println("ENTRY " + k + "=" + escape(v)));
        }
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static List<String> lines(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
    }
}
