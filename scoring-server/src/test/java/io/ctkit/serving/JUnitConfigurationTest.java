package io.ctkit.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The default timeout of src/test/resources/junit-platform.properties reaches JUnit as the build
 * runs it, so a test that hangs fails instead of stopping the build.
 */
class JUnitConfigurationTest {

    static final String TIMEOUT = "junit.jupiter.execution.timeout.default";
    static final String THREAD_MODE = "junit.jupiter.execution.timeout.thread.mode.default";

    private final Map<String, String> seen = new HashMap<>();

    @RegisterExtension
    final BeforeEachCallback configuration = context -> {
        for (String key : new String[] {TIMEOUT, THREAD_MODE}) {
            context.getConfigurationParameter(key).ifPresent(value -> seen.put(key, value));
        }
    };

    @Test
    void everyTestHasADefaultTimeoutEnforcedOnItsOwnThread() {
        assertThat(seen).containsEntry(TIMEOUT, "2 m").containsEntry(THREAD_MODE, "SEPARATE_THREAD");
    }
}
