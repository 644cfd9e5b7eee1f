package io.jenkins.plugins.tat.client.fleet;

import io.jenkins.plugins.tat.client.rules.InvokeCommandRules;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Splits a fleet's instance IDs into the batches that one call each may carry. */
public final class InstanceBatches {

    /**
     * Instances per batch: the most one InvokeCommand or RunCommand takes, the one setting every
     * split of a fleet (and of a rollout's waves) uses. The current docs say 200, an older page
     * said 100; should TAT refuse a full batch as too large, {@link BatchSender} sends it again as
     * two halves instead of failing the deployment.
     */
    public static final int BATCH_SIZE = InvokeCommandRules.MAX_INSTANCES;

    private InstanceBatches() {}

    /**
     * @param instanceIds the fleet, in the order given (checked beforehand with
     *     {@link InvokeCommandRules#fleetInstanceIds(List)})
     * @return consecutive batches of at most {@link #BATCH_SIZE} IDs, in the same order; one batch
     *     for a fleet that fits one call
     */
    public static List<List<String>> split(List<String> instanceIds) {
        return split(instanceIds, BATCH_SIZE);
    }

    /**
     * @param instanceIds the IDs, in order
     * @param batchSize at most this many IDs per batch, at least 1
     * @return consecutive batches, in the same order; the last may be smaller
     */
    public static List<List<String>> split(List<String> instanceIds, int batchSize) {
        Objects.requireNonNull(instanceIds, "instanceIds");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        List<List<String>> batches = new ArrayList<>((instanceIds.size() + batchSize - 1) / batchSize);
        for (int from = 0; from < instanceIds.size(); from += batchSize) {
            batches.add(List.copyOf(instanceIds.subList(from, Math.min(instanceIds.size(), from + batchSize))));
        }
        return List.copyOf(batches);
    }

    /**
     * The violations of a request for a whole fleet, from those of the same request for its first
     * batch: every field is checked as one call would check it, except the instance list, which is
     * checked whole by {@link InvokeCommandRules#fleetInstanceIds(List)} (any number of instances,
     * none twice across batches, one kind).
     *
     * @param firstBatch the violations of the request for the first {@link #BATCH_SIZE}
     *     instances, in field order
     * @param fleet every instance ID
     * @return the violations of the fleet's request, in field order
     */
    public static List<Violation> fleetViolations(List<Violation> firstBatch, List<String> fleet) {
        List<Violation> violations = new ArrayList<>();
        int instancesAt = -1;
        for (Violation v : firstBatch) {
            if (isInstanceField(v.field())) {
                instancesAt = instancesAt < 0 ? violations.size() : instancesAt;
            } else {
                violations.add(v);
            }
        }
        if (instancesAt < 0) {
            // InstanceIds comes right after the field naming what runs (CommandId or Content).
            instancesAt = 0;
            while (instancesAt < violations.size() && isWhatRuns(violations.get(instancesAt).field())) {
                instancesAt++;
            }
        }
        violations.addAll(instancesAt, InvokeCommandRules.fleetInstanceIds(fleet));
        return violations;
    }

    private static boolean isInstanceField(String field) {
        return field.equals("InstanceIds") || field.startsWith("InstanceIds[");
    }

    private static boolean isWhatRuns(String field) {
        return field.equals("CommandId") || field.equals("Content");
    }
}
