package io.jenkins.plugins.tat.invoke;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.tat.client.rules.CommandParameters;
import io.jenkins.plugins.tat.cloud.TencentCloudContext;
import io.jenkins.plugins.tat.forms.InvokeFormChecks;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code tatInvoke}: runs a saved TAT command on instances and returns the InvocationId, which
 * later steps and stages also find in {@code TAT_INVOCATION_ID}. It needs no {@code node}.
 *
 * <pre>
 * def id = tatInvoke credentialsId: 'tencent', region: 'ap-guangzhou', commandId: 'cmd-abcd1234',
 *                    instanceIds: ['ins-aaaa1111', 'ins-bbbb2222'], parameters: [version: '1.4.2'],
 *                    waitForCompletion: true
 * </pre>
 *
 * <p>{@code instanceIds} is a list or a string of IDs separated by commas or white space;
 * {@code parameters} a map or a JSON object string. The work is done by {@link TatInvoker}, shared
 * with the freestyle {@link TatInvokeBuilder}.
 */
public final class TatInvokeStep extends Step {

    private final String credentialsId;
    private final String region;
    private final String commandId;
    private final Object instanceIds;
    private Object parameters;
    private String username;
    private String workingDirectory;
    private Integer timeout;
    private String outputCosBucketUrl;
    private String outputCosKeyPrefix;
    private boolean waitForCompletion;
    private boolean failOnTaskFailure = true;
    private Integer waitTimeout;
    private boolean preflight = true;
    private boolean skipOfflineInstances;

