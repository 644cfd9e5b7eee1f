package io.jenkins.plugins.tat.client.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * An imitation of Tencent Cloud TAT (API 2020-10-28) over real HTTP on 127.0.0.1, for tests of
 * clients: it checks TC3 signatures with its own code, validates requests with the service's error
 * codes, keeps commands, instances and invocations in memory, moves tasks along on its own clock,
 * injects transport faults on demand and records what it received and executed.
 *
 * <pre>{@code
 * try (TatEmulator emu = TatEmulator.start()) {
 *     emu.account("AKIDtest", "secretKeyTest");
 *     emu.command(EmulatedCommand.builder("cmd-abcd1234").build());
 *     emu.instance(EmulatedInstance.cvm("ins-abcd1234"));
 *     // point the client at emu.endpoint(), sign with AKIDtest/secretKeyTest, region ap-guangzhou
 * }
 * }</pre>
 *
 * <p>Actions: InvokeCommand, RunCommand, DescribeInvocations, DescribeInvocationTasks,
 * DescribeCommands, DescribeAutomationAgentStatus, CancelInvocation, DescribeRegisterInstances;
 * for requests signed for the service {@code sts}, STS's AssumeRole ({@link #role}); and for
 * {@code cvm}, {@code lighthouse} and {@code as}, the listings of instances by tag and scaling group
 * ({@link #fleetInstance}). Everything else answers InvalidAction.
 * All methods are thread-safe.
 */
public final class TatEmulator implements AutoCloseable {

    private final EmulatorState state = new EmulatorState();
    private final Accounts accounts = new Accounts();
    private final StsService sts = new StsService(accounts);
    private final InventoryService inventory = new InventoryService();
    private final FaultBoard faultBoard = new FaultBoard();
    private final RequestLog log = new RequestLog();
    private volatile Clock clock = Clock.systemUTC();
    private final LoopbackHttpServer server;

    private TatEmulator(int port) throws IOException {
        TatApiPipeline pipeline = new TatApiPipeline(state, accounts, sts, inventory, faultBoard, log, () -> clock.instant());
        this.server = LoopbackHttpServer.start(pipeline, port);
    }

    /**
     * Starts an emulator on 127.0.0.1 with an ephemeral port: no accounts, commands or instances
     * yet, the system clock, no faults.
     *
     * @return the running emulator; close it to stop the server
     */
    public static TatEmulator start() {
        return start(0);
    }

    /**
     * Starts an emulator on 127.0.0.1 and the given port, otherwise like {@link #start()}.
     *
     * @param port the port, or 0 for an ephemeral one
     * @return the running emulator; close it to stop the server
     */
    public static TatEmulator start(int port) {
        try {
            return new TatEmulator(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
        }
    }

    /**
     * Keeps connections open after an answer, as TAT does, instead of closing each (the default,
     * which tests rely on: a client never reuses a connection the emulator may drop). For
     * benchmarks, whose clients should pool connections as they do against TAT.
     *
     * @param keep whether to keep them open
     * @return this
     */
    public TatEmulator keepConnectionsOpen(boolean keep) {
        server.keepAlive(keep);
        return this;
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return URI.create("http://" + hostAndPort());
    }

    /** @return {@code 127.0.0.1:<port>}, the form the SDK's {@code HttpProfile.setEndpoint} takes */
    public String hostAndPort() {
        return "127.0.0.1:" + port();
    }

    /** @return the port the server listens on */
    public int port() {
        return server.port();
    }

    /**
     * Registers a long-term API key.
     *
     * @param secretId the SecretId
     * @param secretKey the SecretKey
     * @return this
     */
    public TatEmulator account(String secretId, String secretKey) {
        accounts.add(new Accounts.Account(Objects.requireNonNull(secretId), Objects.requireNonNull(secretKey), null));
        return this;
    }

    /**
     * Registers a temporary (STS) key: requests signed with it must send {@code X-TC-Token}
     * equal to {@code sessionToken}, else {@code AuthFailure.TokenFailure}.
     *
     * @param secretId the SecretId
     * @param secretKey the SecretKey
     * @param sessionToken the token
     * @return this
     */
    public TatEmulator account(String secretId, String secretKey, String sessionToken) {
        accounts.add(new Accounts.Account(Objects.requireNonNull(secretId), Objects.requireNonNull(secretKey),
                Objects.requireNonNull(sessionToken)));
        return this;
    }

    /**
     * Registers (or replaces) a CAM role that STS AssumeRole issues temporary keys for. STS is
     * served on the same port as TAT ({@link #endpoint()}): a request whose credential scope names
     * {@code sts} goes to STS. An issued key is accepted by TAT with its token only, and from its
     * expiry on (server clock) refused with {@code AuthFailure.TokenFailure}.
     *
     * @param role the role
     * @return this
     */
    public TatEmulator role(EmulatedRole role) {
        sts.add(Objects.requireNonNull(role));
        return this;
    }

    /** @return the temporary keys STS issued so far, oldest first */
    public List<IssuedKey> issuedKeys() {
        return sts.issued();
    }

    /**
     * Ends the life of every temporary key issued so far, now (server clock), before its expiry:
     * as revoking the role's sessions would. TAT refuses them from then on.
     *
     * @return this
     */
    public TatEmulator revokeIssuedKeys() {
        sts.revokeAll(clock.instant());
        return this;
    }

    /**
     * Sets the server clock, used for the 300 s signature window, the throttle window, and task
     * timing.
     *
     * @param serverClock the clock, e.g. an {@link AdjustableClock}
     * @return this
     */
    public TatEmulator clock(Clock serverClock) {
        this.clock = Objects.requireNonNull(serverClock);
        return this;
    }

    /** @return the server clock */
    public Clock clock() {
        return clock;
    }

    /**
     * Cuts each invocation's InvocationTaskBasicInfoSet in DescribeInvocations short: it lists only
     * the first {@code tasks} tasks. The API reference does not say whether TAT lists every task of
     * a large invocation; this lets a test make sure a client does not rely on it.
     *
     * @param tasks the most tasks listed per invocation
     * @return this
     */
    public TatEmulator basicInfoCap(int tasks) {
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be positive");
        }
        state.basicInfoCap = tasks;
        state.basicInfoCapKeepsLast = false;
        return this;
    }

    /**
     * Like {@link #basicInfoCap(int)}, but the set lists the last {@code tasks} tasks: for a client
     * that must not take the set's tasks for the first ones either.
     *
     * @param tasks the most tasks listed per invocation
     * @return this
     */
    public TatEmulator basicInfoCapKeepingLast(int tasks) {
        basicInfoCap(tasks);
        state.basicInfoCapKeepsLast = true;
        return this;
    }

    /**
     * Registers (or replaces) a saved command.
     *
     * @param command the command
     * @return this
     */
    public TatEmulator command(EmulatedCommand command) {
        synchronized (state) {
            state.commands.put(command.commandId(), command);
        }
        return this;
    }

    /**
     * Registers (or replaces) an instance.
     *
     * @param instance the instance
     * @return this
     */
    public TatEmulator instance(EmulatedInstance instance) {
        return registerInstance(instance);
    }

    /**
     * Registers (or replaces) an instance as the listing APIs see it, with its tags, state, zone,
     * name, private IP and scaling group: CVM instances are listed by CVM DescribeInstances (and by
     * Auto Scaling's DescribeAutoScalingInstances when in a group), Lighthouse instances by
     * Lighthouse DescribeInstances, managed ones by TAT DescribeRegisterInstances, all on this
     * port, chosen by the credential scope's service (docs/dev/protocol.md §10). It is also an
     * instance TAT runs commands on ({@link #instance}), running with its agent online exactly when
     * its state is RUNNING (or Online).
     *
     * @param instance the instance
     * @return this
     */
    public TatEmulator fleetInstance(FleetInstance instance) {
        inventory.add(Objects.requireNonNull(instance));
        return registerInstance(instance.asTatInstance());
    }

    /**
     * Refuses a CAM permission to a key from now on, e.g. {@code cvm:DescribeInstances}: the
     * listing action answers {@code UnauthorizedOperation} naming it.
     *
     * @param secretId the key
     * @param permission the permission, {@code service:Action}
     * @return this
     */
    public TatEmulator denyPermission(String secretId, String permission) {
        inventory.deny(secretId, permission);
        return this;
    }

    /**
     * Sets the most InstanceIds one InvokeCommand or RunCommand takes (default 200); more are
     * refused with {@code InvalidParameterValue.LimitExceeded} and nothing runs, as a service
     * keeping the older documented limit of 100 would.
     *
     * @param max the limit, at least 1
     * @return this
     */
    public TatEmulator maxInstancesPerCall(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        synchronized (state) {
            state.maxInstancesPerCall = max;
        }
        return this;
    }

    private TatEmulator registerInstance(EmulatedInstance instance) {
        synchronized (state) {
            state.instances.put(instance.instanceId(), new InstanceState(instance));
        }
        return this;
    }

    /**
     * Sets what tasks created from now on do on one instance; every such task follows the same
     * script until it is replaced.
     *
     * @param instanceId the instance
     * @param script the script
     * @return this
     */
    public TatEmulator script(String instanceId, TaskScript script) {
        synchronized (state) {
            state.scripts.put(Objects.requireNonNull(instanceId), Objects.requireNonNull(script));
        }
        return this;
    }

    /**
     * Sets what tasks of one command created from now on do on one instance, ahead of the
     * instance's own script. {@code {{name}}} in the output becomes the parameter's value.
     *
     * @param commandId the command
     * @param instanceId the instance
     * @param script the script
     * @return this
     */
    public TatEmulator script(String commandId, String instanceId, TaskScript script) {
        synchronized (state) {
            state.commandScripts.put(Objects.requireNonNull(commandId) + " " + Objects.requireNonNull(instanceId),
                    Objects.requireNonNull(script));
        }
        return this;
    }

    /**
     * Sets what tasks do on instances without a script of their own; initially
     * {@link TaskScript#success()}, which finishes at once with exit code 0 and no output.
     *
     * @param script the script
     * @return this
     */
    public TatEmulator scriptDefault(TaskScript script) {
        synchronized (state) {
            state.setDefaultScript(Objects.requireNonNull(script));
        }
        return this;
    }

    /**
     * Switches a registered instance's agent on or off, now (emulator clock). While it is off,
     * InvokeCommand refuses the instance and its tasks that have not started stay PENDING.
     *
     * @param instanceId the instance
     * @param online the new agent state
     * @return this
     */
    public TatEmulator setAgentOnline(String instanceId, boolean online) {
        synchronized (state) {
            state.requireInstance(instanceId).agent.set(clock.instant(), online);
        }
        return this;
    }

    /**
     * Sets whether a registered instance is RUNNING; InvokeCommand refuses one that is not.
     *
     * @param instanceId the instance
     * @param running the new state
     * @return this
     */
    public TatEmulator setInstanceRunning(String instanceId, boolean running) {
        synchronized (state) {
            state.requireInstance(instanceId).running = running;
        }
        return this;
    }

    /**
     * Adds a region to the ones the emulator serves (others answer UnsupportedRegion).
     *
     * @param region a region ID
     * @return this
     */
    public TatEmulator addRegion(String region) {
        synchronized (state) {
            state.regions.add(Objects.requireNonNull(region));
        }
        return this;
    }

    /**
     * Creates an invocation directly, as the service stores one, without InvokeCommand's checks: in
     * particular without its limit of 200 instances per request (docs/dev/protocol.md §4.1). It is for tests
     * of clients that must cope with more tasks than one InvokeCommand creates, e.g. paging
     * DescribeInvocationTasks past 200 tasks. The invocation takes the command's defaults (Timeout,
     * Username, ...) and the region of the first instance; each task follows its instance's script.
     *
     * @param commandId a registered command
     * @param instanceIds registered instances, at least one, each once
     * @return the new InvocationId
     * @throws IllegalArgumentException if the command or an instance is not registered
     */
    public String createInvocation(String commandId, List<String> instanceIds) {
        synchronized (state) {
            return createInvocation(state.newId("inv-"), commandId, instanceIds);
        }
    }

    /**
     * Like {@link #createInvocation(String, List)} with the InvocationId of the test's choosing: for
     * a client that comes back with an ID it saved while talking to another emulator, e.g. a
     * Jenkins home checked in as a fixture, whose builds wait for the invocations they started.
     * Its tasks start now, on this emulator's clock, and follow their instances' scripts.
     *
     * @param invocationId the InvocationId to answer for, {@code inv-} and 8 letters or digits, not yet known
     * @param commandId a registered command
     * @param instanceIds registered instances, at least one, each once
     * @return the InvocationId
     * @throws IllegalArgumentException if the ID is malformed or known, or the command or an
     *     instance is not registered
     */
    public String createInvocation(String invocationId, String commandId, List<String> instanceIds) {
        if (!TatIds.INVOCATION.isWellFormed(invocationId)) {
            throw new IllegalArgumentException("not an InvocationId: " + invocationId);
        }
        if (instanceIds.isEmpty() || instanceIds.size() != new HashSet<>(instanceIds).size()) {
            throw new IllegalArgumentException("give at least one instance, each once: " + instanceIds);
        }
        synchronized (state) {
            EmulatedCommand command = state.commands.get(commandId);
            if (command == null) {
                throw new IllegalArgumentException("no command registered with ID " + commandId);
            }
            EmulatedInstance first = state.requireInstance(instanceIds.get(0)).instance;
            instanceIds.forEach(state::requireInstance);
            if (state.invocations.containsKey(invocationId)) {
                throw new IllegalArgumentException("already known: " + invocationId);
            }
            state.claimId(invocationId); // never issued to another invocation later
            Instant now = clock.instant();
            List<TaskRecord> tasks = new ArrayList<>();
            for (String instanceId : instanceIds) {
                state.requireInstance(instanceId);
                tasks.add(new TaskRecord(state.newId("invt-"), instanceId, now,
                        state.scriptFor(commandId, instanceId).withParameters(command.defaultParameters())));
            }
            state.invocations.put(invocationId, new InvocationRecord(invocationId, command, first.region(), first.kind(),
                    now, command.timeout(), command.username(), command.workingDirectory(), command.outputCosBucketUrl(),
                    command.outputCosKeyPrefix(), "{}", TatJson.encodeParameters(command.defaultParameters()), tasks));
            return invocationId;
        }
    }

    /** @return the fault switches, applying to every action */
    public EmulatorFaults faults() {
        return new EmulatorFaults(faultBoard, null);
    }

    /**
     * @param action an X-TC-Action, or null for requests that had none
     * @return how many requests for it arrived, including faulted and rejected ones
     */
    public int received(String action) {
        return log.receivedCount(action);
    }

    /**
     * @param action an X-TC-Action
     * @return how many requests for it passed every check and were executed
     */
    public int executed(String action) {
        return log.executedCount(action);
    }

    /** @return the response body bytes written to clients so far, for checking how much a client read */
    public long bodyBytesSent() {
        return server.bodyBytesSent();
    }

    /** @return every request recorded so far, in the order their handling finished */
    public List<RecordedRequest> requests() {
        return log.requests();
    }

    /**
     * @param invocationId an invocation created through InvokeCommand
     * @return its state now (emulator clock)
     * @throws NoSuchElementException if there is no such invocation
     */
    public EmulatedInvocation invocation(String invocationId) {
        synchronized (state) {
            InvocationRecord invocation = state.invocation(invocationId)
                    .orElseThrow(() -> new NoSuchElementException("no invocation " + invocationId));
            return state.snapshot(invocation, clock.instant());
        }
    }

    /**
     * @param invocationId an invocation
     * @return the command it ran: a saved one, or the one RunCommand made of its script (whose
     *     {@link EmulatedCommand#content()} is the script as TAT received it)
     * @throws NoSuchElementException if there is no such invocation
     */
    public EmulatedCommand invocationCommand(String invocationId) {
        synchronized (state) {
            return state.invocation(invocationId).map(InvocationRecord::command)
                    .orElseThrow(() -> new NoSuchElementException("no invocation " + invocationId));
        }
    }

    /**
     * @param commandId a command
     * @return whether it is saved (registered, or saved by RunCommand with SaveCommand)
     */
    public boolean hasCommand(String commandId) {
        synchronized (state) {
            return state.commands.containsKey(commandId);
        }
    }

    /**
     * @param commandId a saved command
     * @return it, as stored (with its tags)
     * @throws NoSuchElementException if no such command is saved
     */
    public EmulatedCommand savedCommand(String commandId) {
        synchronized (state) {
            EmulatedCommand command = state.commands.get(commandId);
            if (command == null) {
                throw new NoSuchElementException("no saved command " + commandId);
            }
            return command;
        }
    }

    /** @return every invocation in creation order, as it is now (emulator clock) */
    public List<EmulatedInvocation> invocations() {
        synchronized (state) {
            List<EmulatedInvocation> result = new ArrayList<>();
            for (InvocationRecord invocation : state.invocations.values()) {
                result.add(state.snapshot(invocation, clock.instant()));
            }
            return result;
        }
    }

    /** Stops the server and closes open connections. */
    @Override
    public void close() {
        server.close();
    }
}
