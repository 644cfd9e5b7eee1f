package io.jenkins.plugins.tat.wait;

import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.fleet.InstanceBatches;
import io.jenkins.plugins.tat.client.fleet.InvocationIdList;
import java.util.List;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What was started, and the client that started it (for waiting on it): one invocation, or for
 * more instances than one call takes, one per batch of at most {@value InstanceBatches#BATCH_SIZE}.
 *
 * @param invocationIds the InvocationIds, one per batch
 * @param client the client
 */
@Restricted(NoExternalUse.class)
public record StartedInvocations(List<String> invocationIds, TatClient client) {

    /**
     * @param invocationIds the InvocationIds, one per batch
     * @param client the client
     */
    public StartedInvocations {
        invocationIds = List.copyOf(invocationIds);
    }

    /**
     * @return what a step returns and {@code TAT_INVOCATION_IDS} holds: the InvocationId, or for a
     *     fleet sent in several batches all of them, comma-separated
     */
    public String result() {
        return InvocationIdList.join(invocationIds);
    }
}
