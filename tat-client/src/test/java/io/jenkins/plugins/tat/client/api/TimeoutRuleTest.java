package io.jenkins.plugins.tat.client.api;

import static io.jenkins.plugins.tat.client.api.ValidRequests.valid;
import static io.jenkins.plugins.tat.client.api.ValidRequests.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.tat.client.rules.Violation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Timeout rules of InvokeCommand, through {@link InvokeCommandRequest#validate()}. */
class TimeoutRuleTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 60, 86_400})
    void acceptsOneSecondToOneDay(long seconds) {
        assertThat(violations(valid().timeout(seconds))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 86_401})
    void refusesValuesOutsideTheRange(long seconds) {
        assertThat(violations(valid().timeout(seconds)))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("Timeout", "InvalidParameterValue.Range"));
    }
}
