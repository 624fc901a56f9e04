package io.ctkit.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * On a {@code …TestCases} class: its tests run only when a kit test starts them through
 * EngineTestKit with {@link #PARAMETER}, never from surefire's own discovery (as junit-pioneer does).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(OnlyThroughEngineTestKit.Condition.class)
@interface OnlyThroughEngineTestKit {

    String PARAMETER = "io.ctkit.testkit.cases";

    /** Disables the tests unless the configuration parameter is set. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER).isPresent()
                    ? ConditionEvaluationResult.enabled("run through EngineTestKit")
                    : ConditionEvaluationResult.disabled("test cases of a kit test; run only through EngineTestKit");
        }
    }
}
