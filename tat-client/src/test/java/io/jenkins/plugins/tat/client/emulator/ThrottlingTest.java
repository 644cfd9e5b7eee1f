package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Rolling-window throttling: TAT allows 20 requests per second for each action (docs/dev/protocol.md §4).
 * The emulator clock stands still unless advanced, so the window is exact.
 */
class ThrottlingTest extends EmulatorTestSupport {

    private RawTatClient raw() {
        return new RawTatClient(emu);
    }

    /** Sends {@code n} requests for {@code action} and returns how many were refused. */
    private int refusedOf(int n, String action) throws Exception {
        int refused = 0;
        for (int i = 0; i < n; i++) {
            if ("RequestLimitExceeded".equals(raw().send(action, "{}").errorCode())) {
                refused++;
            }
        }
        return refused;
    }

    @Test
    void twentyFirstRequestWithinASecondIsRefused() throws Exception {
        emu.faults().throttlePerSecond(20);

        assertThat(refusedOf(20, "DescribeCommands")).isZero();
        RawTatClient.Reply refused = raw().send("DescribeCommands", "{}");

        assertThat(refused.errorCode()).isEqualTo("RequestLimitExceeded");
        assertThat(emu.executed("DescribeCommands")).isEqualTo(20);
        assertThat(emu.received("DescribeCommands")).isEqualTo(21);
        assertThat(emu.requests().get(20).faults()).containsExactly(FaultKind.THROTTLED);
    }

    @Test
    void windowRollsWithTheClock() throws Exception {
        emu.faults().throttlePerSecond(20);
        assertThat(refusedOf(10, "DescribeCommands")).isZero();
        clock.advance(Duration.ofMillis(500));
        assertThat(refusedOf(10, "DescribeCommands")).isZero();

        clock.advance(Duration.ofMillis(499)); // the first ten are still inside the last second
        assertThat(refusedOf(1, "DescribeCommands")).isEqualTo(1);

        clock.advance(Duration.ofMillis(1)); // now they have left it
        assertThat(refusedOf(10, "DescribeCommands")).isZero();
        assertThat(refusedOf(1, "DescribeCommands")).isEqualTo(1);
    }

    @Test
    void refusedRequestsDoNotCountAgainstTheWindow() throws Exception {
        emu.faults().throttlePerSecond(3);
        assertThat(refusedOf(10, "DescribeCommands")).isEqualTo(7);

        clock.advance(Duration.ofSeconds(1));

        assertThat(refusedOf(3, "DescribeCommands")).isZero();
    }

    @Test
    void eachActionHasItsOwnWindow() throws Exception {
        emu.faults().throttlePerSecond(2);
        assertThat(refusedOf(3, "DescribeCommands")).isEqualTo(1);

        assertThat(refusedOf(2, "DescribeInvocations")).isZero();
    }

    @Test
    void throttleForOneActionOnly() throws Exception {
        emu.faults().forAction("DescribeInvocations").throttlePerSecond(1);

        assertThat(refusedOf(5, "DescribeCommands")).isZero();
        assertThat(refusedOf(2, "DescribeInvocations")).isEqualTo(1);
    }

    @Test
    void throttleOffAdmitsEverything() throws Exception {
        emu.faults().throttlePerSecond(1).throttleOff();

        assertThat(refusedOf(5, "DescribeCommands")).isZero();
    }

    @Test
    void sdkSeesRequestLimitExceeded() throws Exception {
        emu.faults().throttlePerSecond(1);

        call("DescribeCommands", "{}");
        assertThat(errorCode("DescribeCommands", "{}")).isEqualTo("RequestLimitExceeded");
    }
}
