package io.jenkins.plugins.tat.client.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.rules.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What {@link InvocationWatcher#watch} refuses before it asks the API anything. */
// Every test talks to the emulator over loopback: none may hang the build if a wait never ends.
@Timeout(60)
class InvocationWatcherArgumentsTest extends WatcherTestSupport {

    @Test
    void aMalformedInvocationIdIsRefusedWrittenOutAndNothingIsSent() {
        Throwable thrown = catchThrowable(() -> watcher().watch("inv-abcd1234\u202e\n[Pipeline] echo", WatchListener.NONE));

        assertThat(thrown).isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("InvocationId", "InvalidParameterValue.InvalidInvocationId")));
        assertThat(thrown.getMessage()).contains("inv-abcd1234\\u202e\\u000a[Pipeline] echo").doesNotContain("\u202e", "\n[");
        assertThat(emu.requests()).isEmpty();
    }
}
