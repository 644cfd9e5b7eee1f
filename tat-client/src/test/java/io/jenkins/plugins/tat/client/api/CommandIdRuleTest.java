package io.jenkins.plugins.tat.client.api;

import static io.jenkins.plugins.tat.client.api.ValidRequests.valid;
import static io.jenkins.plugins.tat.client.api.ValidRequests.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.tat.client.rules.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CommandId rules of InvokeCommand, through {@link InvokeCommandRequest#validate()}. */
class CommandIdRuleTest {

    @Test
    void isRequired() {
        assertThat(violations(valid().commandId(null)))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("CommandId", "MissingParameter"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffxdx79i", "cmd_abcd1234", "cmd-ABCD1234", "cmd-abc", "CMD-abcd1234", " cmd-abcd1234"})
    void mustHaveTheCommandIdForm(String id) {
        assertThat(violations(valid().commandId(id)))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("CommandId", "InvalidParameterValue.InvalidCommandId"));
    }

    @Test
    void theMessageSaysWhatAnIdLooksLike() {
        assertThat(violations(valid().commandId("deploy")).get(0).message())
                .contains("'deploy'").contains("cmd-");
    }
}
