package io.jenkins.plugins.tat.client.fleet;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A batch that the API accepted: which instances, and the invocation it became.
 *
 * @param index the batch's position, from 0
 * @param instanceIds its instances
 * @param invocationId the InvocationId the API answered
 */
public record SentBatch(int index, List<String> instanceIds, String invocationId) implements Serializable {

    /**
     * @param index the batch's position, from 0
     * @param instanceIds its instances
     * @param invocationId the InvocationId
     */
    public SentBatch {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative");
        }
        instanceIds = List.copyOf(instanceIds);
        Objects.requireNonNull(invocationId, "invocationId");
    }
}
