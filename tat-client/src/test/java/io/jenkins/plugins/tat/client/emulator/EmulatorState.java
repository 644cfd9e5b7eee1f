package io.jenkins.plugins.tat.client.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the emulated service stores: commands, instances, invocations, task scripts and the
 * regions it serves. Not thread-safe by itself: callers hold the lock ({@code synchronized} on
 * this object), as {@link TatEmulator} and {@link TatApiPipeline} do, so that an action's checks
 * and its effect happen atomically.
 */
final class EmulatorState {

    /**
     * Regions the emulator serves by default: the ones in TAT's DescribeRegions example plus the
     * general Tencent region ids the project cares about (docs/dev/protocol.md §5).
     */
    static final List<String> DEFAULT_REGIONS = List.of(
            "ap-guangzhou", "ap-shanghai", "ap-beijing", "ap-chengdu", "ap-chongqing", "ap-nanjing",
            "ap-hongkong", "ap-singapore", "ap-seoul", "ap-tokyo", "ap-bangkok", "ap-jakarta",
            "na-siliconvalley", "na-ashburn", "eu-frankfurt");

    /** The script of a task on an instance that has none of its own: immediate SUCCESS, no output. */
    private TaskScript defaultScript = TaskScript.success();

    /** The most InstanceIds one InvokeCommand or RunCommand takes (the current docs say 200, an older page 100). */
    int maxInstancesPerCall = InvokeCommandAction.MAX_INSTANCES;

    final Set<String> regions = new LinkedHashSet<>(DEFAULT_REGIONS);
    final Map<String, EmulatedCommand> commands = new LinkedHashMap<>();
    final Map<String, InstanceState> instances = new LinkedHashMap<>();
    final Map<String, TaskScript> scripts = new LinkedHashMap<>();
    /** Scripts for one command on one instance, keyed {@code commandId + " " + instanceId}. */
    final Map<String, TaskScript> commandScripts = new LinkedHashMap<>();
    /** In creation order, which is the order Describe* list them in. */
    final Map<String, InvocationRecord> invocations = new LinkedHashMap<>();
    private final Set<String> issuedIds = new HashSet<>();
    /**
     * The most tasks DescribeInvocations lists in an invocation's InvocationTaskBasicInfoSet (the
     * first ones, in creation order): unlimited by default, as far as the API reference tells.
     */
    volatile int basicInfoCap = Integer.MAX_VALUE;
    /** Whether a capped InvocationTaskBasicInfoSet lists the last tasks instead of the first. */
    volatile boolean basicInfoCapKeepsLast;

    void setDefaultScript(TaskScript script) {
        this.defaultScript = script;
    }

    TaskScript scriptFor(String commandId, String instanceId) {
        TaskScript script = commandScripts.get(commandId + " " + instanceId);
        return script != null ? script : scripts.getOrDefault(instanceId, defaultScript);
    }

    /** Marks an ID given by a test as issued, so that {@link #newId} never issues it. */
    void claimId(String id) {
        issuedIds.add(id);
    }

    /** A fresh ID with the given prefix that was never issued before. */
    String newId(String prefix) {
        String id;
        do {
            id = TatIds.random(prefix);
        } while (!issuedIds.add(id));
        return id;
    }

    InstanceState requireInstance(String instanceId) {
        InstanceState state = instances.get(instanceId);
        if (state == null) {
            throw new IllegalArgumentException("no instance registered with ID " + instanceId);
        }
        return state;
    }

    Optional<InvocationRecord> invocation(String invocationId) {
        return Optional.ofNullable(invocations.get(invocationId));
    }

    List<InvocationRecord> invocationsIn(String region) {
        List<InvocationRecord> result = new ArrayList<>();
        for (InvocationRecord invocation : invocations.values()) {
            if (invocation.region().equals(region)) {
                result.add(invocation);
            }
        }
        return result;
    }

    TaskState taskState(InvocationRecord invocation, TaskRecord task, Instant now) {
        return TaskLifecycle.stateAt(task, invocation.timeoutSeconds(), instances.get(task.instanceId).agent, now);
    }

    List<TaskState> taskStates(InvocationRecord invocation, Instant now) {
        List<TaskState> states = new ArrayList<>();
        for (TaskRecord task : invocation.tasks()) {
            states.add(taskState(invocation, task, now));
        }
        return states;
    }

    EmulatedInvocation snapshot(InvocationRecord invocation, Instant now) {
        List<EmulatedTask> tasks = new ArrayList<>();
        for (TaskRecord task : invocation.tasks()) {
            TaskState state = taskState(invocation, task, now);
            tasks.add(new EmulatedTask(task.taskId, task.instanceId, state.status(), state.exitCode(),
                    state.errorInfo(), state.startTime(), state.endTime()));
        }
        return new EmulatedInvocation(invocation.invocationId(), invocation.command().commandId(),
                invocation.region(), InvocationStatusRule.aggregate(taskStates(invocation, now)),
                invocation.createdAt(), invocation.timeoutSeconds(), invocation.username(),
                invocation.workingDirectory(), invocation.parameters(), tasks);
    }
}

