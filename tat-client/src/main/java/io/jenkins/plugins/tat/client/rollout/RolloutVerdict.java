package io.jenkins.plugins.tat.client.rollout;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rollout did: the instances it ran on, those that failed and why, those never sent because
 * the rollout stopped, and those skipped before anything was sent.
 *
 * @param targets how many instances the plan had
 * @param ran instances a call was accepted for, in order
 * @param failed instances counted as errors, with their status or {@link ErrorBudget#REFUSED_SEND}
 * @param notSent instances of waves never sent, in order
 * @param skipped instances left out before sending, with why
 * @param allowed the errors tolerated
 * @param wavesJudged the waves that ran and were judged
 * @param waveCount the waves planned
 */
public record RolloutVerdict(int targets, List<String> ran, Map<String, String> failed, List<String> notSent,
        Map<String, String> skipped, int allowed, int wavesJudged, int waveCount) implements Serializable {

    /** The result a build takes from a rollout. */
    public enum Result {
        /** Every target ran without an error, nothing was skipped. */
        SUCCESS,
        /** Some instances were skipped before sending, or errors stayed within the number allowed. */
        UNSTABLE,
        /** The errors exceeded the number allowed. */
        FAILURE
    }

    /** Copies the collections. */
    public RolloutVerdict {
        ran = List.copyOf(ran);
        failed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failed));
        notSent = List.copyOf(notSent);
        skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /** @return the errors counted */
    public int errors() {
        return failed.size();
    }

    /** @return whether the errors exceeded the number allowed */
    public boolean stopped() {
        return failed.size() > allowed;
    }

    /** @return FAILURE when errors exceeded the number allowed; UNSTABLE when something was skipped or failed; else SUCCESS */
    public Result result() {
        if (stopped()) {
            return Result.FAILURE;
        }
        return skipped.isEmpty() && failed.isEmpty() ? Result.SUCCESS : Result.UNSTABLE;
    }

    /**
     * @return one line for a build log, e.g. {@code "Rollout stopped after wave 2 of 4: 6 of 20
     *     instances ran, 2 failed (1 allowed), 14 never sent, 1 skipped before sending."}
     */
    public String summary() {
        String head = stopped() ? "Rollout stopped after wave " + wavesJudged + " of " + waveCount
                : wavesJudged < waveCount ? "Rollout under way, " + wavesJudged + " of " + waveCount + " waves done"
                : "Rollout finished, " + waveCount + (waveCount == 1 ? " wave" : " waves");
        return head + ": " + ran.size() + " of " + targets + " instances ran, " + failed.size() + " failed (" + allowed
                + " allowed), " + notSent.size() + " never sent, " + skipped.size() + " skipped before sending.";
    }
}
