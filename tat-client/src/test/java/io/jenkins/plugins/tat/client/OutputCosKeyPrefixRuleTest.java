package io.jenkins.plugins.tat.client;

import static io.jenkins.plugins.tat.client.ValidRequests.valid;
import static io.jenkins.plugins.tat.client.ValidRequests.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OutputCosKeyPrefix rules of InvokeCommand, through {@link InvokeCommandRequest#validate()}. */
class OutputCosKeyPrefixRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"logs", "logs/deploy", "a..b/c", "logs/"})
    void acceptsAPlainPrefix(String prefix) {
        assertThat(violations(valid().outputCosKeyPrefix(prefix))).isEmpty();
    }

    @Test
    void atMostSixtyCharacters() {
        assertThat(violations(valid().outputCosKeyPrefix("x".repeat(60)))).isEmpty();
        assertThat(violations(valid().outputCosKeyPrefix("x".repeat(61))))
                .extracting(Violation::errorCode)
                .containsExactly("InvalidParameterValue.InvalidOutputCOSKeyPrefix");
    }

    @Test
    void countsCharactersNotBytes() {
        assertThat(violations(valid().outputCosKeyPrefix("日".repeat(60)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/logs", "logs//deploy", "logs/../etc", "..", "logs/..", "logs\ndeploy", ""})
    void refusesBadPaths(String prefix) {
        assertThat(violations(valid().outputCosKeyPrefix(prefix)))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("OutputCOSKeyPrefix", "InvalidParameterValue.InvalidOutputCOSKeyPrefix"));
    }
}
