package io.jenkins.plugins.tat.client.rollout;

/**
 * One entry of {@link Waves}: a number of instances, or a percentage of the frozen target count.
 *
 * @param amount the number, or the percentage (1 to 100)
 * @param percent whether {@code amount} is a percentage
 */
public record WaveSize(int amount, boolean percent) implements java.io.Serializable {

    /**
     * @throws IllegalArgumentException if the amount is below 1, or a percentage above 100
     */
    public WaveSize {
        if (amount < 1 || (percent && amount > 100)) {
            throw new IllegalArgumentException("a wave size is at least 1, and a percentage at most 100%: " + amount
                    + (percent ? "%" : ""));
        }
    }

    /**
     * @param total the frozen target count
     * @return how many instances this entry means: a number as it is, a percentage of
     *     {@code total} rounded down, at least 1
     */
    public int of(int total) {
        if (!percent) {
            return amount;
        }
        return Math.max(1, (int) ((long) amount * total / 100));
    }

    @Override
    public String toString() {
        return percent ? amount + "%" : Integer.toString(amount);
    }
}
