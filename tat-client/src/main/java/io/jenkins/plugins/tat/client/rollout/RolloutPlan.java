package io.jenkins.plugins.tat.client.rollout;

import io.jenkins.plugins.tat.client.api.InstanceKind;
import io.jenkins.plugins.tat.client.fleet.InstanceBatches;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The waves of a rollout over a frozen target list: consecutive slices of it, in its order, sized
 * by {@link Waves}. The plan is fixed when it is made, so a rollout resumed after a restart cuts
 * the same waves. Each wave is sent in calls of one {@link InstanceKind} each and at most a batch
 * size of instances ({@link #calls}): TAT refuses a call that mixes kinds.
 *
 * <p>Immutable.
 */
public final class RolloutPlan implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> targets;
    private final Waves waves;
    private final List<List<String>> slices;

    private RolloutPlan(List<String> targets, Waves waves, List<List<String>> slices) {
        this.targets = List.copyOf(targets);
        this.waves = waves;
        this.slices = List.copyOf(slices);
    }

    /**
     * @param targets the frozen instance IDs, in the order they are to be sent (e.g. sorted by
     *     ID, as {@code ResolvedTargets} gives them); each once, each of a known kind
     * @param waves how to cut them
     * @return the plan
     * @throws IllegalArgumentException if an ID appears twice or has no known kind
     */
    public static RolloutPlan of(List<String> targets, Waves waves) {
        List<String> frozen = List.copyOf(targets);
        Set<String> seen = new HashSet<>();
        for (String id : frozen) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException("target " + id + " is listed twice");
            }
            if (InstanceKind.of(id).isEmpty()) {
                throw new IllegalArgumentException("target " + id + " is not an instance ID of a kind TAT serves");
            }
        }
        List<List<String>> slices = new ArrayList<>();
        int from = 0;
        for (int count : waves.counts(frozen.size())) {
            slices.add(List.copyOf(frozen.subList(from, from + count)));
            from += count;
        }
        return new RolloutPlan(frozen, waves, List.copyOf(slices));
    }

    /** @return every target, in order */
    public List<String> targets() {
        return targets;
    }

    /** @return the waves the plan was cut by */
    public Waves waves() {
        return waves;
    }

    /** @return how many waves there are; 0 for no targets */
    public int waveCount() {
        return slices.size();
    }

    /**
     * @param index the wave's position, from 0
     * @return its instances, in order
     */
    public List<String> wave(int index) {
        return slices.get(index);
    }

    /** @return every wave's instances, in order */
    public List<List<String>> allWaves() {
        return slices;
    }

    /**
     * The calls that send one wave with the standard batch size ({@link InstanceBatches#BATCH_SIZE}).
     *
     * @param index the wave's position, from 0
     * @return see {@link #calls(int, int)}
     */
    public List<List<String>> calls(int index) {
        return calls(index, InstanceBatches.BATCH_SIZE);
    }

    /**
     * The calls that send one wave: its instances grouped by kind (CVM, then Lighthouse, then
     * managed), each group cut into consecutive batches of at most {@code batchSize}.
     *
     * @param index the wave's position, from 0
     * @param batchSize the most instances one call carries, at least 1
     * @return the instance IDs of each call, in sending order
     */
    public List<List<String>> calls(int index, int batchSize) {
        Map<InstanceKind, List<String>> byKind = new EnumMap<>(InstanceKind.class);
        for (String id : wave(index)) {
            byKind.computeIfAbsent(InstanceKind.of(id).orElseThrow(), k -> new ArrayList<>()).add(id);
        }
        List<List<String>> calls = new ArrayList<>();
        for (List<String> group : byKind.values()) {
            calls.addAll(InstanceBatches.split(group, batchSize));
        }
        return List.copyOf(calls);
    }

    /**
     * @param index a wave's position, from 0
     * @return the instances of every wave after it, in order: what is never sent if the rollout
     *     stops after that wave
     */
    public List<String> after(int index) {
        List<String> rest = new ArrayList<>();
        for (int i = index + 1; i < slices.size(); i++) {
            rest.addAll(slices.get(i));
        }
        return List.copyOf(rest);
    }

    @Override
    public String toString() {
        return "RolloutPlan[" + targets.size() + " targets in " + slices.size() + " waves of " + waves.counts(targets.size())
                + "]";
    }
}
