package io.jenkins.plugins.tat.client.rollout;

import io.jenkins.plugins.tat.client.InvalidRequestException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a rollout is cut into waves: a list of sizes, each a number or a percentage of the frozen
 * target count, the last one repeating until every target has a wave. {@code [1, "25%"]} is the
 * canary pattern: one instance first, then a quarter of the fleet at a time. TAT starts every
 * target of a call at once and has no ramp of its own, so waves are the only way to go slowly.
 *
 * <p>Immutable.
 */
public final class Waves implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Every target in one wave: what a deployment without {@code waves} does. */
    public static final Waves ALL_AT_ONCE = new Waves(List.of(new WaveSize(100, true)));

    private final List<WaveSize> sizes;

    private Waves(List<WaveSize> sizes) {
        this.sizes = List.copyOf(sizes);
    }

    /**
     * @param sizes the sizes, at least one; the last repeats
     * @return the waves
     * @throws IllegalArgumentException if {@code sizes} is empty
     */
    public static Waves of(List<WaveSize> sizes) {
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("waves need at least one size");
        }
        return new Waves(sizes);
    }

    /**
     * Reads {@code waves} as a Pipeline passes it: a whole number ({@code 5}), a text with a
     * number or a percentage ({@code "5"}, {@code "25%"}), or a list of those
     * ({@code [1, "25%"]}); {@code null} means {@link #ALL_AT_ONCE}.
     *
     * @param value the value
     * @return the waves
     * @throws InvalidRequestException naming the field {@code waves} and what is wrong
     */
    public static Waves parse(Object value) {
        if (value == null) {
            return ALL_AT_ONCE;
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                throw RolloutSettings.invalid("waves", "is an empty list; give at least one size, e.g. [1, \"25%\"]");
            }
            List<WaveSize> sizes = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                sizes.add(size(list.get(i), "entry " + (i + 1) + " of waves"));
            }
            return new Waves(sizes);
        }
        return new Waves(List.of(size(value, "waves")));
    }

    private static WaveSize size(Object value, String what) {
        Optional<RolloutSettings.Amount> amount = RolloutSettings.amount(value);
        if (amount.isEmpty()) {
            throw RolloutSettings.invalid("waves", what + " must be a whole number of instances or a percentage such as"
                    + " \"25%\", not " + RolloutSettings.shown(value));
        }
        RolloutSettings.Amount a = amount.get();
        if (a.value() < 1) {
            throw RolloutSettings.invalid("waves", what + " must be at least 1" + (a.percent() ? "%" : "")
                    + ": a wave of nothing would never end");
        }
        if (a.percent() && a.value() > 100) {
            throw RolloutSettings.invalid("waves", what + " must be at most 100%, not " + a.value() + "%");
        }
        return new WaveSize(a.value(), a.percent());
    }

    /** @return the sizes as given; the last repeats */
    public List<WaveSize> sizes() {
        return sizes;
    }

    /**
     * @param total the frozen target count
     * @return the number of instances in each wave, in order, adding up to {@code total}; the last
     *     wave holds the remainder (20 targets at "30%" give 6, 6, 6, 2); none for no targets
     */
    public List<Integer> counts(int total) {
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative");
        }
        List<Integer> counts = new ArrayList<>();
        int left = total;
        for (int i = 0; left > 0; i++) {
            int n = Math.min(left, sizes.get(Math.min(i, sizes.size() - 1)).of(total));
            counts.add(n);
            left -= n;
        }
        return counts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Waves other && other.sizes.equals(sizes);
    }

    @Override
    public int hashCode() {
        return sizes.hashCode();
    }

    @Override
    public String toString() {
        return sizes.size() == 1 ? sizes.get(0).toString() : sizes.toString();
    }
}
