package io.jenkins.plugins.tat;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import io.jenkins.plugins.tat.client.fleet.InvocationIdList;
import io.jenkins.plugins.tat.client.watch.TaskReport;
import io.jenkins.plugins.tat.client.watch.WatchResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jenkins.model.RunAction2;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * One TAT invocation started or awaited by a build.
 *
 * <ul>
 *   <li>It sets {@value #ENV_VAR} for later steps and stages of the build (Pipeline and
 *       freestyle). A build with several invocations has one action each; the variable holds the
 *       last one, because actions contribute in the order they were added. An invocation of
 *       {@code tatRun} with {@code saveCommand} also sets {@value #COMMAND_ENV_VAR} to the saved
 *       command; it then holds the last command saved, whatever was started after it.</li>
 *   <li>It sets {@value #IDS_ENV_VAR} to the InvocationIds of the latest step: one ID, or for
 *       a fleet sent in several batches (one action each) all of them, comma-separated, in
 *       batch order; the same value the step returned.</li>
 *   <li>It is a page of the build: region, command, InvocationId, and once waited for, each
 *       instance's status and exit code, with a link to the TAT console.</li>
 * </ul>
 *
 * <p>It is saved in {@code build.xml}, so it holds only plain strings and numbers: no secret and
 * no command output (output stays in the build log).
 *
 * <p><b>API.</b> Reading is API: another plugin or a script may find a build's invocations with
 * {@code run.getActions(TatInvocationAction.class)} or {@link #find(Run, String)} and read them
 * through the getters, {@link #ENV_VAR} and {@link TaskSummary}; they are kept compatible. Making
 * and changing one is the plugin's own business (the constructor, {@link #recordResult}): an
 * action made elsewhere would show on the build page and set {@value #ENV_VAR} as if this plugin
 * had started the invocation.
 */
public final class TatInvocationAction implements RunAction2, EnvironmentContributingAction {

    /** The environment variable holding the build's latest InvocationId. */
    public static final String ENV_VAR = "TAT_INVOCATION_ID";

    /** The environment variable holding the ID of the command the build's latest {@code tatRun} saved. */
    public static final String COMMAND_ENV_VAR = "TAT_COMMAND_ID";

    /**
     * The environment variable holding the InvocationIds of the build's latest step, comma-separated:
     * several for a fleet sent in batches.
     */
    public static final String IDS_ENV_VAR = "TAT_INVOCATION_IDS";

    private final String invocationId;
    private final String region;
    private final String commandId;
    private final String requestId;
    private final int instanceCount;
    private final String consoleUrl;
    private List<TaskSummary> tasks;
    private String summary;
    /** The command RunCommand saved (SaveCommand), or {@code null}; absent from older build.xml files. */
    private String savedCommandId;
    /** For a batch of a fleet: its position from 0, the fleet's batch count and first InvocationId. */
    private int batchIndex;
    private int batchCount;
    @CheckForNull
    private String firstOfFleet;

    private transient Run<?, ?> run;

    /**
     * @param invocationId the invocation
     * @param region its region
     * @param commandId the command, or {@code null} when unknown (an invocation only waited for)
     * @param requestId the RequestId of the InvokeCommand call, or {@code null}
     * @param instanceCount how many instances it targets, or 0 when unknown
     * @param consoleUrl where to find it in the Tencent Cloud console
     */
    @Restricted(NoExternalUse.class)
    public TatInvocationAction(@NonNull String invocationId, @NonNull String region, @CheckForNull String commandId,
            @CheckForNull String requestId, int instanceCount, @NonNull String consoleUrl) {
        this.invocationId = invocationId;
        this.region = region;
        this.commandId = commandId;
        this.requestId = requestId;
        this.instanceCount = instanceCount;
        this.consoleUrl = consoleUrl;
    }

    /**
     * Finds the action of an invocation on a build.
     *
     * @param run the build
     * @param invocationId the invocation
     * @return its action, if the build has one
     */
    @CheckForNull
    public static TatInvocationAction find(@NonNull Run<?, ?> run, @NonNull String invocationId) {
        for (TatInvocationAction action : run.getActions(TatInvocationAction.class)) {
            if (action.invocationId.equals(invocationId)) {
                return action;
            }
        }
        return null;
    }

    @Override
    public synchronized void buildEnvironment(@NonNull Run<?, ?> run, @NonNull EnvVars env) {
        env.put(ENV_VAR, invocationId);
        // Actions contribute in the order they were added: a fleet's first batch starts the list,
        // its later batches add to it, and anything started alone replaces it.
        env.put(IDS_ENV_VAR, InvocationIdList.append(env.get(IDS_ENV_VAR), invocationId, batchIndex, firstOfFleet));
        if (savedCommandId != null) {
            env.put(COMMAND_ENV_VAR, savedCommandId);
        }
    }

    /**
     * Records that the invocation's script was saved as a command.
     *
     * @param commandId the saved command
     */
    @Restricted(NoExternalUse.class)
    public synchronized void recordSavedCommand(@NonNull String commandId) {
        this.savedCommandId = commandId;
    }

    /**
     * Records that the invocation is one batch of a fleet.
     *
     * @param index the batch's position, from 0
     * @param count how many batches the fleet has
     * @param firstInvocationId the InvocationId of the fleet's first batch
     */
    @Restricted(NoExternalUse.class)
    public synchronized void recordBatch(int index, int count, @NonNull String firstInvocationId) {
        this.batchIndex = index;
        this.batchCount = count;
        this.firstOfFleet = firstInvocationId;
    }

    /** @return the batch's position, from 1, when the invocation is one batch of a fleet; else 0 */
    public synchronized int getBatchNumber() {
        return batchCount > 1 ? batchIndex + 1 : 0;
    }

    /** @return how many batches the fleet has, when the invocation is one of them; else 0 */
    public synchronized int getBatchCount() {
        return batchCount > 1 ? batchCount : 0;
    }

    /** @return the command {@code tatRun} saved with {@code saveCommand}, or {@code null} */
    @CheckForNull
    public synchronized String getSavedCommandId() {
        return savedCommandId;
    }

    /**
     * Records how the invocation ended: status and exit code per instance, never the output.
     *
     * @param result the result of waiting
     */
    @Restricted(NoExternalUse.class)
    public synchronized void recordResult(@NonNull WatchResult result) {
        List<TaskSummary> summaries = new ArrayList<>();
        for (TaskReport report : result.reports()) {
            summaries.add(new TaskSummary(report.instanceId(), report.invocationTaskId(), report.statusText(),
                    report.exitCode()));
        }
        summaries.sort((a, b) -> a.getInstanceId().compareTo(b.getInstanceId()));
        this.tasks = summaries;
        this.summary = result.summary();
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /** @return the build, for the page's side panel ({@code index.jelly}) */
    @Restricted(NoExternalUse.class)
    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-terminal";
    }

    @Override
    public String getDisplayName() {
        return Messages.TatInvocationAction_DisplayName(invocationId);
    }

    @Override
    public String getUrlName() {
        return "tat-" + invocationId;
    }

    /** @return the InvocationId */
    public String getInvocationId() {
        return invocationId;
    }

    /** @return the region */
    public String getRegion() {
        return region;
    }

    /** @return the command ID, or {@code null} */
    public String getCommandId() {
        return commandId;
    }

    /** @return the RequestId of InvokeCommand, or {@code null} */
    public String getRequestId() {
        return requestId;
    }

    /** @return how many instances, or 0 if unknown */
    public int getInstanceCount() {
        return instanceCount;
    }

    /** @return the TAT console page for the invocation's region */
    public String getConsoleUrl() {
        return consoleUrl;
    }

    /** @return per-instance outcomes, empty until the build waited for the invocation */
    public synchronized List<TaskSummary> getTasks() {
        return tasks == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(tasks));
    }

    /** @return e.g. {@code 3 succeeded, 1 failed}, or {@code null} until waited for */
    public synchronized String getSummary() {
        return summary;
    }

    /** How one task ended, as shown on the page. */
    public static final class TaskSummary implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String instanceId;
        private final String taskId;
        private final String status;
        private final Long exitCode;

        TaskSummary(String instanceId, String taskId, String status, Long exitCode) {
            this.instanceId = instanceId;
            this.taskId = taskId;
            this.status = status;
            this.exitCode = exitCode;
        }

        /** @return the instance */
        public String getInstanceId() {
            return instanceId;
        }

        /** @return the task */
        public String getTaskId() {
            return taskId;
        }

        /** @return the API's status, e.g. {@code SUCCESS} */
        public String getStatus() {
            return status;
        }

        /** @return the exit code, or {@code null} */
        public Long getExitCode() {
            return exitCode;
        }

        /** @return whether the task succeeded */
        public boolean isSuccess() {
            return "SUCCESS".equals(status);
        }
    }
}