    /**
     * @param credentialsId the API key's credentials ID; may be empty inside {@code withTencentCloud}
     * @param region the region of the instances, e.g. {@code ap-guangzhou}; may be empty inside
     *     {@code withTencentCloud}
     * @param commandId the saved command, {@code cmd-xxxxxxxx}
     * @param instanceIds a list of instance IDs, or a string of IDs separated by commas or white space
     */
    @DataBoundConstructor
    public TatInvokeStep(String credentialsId, String region, String commandId, Object instanceIds) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
        this.region = Util.fixEmptyAndTrim(region);
        this.commandId = Util.fixEmptyAndTrim(commandId);
        this.instanceIds = instanceIds;
    }

    /** @return the credentials ID, or {@code null} to take the enclosing {@code withTencentCloud} block's */
    public String getCredentialsId() {
        return credentialsId;
    }

    /** @return the region */
    public String getRegion() {
        return region;
    }

    /** @return the command ID */
    public String getCommandId() {
        return commandId;
    }

    /** @return the instance IDs as given: a list or a string */
    public Object getInstanceIds() {
        return instanceIds;
    }

    /** @return the instance IDs as the form shows them, one per line; for {@code config.jelly} */
    @Restricted(NoExternalUse.class)
    public String getInstanceIdsText() {
        return String.join("\n", InvocationSpec.instanceIdsOf(instanceIds));
    }

    /** @return the parameters as given: a map, a JSON string, or {@code null} */
    @CheckForNull
    public Object getParameters() {
        return parameters;
    }

    /** @return the parameters as the form shows them: JSON text; for {@code config.jelly} */
    @CheckForNull
    @Restricted(NoExternalUse.class)
    public String getParametersText() {
        return asJsonText(parameters);
    }

    /** Parameters as the forms show them: a map as JSON text, text as it is. */
    static String asJsonText(Object parameters) {
        if (parameters instanceof Map<?, ?> map) {
            CommandParameters.Check check = CommandParameters.fromMap(map);
            return check.isValid() ? CommandParameters.toJson(check.values()) : String.valueOf(map);
        }
        return parameters == null ? null : parameters.toString();
    }

    /** @param parameters a map of names to string values, or a JSON object string */
    @DataBoundSetter
    public void setParameters(@CheckForNull Object parameters) {
        this.parameters = parameters instanceof CharSequence text ? Util.fixEmptyAndTrim(text.toString()) : parameters;
    }

    /** @return the user to run as, or {@code null} for the command's default */
    @CheckForNull
    public String getUsername() {
        return username;
    }

    /** @param username the user to run as */
    @DataBoundSetter
    public void setUsername(@CheckForNull String username) {
        this.username = Util.fixEmptyAndTrim(username);
    }

    /** @return the working directory, or {@code null} for the command's default */
    @CheckForNull
    public String getWorkingDirectory() {
        return workingDirectory;
    }

    /** @param workingDirectory the working directory */
    @DataBoundSetter
    public void setWorkingDirectory(@CheckForNull String workingDirectory) {
        this.workingDirectory = Util.fixEmptyAndTrim(workingDirectory);
    }

    /** @return the command's timeout in seconds, or {@code null} for the command's own */
    @CheckForNull
    public Integer getTimeout() {
        return timeout;
    }

    /** @param timeout seconds, 1 to 86400 */
    @DataBoundSetter
    public void setTimeout(@CheckForNull Integer timeout) {
        this.timeout = timeout;
    }

    /** @return the COS bucket URL for the output, or {@code null} */
    @CheckForNull
    public String getOutputCosBucketUrl() {
        return outputCosBucketUrl;
    }

    /** @param outputCosBucketUrl an https COS bucket URL */
    @DataBoundSetter
    public void setOutputCosBucketUrl(@CheckForNull String outputCosBucketUrl) {
        this.outputCosBucketUrl = Util.fixEmptyAndTrim(outputCosBucketUrl);
    }

    /** @return the COS key prefix, or {@code null} */
    @CheckForNull
    public String getOutputCosKeyPrefix() {
        return outputCosKeyPrefix;
    }

    /** @param outputCosKeyPrefix the key prefix for the uploaded output */
    @DataBoundSetter
    public void setOutputCosKeyPrefix(@CheckForNull String outputCosKeyPrefix) {
        this.outputCosKeyPrefix = Util.fixEmptyAndTrim(outputCosKeyPrefix);
    }

    /** @return whether the step waits for every task to finish */
    public boolean isWaitForCompletion() {
        return waitForCompletion;
    }

    /** @param waitForCompletion whether to wait for every task, printing its output (default false) */
    @DataBoundSetter
    public void setWaitForCompletion(boolean waitForCompletion) {
        this.waitForCompletion = waitForCompletion;
    }

    /** @return whether, when waiting, a task that did not succeed fails the step */
    public boolean isFailOnTaskFailure() {
        return failOnTaskFailure;
    }

    /** @param failOnTaskFailure whether a task that did not succeed fails the step (default true) */
    @DataBoundSetter
    public void setFailOnTaskFailure(boolean failOnTaskFailure) {
        this.failOnTaskFailure = failOnTaskFailure;
    }

    /** @return the wait timeout in seconds, or {@code null} for one hour */
    @CheckForNull
    public Integer getWaitTimeout() {
        return waitTimeout;
    }

    /** @param waitTimeout seconds, 1 to 604800 */
    @DataBoundSetter
    public void setWaitTimeout(@CheckForNull Integer waitTimeout) {
        this.waitTimeout = waitTimeout;
    }

    /** @return whether the agents (and a saved command's parameters) are checked before sending, when cheap */
    public boolean isPreflight() {
        return preflight;
    }

    /**
     * @param preflight whether to check, before sending, that each instance's TAT agent is online and
     *     (tatInvoke) that the parameters fit the saved command; it takes at most 2 requests
     *     (default true)
     */
    @DataBoundSetter
    public void setPreflight(boolean preflight) {
        this.preflight = preflight;
    }

    /** @return whether instances whose agent is not online are left out instead of failing the step */
    public boolean isSkipOfflineInstances() {
        return skipOfflineInstances;
    }

    /** @param skipOfflineInstances whether to run on the instances whose agent is online and name the others (default false) */
    @DataBoundSetter
    public void setSkipOfflineInstances(boolean skipOfflineInstances) {
        this.skipOfflineInstances = skipOfflineInstances;
    }

    /**
     * @param scope the API key and region to use: this step's, completed from an enclosing
     *     {@code withTencentCloud} block ({@link TencentCloudContext#resolve})
     */
    InvocationSpec spec(TencentCloudContext scope) {
        return InvocationSpec.builder()
                .credentialsId(scope.getCredentialsId()).region(scope.getRegion()).role(scope.getRole())
                .commandId(commandId).instanceIds(instanceIds)
                .parameters(parameters).username(username).workingDirectory(workingDirectory).timeout(timeout)
                .outputCosBucketUrl(outputCosBucketUrl).outputCosKeyPrefix(outputCosKeyPrefix)
                .preflight(isPreflight()).skipOfflineInstances(skipOfflineInstances)
                .build();
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return TatInvoker.startStep(context, spec(TencentCloudContext.resolve(context, credentialsId, region)),
                waitForCompletion, failOnTaskFailure, waitTimeout);
    }

    /**
     * Starts the invocation without waiting, for {@code tatInvoke} and {@code tatRun} alike (its
     * name stays for the Pipeline states that hold one). Runs off the CPS VM thread; it does not
     * survive a controller restart, which is harmless here: it lasts one API call.
     */
    static final class Execution extends SynchronousNonBlockingStepExecution<String> {

        private static final long serialVersionUID = 1L;

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
                justification = "A SynchronousNonBlockingStepExecution never resumes after deserialisation (it fails"
                        + " onResume), so the step's values are not needed then; EchoStep keeps its data the same way.")
        private final transient InvocationSpec spec;

        Execution(StepContext context, InvocationSpec spec) {
            super(context);
            this.spec = spec;
        }

        @Override
        protected String run() throws Exception {
            return TatInvoker.invoke(getContext().get(Run.class), getContext().get(TaskListener.class), spec).result();
        }
    }

    /** The step's descriptor; its form checks come from {@link InvokeFormChecks}. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor implements InvokeFormChecks {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "tatInvoke";
        }

        /** Inside {@code withTencentCloud}, credentialsId and region may be left empty. */
        @Override
        @Restricted(NoExternalUse.class)
        public boolean fieldsMayComeFromEnclosingBlock() {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TatInvokeStep_DisplayName();
        }

        /** Shows the command in the Pipeline graph, never the parameters (they may be secrets). */
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            Object command = namedArgs.get("commandId");
            return command instanceof String s ? s : null;
        }
    }
}
