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
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import jenkins.model.RunAction2;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

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
 * <p>It is saved in {@code build.xml}, so it holds only plain strings and numbers and no secret.
 * Of each task's output it keeps only a short tail for the page ({@link TaskSummary#getOutputTail()}:
 * the last {@value #TAIL_CHARS} characters of at most {@value #MAX_TAILS} tasks, unsuccessful ones
 * first), already masked like the build log; the full output is in the build log. Fields were only
 * ever added: a {@code build.xml} of an older version loads, with no tails, durations or times.
 *
 * <p><b>REST API.</b> The action is exported to the build's {@code api/json} and {@code api/xml}:
 * IDs, region, command, batch, outcome and per task the instance, task, status, exit code and
 * times. Never output, parameters or anything secret: a script reading the API needs no more
 * rights than reading the build, and the output tail stays on the page.
 *
 * <p><b>API.</b> Reading is API: another plugin or a script may find a build's invocations with
 * {@code run.getActions(TatInvocationAction.class)} or {@link #find(Run, String)} and read them
 * through the getters, {@link #ENV_VAR} and {@link TaskSummary}; they are kept compatible. Making
 * and changing one is the plugin's own business (the constructor, {@link #recordResult}): an
 * action made elsewhere would show on the build page and set {@value #ENV_VAR} as if this plugin
 * had started the invocation.
 */
@ExportedBean(defaultVisibility = 2)
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

    /** How much of each task's output the action keeps: its end, where a failure usually shows. */
    static final int TAIL_CHARS = 2048;

    /**
     * How many tasks' tails one action keeps (a batch has at most 200 tasks): with {@link #TAIL_CHARS}
     * at most about 400 KB of build.xml per invocation.
     */
    static final int MAX_TAILS = 200;

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
    @Exported
    public synchronized int getBatchNumber() {
        return batchCount > 1 ? batchIndex + 1 : 0;
    }

    /** @return how many batches the fleet has, when the invocation is one of them; else 0 */
    @Exported
    public synchronized int getBatchCount() {
        return batchCount > 1 ? batchCount : 0;
    }

    /** @return the command {@code tatRun} saved with {@code saveCommand}, or {@code null} */
    @CheckForNull
    @Exported
    public synchronized String getSavedCommandId() {
        return savedCommandId;
    }

    /**
     * Records how the invocation ended: status, exit code and times per instance, and the tail of
     * each output as the client gave it (the client has taken its own keys out already).
     *
     * @param result the result of waiting
     */
    @Restricted(NoExternalUse.class)
    public void recordResult(@NonNull WatchResult result) {
        recordResult(result, UnaryOperator.identity());
    }

    /**
     * Records how the invocation ended: status, exit code and times per instance, and the tail of
     * at most {@value #MAX_TAILS} outputs (unsuccessful tasks first), each passed through
     * {@code mask} before it is kept.
     *
     * @param result the result of waiting
     * @param mask masks secrets in a tail the way the build log masks them
     */
    @Restricted(NoExternalUse.class)
    public synchronized void recordResult(@NonNull WatchResult result, @NonNull UnaryOperator<String> mask) {
        List<TaskReport> reports = new ArrayList<>(result.reports());
        // Tails go to the unsuccessful tasks first: they are what a reader opens the page for.
        reports.sort(Comparator.comparing((TaskReport r) -> r.succeeded()).thenComparing(TaskReport::instanceId));
        List<TaskSummary> summaries = new ArrayList<>();
        int tails = 0;
        for (TaskReport report : reports) {
            String tail = null;
            if (tails < MAX_TAILS) {
                tail = mask.apply(OutputTail.of(report, TAIL_CHARS));
                tails++;
            }
            summaries.add(new TaskSummary(report.instanceId(), report.invocationTaskId(), report.statusText(),
                    report.exitCode(), millis(report.startTime()), millis(report.endTime()), tail));
        }
        summaries.sort(Comparator.comparing(TaskSummary::getInstanceId));
        this.tasks = summaries;
        this.summary = result.summary();
    }

    private static Long millis(java.time.Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
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
        return ICON;
    }

    /** The action's own icon (a cloud with a prompt), not the console's. */
    @Restricted(NoExternalUse.class)
    public static final String ICON = "symbol-tat-invocation plugin-tencentcloud-tat";

    /**
     * @return every invocation of the build, in the order they were added, for the summary of all
     *     of them on the build page and on each invocation's page
     */
    @Restricted(NoExternalUse.class)
    public List<TatInvocationAction> getAllOfRun() {
        return run == null ? List.of(this) : run.getActions(TatInvocationAction.class);
    }

    /** @return whether this is the build's first invocation: the one that shows the summary of all */
    @Restricted(NoExternalUse.class)
    public boolean isFirstOfRun() {
        List<TatInvocationAction> all = getAllOfRun();
        return all.isEmpty() || all.get(0) == this;
    }

    /** @return the tasks for the page: unsuccessful ones first, then by instance */
    @Restricted(NoExternalUse.class)
    public synchronized List<TaskSummary> getTasksFailedFirst() {
        List<TaskSummary> sorted = new ArrayList<>(getTasks());
        sorted.sort(Comparator.comparing(TaskSummary::isSuccess).thenComparing(TaskSummary::getInstanceId));
        return sorted;
    }

    /** @return how many tasks did not succeed, of those recorded */
    @Restricted(NoExternalUse.class)
    public synchronized int getUnsuccessfulCount() {
        return (int) getTasks().stream().filter(t -> !t.isSuccess()).count();
    }

    /** @return the statuses the recorded tasks have, for the page's filter */
    @Restricted(NoExternalUse.class)
    public synchronized List<String> getStatuses() {
        return getTasks().stream().map(TaskSummary::getStatus).distinct().sorted().toList();
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
    @Exported
    public String getInvocationId() {
        return invocationId;
    }

    /** @return the region */
    @Exported
    public String getRegion() {
        return region;
    }

    /** @return the command ID, or {@code null} */
    @Exported
    public String getCommandId() {
        return commandId;
    }

    /** @return the RequestId of InvokeCommand, or {@code null} */
    @Exported
    public String getRequestId() {
        return requestId;
    }

    /** @return how many instances, or 0 if unknown */
    @Exported
    public int getInstanceCount() {
        return instanceCount;
    }

    /** @return the TAT console page for the invocation's region */
    @Exported
    public String getConsoleUrl() {
        return consoleUrl;
    }

    /** @return per-instance outcomes, empty until the build waited for the invocation */
    @Exported(inline = true)
    public synchronized List<TaskSummary> getTasks() {
        return tasks == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(tasks));
    }

    /** @return e.g. {@code 3 succeeded, 1 failed}, or {@code null} until waited for */
    @Exported
    public synchronized String getSummary() {
        return summary;
    }

    /**
     * How one task ended, as shown on the page. Exported to the REST API without its output tail.
     */
    @ExportedBean(defaultVisibility = 3)
    public static final class TaskSummary implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String instanceId;
        private final String taskId;
        private final String status;
        private final Long exitCode;
        /** When the command started and ended, epoch milliseconds; absent from older build.xml files. */
        @CheckForNull
        private final Long startMillis;
        @CheckForNull
        private final Long endMillis;
        /** The end of the output, masked; {@code null} when not kept or in older build.xml files. */
        @CheckForNull
        private final String outputTail;

        TaskSummary(String instanceId, String taskId, String status, Long exitCode) {
            this(instanceId, taskId, status, exitCode, null, null, null);
        }

        TaskSummary(String instanceId, String taskId, String status, Long exitCode, Long startMillis, Long endMillis,
                String outputTail) {
            this.instanceId = instanceId;
            this.taskId = taskId;
            this.status = status;
            this.exitCode = exitCode;
            this.startMillis = startMillis;
            this.endMillis = endMillis;
            this.outputTail = outputTail;
        }

        /** @return the instance */
        @Exported
        public String getInstanceId() {
            return instanceId;
        }

        /** @return the task */
        @Exported
        public String getTaskId() {
            return taskId;
        }

        /** @return the API's status, e.g. {@code SUCCESS} */
        @Exported
        public String getStatus() {
            return status;
        }

        /** @return the exit code, or {@code null} */
        @Exported
        public Long getExitCode() {
            return exitCode;
        }

        /** @return when the command started, in milliseconds since the epoch, or {@code null} if unknown */
        @Exported
        @CheckForNull
        public Long getStartTime() {
            return startMillis;
        }

        /** @return when the command ended, in milliseconds since the epoch, or {@code null} if unknown */
        @Exported
        @CheckForNull
        public Long getEndTime() {
            return endMillis;
        }

        /** @return how long the command ran, e.g. {@code 12.3 s}, or {@code null} if unknown */
        @CheckForNull
        public String getDuration() {
            if (startMillis == null || endMillis == null) {
                return null;
            }
            return String.format(java.util.Locale.ROOT, "%.1f s", Math.max(0, endMillis - startMillis) / 1000.0);
        }

        /**
         * The end of what the command printed, masked as the build log is; never exported to the
         * REST API.
         *
         * @return the tail, {@code ""} for no output, or {@code null} when the action did not keep
         *     it (a build of an older version, or more tasks than the action keeps tails of)
         */
        @CheckForNull
        public String getOutputTail() {
            return outputTail;
        }

        /** @return whether the task succeeded */
        public boolean isSuccess() {
            return "SUCCESS".equals(status);
        }
    }
}
