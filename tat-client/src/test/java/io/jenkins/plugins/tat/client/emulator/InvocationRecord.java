package io.jenkins.plugins.tat.client.emulator;

import java.time.Instant;
import java.util.List;

/**
 * An invocation ({@code inv-...}) as InvokeCommand created it: the command as it was then, the
 * effective run settings (request values, else the command's defaults, docs/dev/protocol.md §4.1) and one
 * task per instance, in the order the instances were given.
 */
record InvocationRecord(
        String invocationId,
        EmulatedCommand command,
        String region,
        EmulatedInstance.Kind instanceKind,
        Instant createdAt,
        long timeoutSeconds,
        String username,
        String workingDirectory,
        String outputCosBucketUrl,
        String outputCosKeyPrefix,
        String parameters,
        String defaultParameters,
        List<TaskRecord> tasks) {

    InvocationRecord {
        tasks = List.copyOf(tasks);
    }
}
