package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When an agent is online, from its recorded switches. */
class AgentTimelineTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void onlineFromTheStartUntilSwitchedOff() {
        AgentTimeline agent = new AgentTimeline(true);
        agent.set(at(10), false);

        assertThat(agent.isOnlineAt(at(9))).isTrue();
        assertThat(agent.isOnlineAt(at(10))).isFalse();
        assertThat(agent.firstOnlineAtOrAfter(at(5))).contains(at(5));
        assertThat(agent.firstOnlineAtOrAfter(at(11))).isEmpty();
    }

    @Test
    void waitsForTheNextSwitchOnIgnoringRepeatedSwitchOffs() {
        AgentTimeline agent = new AgentTimeline(true);
        agent.set(at(1), false);
        agent.set(at(2), false);
        agent.set(at(3), true);

        assertThat(agent.firstOnlineAtOrAfter(at(1))).contains(at(3));
    }

    @Test
    void switchesRecordedOutOfOrderAreReadInTimeOrder() {
        AgentTimeline agent = new AgentTimeline(false);
        agent.set(at(20), false);
        agent.set(at(10), true);

        assertThat(agent.isOnlineAt(at(15))).isTrue();
        assertThat(agent.isOnlineAt(at(25))).isFalse();
        assertThat(agent.firstOnlineAtOrAfter(at(0))).contains(at(10));
    }
}
