package io.jenkins.plugins.tat.client.rollout;

import io.jenkins.plugins.tat.client.api.TaskStatus;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The running count of a rollout's errors, wave by wave, and the decision it leads to: after each
 * wave, the errors so far are compared with {@link MaxErrors}; once they exceed it no further wave
 * is sent. The wave under way always finishes (its tasks were started together), so a rollout may
 * end with more errors than it tolerates, as in AWS SSM and Ansible.
 *
 * <p>Not thread-safe; serializable, so that a rollout's state survives a restart with it.
 */
public final class ErrorBudget implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Why a refused call's instances count as errors. */
    public static final String REFUSED_SEND = "the call that was to start it was refused";

    private final RolloutPlan plan;
    private final int allowed;
    private final Map<String, String> skipped;
    private final List<String> ran = new ArrayList<>();
    private final Map<String, String> failed = new LinkedHashMap<>();
    private int wavesJudged;

    /**
     * @param plan the rollout's waves
     * @param maxErrors how many errors it tolerates, of all its targets
     * @param skipped instances left out before anything was sent, with why (not running, agent
     *     offline…); they are reported, not counted as errors
     */
    public ErrorBudget(RolloutPlan plan, MaxErrors maxErrors, Map<String, String> skipped) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.allowed = maxErrors.allowed(plan.targets().size());
        this.skipped = new LinkedHashMap<>(skipped);
    }

    /** @return how many errors are tolerated */
    public int allowed() {
        return allowed;
    }

    /** @return how many errors there were so far */
    public int errors() {
        return failed.size();
    }

    /** @return how many waves were judged so far */
    public int wavesJudged() {
        return wavesJudged;
    }

    /**
     * Judges the next wave once it has finished.
     *
     * @param statuses the final status of each task of the wave that was started, by instance ID
     * @param refused the wave's instances whose call was refused (nothing started on them): each
     *     counts as an error
     * @return whether the next wave may be sent: there is one, and the errors so far do not exceed
     *     the number allowed
     * @throws IllegalStateException if every wave was judged already, or the rollout stopped
     * @throws IllegalArgumentException if an instance is not one of the wave's
     */
    public boolean judgeWave(Map<String, TaskStatus> statuses, Collection<String> refused) {
        if (wavesJudged >= plan.waveCount() || stopped()) {
            throw new IllegalStateException("no wave is left to judge: " + wavesJudged + " of " + plan.waveCount()
                    + " judged" + (stopped() ? ", and the rollout stopped" : ""));
        }
        List<String> wave = plan.wave(wavesJudged);
        for (String id : statuses.keySet()) {
            requireInWave(wave, id);
        }
        for (String id : refused) {
            requireInWave(wave, id);
        }
        for (String id : wave) {
            if (refused.contains(id)) {
                failed.put(id, REFUSED_SEND);
                continue;
            }
            ran.add(id);
            TaskStatus status = statuses.get(id);
            if (status != null && ErrorStatuses.isError(status)) {
                failed.put(id, status.name());
            }
        }
        wavesJudged++;
        return mayContinue();
    }

    /** @return whether the next wave may be sent */
    public boolean mayContinue() {
        return !stopped() && wavesJudged < plan.waveCount();
    }

    /** @return whether the errors exceed the number allowed, so that no further wave is sent */
    public boolean stopped() {
        return failed.size() > allowed;
    }

    /** @return the verdict so far: final once {@link #mayContinue()} is false */
    public RolloutVerdict verdict() {
        List<String> notSent = wavesJudged == 0 ? plan.targets() : plan.after(wavesJudged - 1);
        return new RolloutVerdict(plan.targets().size(), ran, failed, notSent, skipped, allowed, wavesJudged,
                plan.waveCount());
    }

    private static void requireInWave(List<String> wave, String id) {
        if (!wave.contains(id)) {
            throw new IllegalArgumentException(id + " is not in the wave being judged");
        }
    }
}
