package io.jenkins.plugins.tat.client.targets;

import io.jenkins.plugins.tat.client.api.InstanceKind;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a selector resolved to, frozen for one step: the instances to run on, sorted by ID, and
 * those that matched but are skipped, with why. Instances of different kinds never go in one
 * InvokeCommand, so they are also given grouped by kind ({@link #byKind()}).
 *
 * <p>Immutable and serializable, so that a step can keep it across a restart and never resolve twice.
 */
public final class ResolvedTargets implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String selector;
    private final List<ResolvedInstance> instances;
    private final List<SkippedInstance> skipped;

    /**
     * @param selector what was resolved, in words ({@link TargetSelector#describe()})
     * @param instances the instances to run on, each once
     * @param skipped the instances left out, each once
     */
    public ResolvedTargets(String selector, List<ResolvedInstance> instances, List<SkippedInstance> skipped) {
        this.selector = selector;
        List<ResolvedInstance> sorted = new ArrayList<>(instances);
        sorted.sort(Comparator.comparing(ResolvedInstance::instanceId));
        this.instances = List.copyOf(sorted);
        List<SkippedInstance> sortedSkipped = new ArrayList<>(skipped);
        sortedSkipped.sort(Comparator.comparing(SkippedInstance::instanceId));
        this.skipped = List.copyOf(sortedSkipped);
    }

    /** @return what was resolved, in words */
    public String selector() {
        return selector;
    }

    /** @return how many instances matched the selector: those to run on and those skipped */
    public int matched() {
        return instances.size() + skipped.size();
    }

    /** @return the instances to run on, sorted by ID */
    public List<ResolvedInstance> instances() {
        return instances;
    }

    /** @return their IDs, sorted */
    public List<String> instanceIds() {
        return instances.stream().map(ResolvedInstance::instanceId).toList();
    }

    /** @return the instances to run on by kind, CVM first; kinds with none are absent */
    public Map<InstanceKind, List<ResolvedInstance>> byKind() {
        Map<InstanceKind, List<ResolvedInstance>> groups = new EnumMap<>(InstanceKind.class);
        for (ResolvedInstance instance : instances) {
            groups.computeIfAbsent(instance.kind(), k -> new ArrayList<>()).add(instance);
        }
        groups.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(groups);
    }

    /**
     * @param kind a kind
     * @return the IDs of that kind to run on, sorted: one InvokeCommand stream
     */
    public List<String> instanceIds(InstanceKind kind) {
        return instances.stream().filter(i -> i.kind() == kind).map(ResolvedInstance::instanceId).toList();
    }

    /** @return the instances left out, sorted by ID */
    public List<SkippedInstance> skipped() {
        return skipped;
    }

    /**
     * The same targets with some moved to the skipped ones, e.g. those whose agent a pre-flight
     * check found offline ({@code AgentCheck.Result.notOnline()}): one offline agent makes TAT
     * refuse a whole InvokeCommand, so they are left out, not sent.
     *
     * @param instanceIds instances to skip; those not among the instances to run on are ignored
     * @param reason why, e.g. {@code agent offline}
     * @return the new targets; this one if nothing changes
     */
    public ResolvedTargets skipping(java.util.Collection<String> instanceIds, String reason) {
        java.util.Set<String> skip = new java.util.HashSet<>(instanceIds);
        if (instances.stream().noneMatch(i -> skip.contains(i.instanceId()))) {
            return this;
        }
        List<ResolvedInstance> kept = new ArrayList<>();
        List<SkippedInstance> nowSkipped = new ArrayList<>(skipped);
        for (ResolvedInstance i : instances) {
            if (skip.contains(i.instanceId())) {
                nowSkipped.add(new SkippedInstance(i.instanceId(), i.name(), reason));
            } else {
                kept.add(i);
            }
        }
        return new ResolvedTargets(selector, kept, nowSkipped);
    }

    /** @return whether there is nothing to run on */
    public boolean isEmpty() {
        return instances.isEmpty();
    }

    /**
     * @return one line for a build log, e.g.
     *     {@code "CVM instances tagged app=web: 12 matched, 10 to run on, 2 skipped (1 not running (STOPPED), 1 restricted (EXPIRED))."}
     */
    public String summary() {
        StringBuilder line = new StringBuilder(selector).append(": ").append(matched()).append(" matched, ")
                .append(instances.size()).append(" to run on, ").append(skipped.size()).append(" skipped");
        if (!skipped.isEmpty()) {
            Map<String, Integer> reasons = new java.util.TreeMap<>();
            skipped.forEach(s -> reasons.merge(s.reason(), 1, Integer::sum));
            List<String> parts = new ArrayList<>();
            reasons.forEach((reason, n) -> parts.add(n + " " + reason));
            line.append(" (").append(String.join(", ", parts)).append(")");
        }
        return line.append('.').toString();
    }

    @Override
    public String toString() {
        return "ResolvedTargets[" + summary() + "]";
    }
}
