package io.jenkins.plugins.tat.client.rollout;

import io.jenkins.plugins.tat.client.InvalidRequestException;
import java.io.Serializable;

/**
 * How many errors a rollout tolerates: a number, or a percentage of all targets rounded down
 * (10% of 50 tolerates 5; the 6th error stops the rollout). The default is 0: the first error
 * stops it. Errors are counted over the whole rollout, not per wave.
 *
 * @param amount the number, or the percentage (0 to 100)
 * @param percent whether {@code amount} is a percentage
 */
public record MaxErrors(int amount, boolean percent) implements Serializable {

    /** No error tolerated: the default. */
    public static final MaxErrors NONE = new MaxErrors(0, false);

    /**
     * @throws IllegalArgumentException if the amount is negative, or a percentage above 100
     */
    public MaxErrors {
        if (amount < 0 || (percent && amount > 100)) {
            throw new IllegalArgumentException("maxErrors is at least 0, and a percentage at most 100%");
        }
    }

    /**
     * Reads {@code maxErrors} as a Pipeline passes it: a whole number ({@code 2}) or a text with a
     * number or a percentage ({@code "2"}, {@code "10%"}); {@code null} means {@link #NONE}.
     *
     * @param value the value
     * @return the limit
     * @throws InvalidRequestException naming the field {@code maxErrors} and what is wrong
     */
    public static MaxErrors parse(Object value) {
        if (value == null) {
            return NONE;
        }
        RolloutSettings.Amount a = RolloutSettings.amount(value).orElseThrow(() -> RolloutSettings.invalid("maxErrors",
                "must be a whole number of errors (0 or more) or a percentage of all targets such as \"10%\", not "
                        + RolloutSettings.shown(value)));
        if (a.percent() && a.value() > 100) {
            throw RolloutSettings.invalid("maxErrors", "must be at most 100%, not " + a.value() + "%");
        }
        return new MaxErrors(a.value(), a.percent());
    }

    /**
     * @param total the frozen target count
     * @return how many errors are tolerated: the number, or the percentage of {@code total}
     *     rounded down (which may be 0)
     */
    public int allowed(int total) {
        return percent ? (int) ((long) amount * total / 100) : amount;
    }

    @Override
    public String toString() {
        return percent ? amount + "%" : Integer.toString(amount);
    }
}
