package io.jenkins.plugins.tat.invoke;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.tat.TatInvocationAction;
import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.api.InvokeCommandResponse;
import io.jenkins.plugins.tat.client.api.RunCommandRequest;
import io.jenkins.plugins.tat.client.api.RunCommandResponse;
import io.jenkins.plugins.tat.client.fleet.BatchSendException;
import io.jenkins.plugins.tat.client.fleet.BatchSender;
import io.jenkins.plugins.tat.client.fleet.InstanceBatches;
import io.jenkins.plugins.tat.client.fleet.SentBatch;
import io.jenkins.plugins.tat.client.rules.Endpoints;
import io.jenkins.plugins.tat.client.rules.Regions;
import io.jenkins.plugins.tat.client.rules.Violation;
import io.jenkins.plugins.tat.client.watch.WaitTimeouts;
import io.jenkins.plugins.tat.client.watch.WatchResult;
import io.jenkins.plugins.tat.cloud.TencentCloudContext;
import io.jenkins.plugins.tat.config.TatClientFactory;
import io.jenkins.plugins.tat.credentials.TencentCloudApiKeys;
import io.jenkins.plugins.tat.wait.InvocationWaitExecution;
import io.jenkins.plugins.tat.wait.InvocationWaiter;
import io.jenkins.plugins.tat.wait.StartedInvocations;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What every front end does to start an invocation, whether of a saved command (InvokeCommand:
 * {@code tatInvoke} and its build step) or of a script (RunCommand: {@code tatRun} and its build
 * step): check the request, resolve the API key and region, send, log, and attach a
 * {@link TatInvocationAction}; then, when asked, wait, print each instance's output, judge and
 * cancel on abort ({@link #startStep} for Pipeline, {@link #perform} for freestyle). Every failure
 * ends in an {@link AbortException} whose message names the field and the rule, or gives the API's
 * error code, message and RequestId. The steps and builders only declare their
 * {@link InvocationOptions}, which {@link InvocationSpec#of} reads.
 */
@Restricted(NoExternalUse.class)
public final class TatInvoker {

    private TatInvoker() {}

    /** What the API answered: the invocation, the command it runs (when known), the RequestId. */
    private record Sent(String invocationId, String commandId, String requestId) {}

    /**
     * @param spec what is started
     * @return the name the messages give the step's arguments
     */
    static String argumentsName(InvocationSpec spec) {
        return spec.getKind() == InvocationSpec.Kind.COMMAND ? "tatInvoke arguments" : "tatRun arguments";
    }

    /**
     * Starts an invocation for a build.
     *
     * @param run the build
     * @param listener its log
     * @param spec what to start; Pipeline values as given, freestyle values already expanded
     * @return the started invocation
     * @throws AbortException if a value breaks a rule (nothing is sent), the credentials cannot be
     *     used, or the API refuses the call or gives no usable answer
     * @throws InterruptedException if the build is aborted meanwhile
     */
    @NonNull
    public static StartedInvocations invoke(@NonNull Run<?, ?> run, @NonNull TaskListener listener, @NonNull InvocationSpec spec)
            throws IOException, InterruptedException {
        return invoke(run, listener, spec, batch -> {});
    }

    /**
     * Starts an invocation for a build; for more instances than one call takes, one invocation
     * per batch, sent one after the other, each once.
     *
     * @param run the build
     * @param listener its log
     * @param spec what to start; Pipeline values as given, freestyle values already expanded
     * @param progress hears of each accepted batch before the next is sent (e.g. to save the
     *     Pipeline's state, so that a restart never sends a batch again)
     * @return the started invocations
     * @throws AbortException if a value breaks a rule (nothing is sent), the credentials cannot be
     *     used, or the API refuses a call or gives no usable answer; for a fleet the message says
     *     which batches were sent (they run) and which were not
     * @throws InterruptedException if the build is aborted meanwhile
     */
    @NonNull
    public static StartedInvocations invoke(@NonNull Run<?, ?> run, @NonNull TaskListener listener, @NonNull InvocationSpec spec,
            @NonNull BatchSender.Progress progress) throws IOException, InterruptedException {
        // Check the request before anything else, so that a mistake fails fast and names its
        // field, without a credentials look-up or a network call.
        List<Violation> violations = new ArrayList<>();
        Regions.check(spec.getRegion()).ifPresent(violations::add);
        violations.addAll(spec.validate());
        if (!violations.isEmpty()) {
            throw new AbortException(new InvalidRequestException(argumentsName(spec), violations).getMessage());
        }
        TatClient client = TencentCloudApiKeys.clientForRun(run, spec.getCredentialsId(), spec.getRole(), spec.getRegion());
        List<String> targets = Preflight.check(client, spec, listener);
        List<List<String>> batches = InstanceBatches.split(targets);

        PrintStream log = listener.getLogger();
        log.println(spec.getKind() == InvocationSpec.Kind.COMMAND
                ? Messages.TatInvoker_Invoking(spec.logName(), targets.size(), spec.getRegion())
                : Messages.TatInvoker_Running(spec.logName(), targets.size(), spec.getRegion()));
        if (batches.size() > 1) {
            log.println(Messages.TatInvoker_Batches(batches.size(), InstanceBatches.BATCH_SIZE));
        }
        String consoleUrl = Endpoints.consoleUrl(client.endpoint(), spec.getRegion());
        List<TatInvocationAction> actions = new ArrayList<>(); // one per batch, the first names the fleet
        List<SentBatch> sent;
        try {
            sent = BatchSender.sendAll(batches, List.of(), (index, ids) -> {
                Sent answer = send(client, spec, ids, index);
                TatInvocationAction action = new TatInvocationAction(answer.invocationId(), spec.getRegion(),
                        answer.commandId(), answer.requestId(), ids.size(), consoleUrl);
                if (batches.size() == 1) {
                    log.println(Messages.TatInvoker_Started(answer.invocationId(), answer.requestId(), TatInvocationAction.ENV_VAR));
                } else {
                    action.recordBatch(index, batches.size(), actions.isEmpty() ? answer.invocationId()
                            : actions.get(0).getInvocationId());
                    log.println(Messages.TatInvoker_StartedBatch(index + 1, batches.size(), answer.invocationId(),
                            answer.requestId(), ids.size()));
                }
                if (index == 0 && spec.isSaveCommand() && answer.commandId() != null) {
                    action.recordSavedCommand(answer.commandId());
                    log.println(Messages.TatInvoker_Saved(answer.commandId(), TatInvocationAction.COMMAND_ENV_VAR));
                }
                run.addAction(action);
                actions.add(action);
                return answer.invocationId();
            }, progress);
        } catch (BatchSendException e) {
            throw new AbortException(e.batchCount() == 1 ? Messages.TatInvoker_Failed(TatClientFactory.explain(e.failure(), client))
                    : Messages.TatInvoker_BatchFailed(e.failedIndex() + 1, e.batchCount(),
                            TatClientFactory.explain(e.failure(), client), e.outcome()));
        }
        if (batches.size() > 1) {
            log.println(Messages.TatInvoker_StartedAll(sent.size(), TatInvocationAction.IDS_ENV_VAR, TatInvocationAction.ENV_VAR));
        }
        return new StartedInvocations(sent.stream().map(SentBatch::invocationId).toList(), client);
    }

    /**
     * The one call that starts a batch: InvokeCommand or RunCommand, on the batch's instances. A
     * script to be saved is saved by the first batch only, so that a fleet saves one command.
     */
    private static Sent send(TatClient client, InvocationSpec spec, List<String> targets, int batch)
            throws InterruptedException {
        if (spec.getKind() == InvocationSpec.Kind.COMMAND) {
            InvokeCommandResponse r = client.invokeCommand(spec.toRequest().withInstanceIds(targets));
            return new Sent(r.invocationId(), spec.getCommandId(), r.requestId());
        }
        RunCommandRequest.Builder request = spec.toRunRequest().toBuilder().instanceIds(targets);
        if (batch > 0) {
            request.saveCommand(false);
        }
        RunCommandResponse r = client.runCommand(request.build());
        return new Sent(r.invocationId(), r.commandId(), r.requestId());
    }

    /**
     * Starts the Pipeline step of either action: sends without waiting (the step returns the
     * InvocationId), or sends and waits with {@link InvocationWaitExecution}, which survives a
     * restart and cancels on abort; it is handed the sending, so that waiting knows nothing of it.
     *
     * @param context the step context
     * @param step the step's options; its API key and region completed from an enclosing
     *     {@code withTencentCloud} block
     * @return the execution
     * @throws AbortException if the wait timeout is out of range (nothing is sent)
     * @throws IOException if the step's context cannot be read
     * @throws InterruptedException if interrupted meanwhile
     */
    @NonNull
    public static StepExecution startStep(@NonNull StepContext context, @NonNull InvocationOptions step)
            throws IOException, InterruptedException {
        TencentCloudContext scope = TencentCloudContext.resolve(context, step.getCredentialsId(), step.getRegion());
        InvocationSpec spec = InvocationSpec.of(step, scope);
        if (!step.isWaitForCompletion()) {
            return new TatInvokeStep.Execution(context, spec);
        }
        long seconds = checkedWaitTimeout(step, argumentsName(spec));
        return InvocationWaitExecution.invokeAndWait(context, (run, listener, progress) -> invoke(run, listener, spec, progress),
                scope, seconds, step.isFailOnTaskFailure());
    }

    /**
     * What the freestyle build step of either action does: starts the invocation, and when asked
     * waits for it, printing each instance's output, failing the build if a task did not succeed
     * (unless told not to), and cancelling the invocation if the build is aborted.
     *
     * @param run the build
     * @param env the build's environment, whose variables the options may name
     * @param listener its log
     * @param builder the build step's options
     * @throws AbortException if a value breaks a rule, or the invocation cannot be started or fails
     * @throws InterruptedException if the build is aborted
     */
    public static void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener,
            @NonNull InvocationOptions builder) throws IOException, InterruptedException {
        InvocationSpec spec = InvocationSpec.of(builder, TencentCloudContext.of(builder.getCredentialsId(), builder.getRegion()), env);
        if (!builder.isWaitForCompletion()) {
            invoke(run, listener, spec);
            return;
        }
        long seconds = checkedWaitTimeout(builder, "build step settings");
        StartedInvocations started = invoke(run, listener, spec);
        try {
            List<WatchResult> results = InvocationWaiter.await(started.client(), started.invocationIds(), run, listener,
                    WaitTimeouts.of(seconds), ConcurrentHashMap.newKeySet());
            InvocationWaiter.judge(results, builder.isFailOnTaskFailure(), listener);
        } catch (InterruptedException e) {
            // The build was aborted: stop the remote run too, then let the build end as aborted.
            InvocationWaiter.cancel(started.client(), started.invocationIds(), listener);
            throw e;
        }
    }

    /** The wait timeout in seconds, checked before anything is sent. */
    private static long checkedWaitTimeout(InvocationOptions options, String arguments) throws AbortException {
        Integer given = options.getWaitTimeout();
        Long seconds = given == null ? null : given.longValue();
        Violation tooLong = WaitTimeouts.check(seconds).orElse(null);
        if (tooLong != null) {
            throw new AbortException(new InvalidRequestException(arguments, List.of(tooLong)).getMessage());
        }
        return WaitTimeouts.of(seconds).toSeconds();
    }
}
