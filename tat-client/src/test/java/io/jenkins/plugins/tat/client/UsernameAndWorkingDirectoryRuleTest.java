package io.jenkins.plugins.tat.client;

import static io.jenkins.plugins.tat.client.ValidRequests.valid;
import static io.jenkins.plugins.tat.client.ValidRequests.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/** The UsernameAndWorkingDirectory rules of InvokeCommand, through {@link InvokeCommandRequest#validate()}. */
class UsernameAndWorkingDirectoryRuleTest {

    @Test
    void usernameMayNotBeBlankWhenGiven() {
        assertThat(violations(valid().username("  ")))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("Username", "InvalidParameter.InvalidUsername"));
    }

    @Test
    void workingDirectoryMayNotBeBlankWhenGiven() {
        assertThat(violations(valid().workingDirectory("")))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("WorkingDirectory", "InvalidParameterValue.InvalidWorkingDirectory"));
    }

    @Test
    void bothMayBeLeftOut() {
        assertThat(violations(valid().username(null).workingDirectory(null))).isEmpty();
    }
}
