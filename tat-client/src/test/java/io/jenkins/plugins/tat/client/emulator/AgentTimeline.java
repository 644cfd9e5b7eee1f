package io.jenkins.plugins.tat.client.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When an instance's TAT agent was online, as a list of switches on the emulator clock. Task
 * states are computed from it lazily (no background thread): a task cannot be delivered while the
 * agent is offline, so it stays PENDING until the agent is back.
 */
final class AgentTimeline {

    private record Switch(Instant at, boolean online) {}

    private final boolean initiallyOnline;
    private final List<Switch> switches = new ArrayList<>();

    AgentTimeline(boolean initiallyOnline) {
        this.initiallyOnline = initiallyOnline;
    }

    /** Records that the agent went online or offline at {@code at}. */
    void set(Instant at, boolean online) {
        switches.add(new Switch(at, online));
        // A test may move the clock backwards; keep the switches in time order (stable for ties).
        switches.sort(Comparator.comparing(Switch::at));
    }

    boolean isOnlineAt(Instant instant) {
        boolean online = initiallyOnline;
        for (Switch s : switches) {
            if (s.at().isAfter(instant)) {
                break;
            }
            online = s.online();
        }
        return online;
    }

    /** The last switch at or before {@code instant}, if there was one. */
    Optional<Instant> lastSwitchBefore(Instant instant) {
        Instant last = null;
        for (Switch s : switches) {
            if (s.at().isAfter(instant)) {
                break;
            }
            last = s.at();
        }
        return Optional.ofNullable(last);
    }

    /**
     * The first instant at or after {@code from} at which the agent is online, or empty if it went
     * offline and has not come back.
     */
    Optional<Instant> firstOnlineAtOrAfter(Instant from) {
        if (isOnlineAt(from)) {
            return Optional.of(from);
        }
        return switches.stream()
                .filter(s -> s.at().isAfter(from) && s.online())
                .map(Switch::at)
                .findFirst();
    }
}
