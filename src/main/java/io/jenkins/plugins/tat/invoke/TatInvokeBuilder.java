package io.jenkins.plugins.tat.invoke;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import io.jenkins.plugins.tat.forms.InvokeFormChecks;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The freestyle build step "Invoke Tencent Cloud TAT command". It needs no workspace or agent.
 * Build variables ({@code ${VAR}}) in its fields are expanded before the values are checked. The
 * work is done by {@link TatInvoker}, shared with the {@code tatInvoke} Pipeline step.
 *
 * <p>It has no {@code @Symbol}: in Pipeline the {@code tatInvoke} step is the way in, and a
 * symbol would only compete with it.
 */
public final class TatInvokeBuilder extends Builder implements SimpleBuildStep {

    private final String credentialsId;
    private final String region;
    private final String commandId;
    private final String instanceIds;
    private String parameters;
    private String username;
    private String workingDirectory;
    private Integer timeout;
    private String outputCosBucketUrl;
    private String outputCosKeyPrefix;
    private boolean waitForCompletion;
    private boolean failOnTaskFailure = true;
    private Integer waitTimeout;
    /** {@code null} in configurations saved before the check existed: it is on for them too. */
    private Boolean preflight;
    private boolean skipOfflineInstances;

    /**
     * @param credentialsId the API key's credentials ID
     * @param region the region of the instances
     * @param commandId the saved command
     * @param instanceIds instance IDs separated by commas or white space
     */
    @DataBoundConstructor
    public TatInvokeBuilder(String credentialsId, String region, String commandId, String instanceIds) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
        this.region = Util.fixEmptyAndTrim(region);
        this.commandId = Util.fixEmptyAndTrim(commandId);
        this.instanceIds = Util.fixEmptyAndTrim(instanceIds);
    }

    /** @return the credentials ID */
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

    /** @return the instance IDs as typed */
    public String getInstanceIds() {
        return instanceIds;
    }

    /** @return the parameters as JSON text, or {@code null} */
    @CheckForNull
    public String getParameters() {
        return parameters;
    }

    /** @param parameters a JSON object of names to string values */
    @DataBoundSetter
    public void setParameters(@CheckForNull String parameters) {
        this.parameters = Util.fixEmptyAndTrim(parameters);
    }

    /** @return the user to run as, or {@code null} */
    @CheckForNull
    public String getUsername() {
        return username;
    }

    /** @param username the user to run as */
    @DataBoundSetter
    public void setUsername(@CheckForNull String username) {
        this.username = Util.fixEmptyAndTrim(username);
    }

    /** @return the working directory, or {@code null} */
    @CheckForNull
    public String getWorkingDirectory() {
        return workingDirectory;
    }

    /** @param workingDirectory the working directory */
    @DataBoundSetter
    public void setWorkingDirectory(@CheckForNull String workingDirectory) {
        this.workingDirectory = Util.fixEmptyAndTrim(workingDirectory);
    }

    /** @return the command timeout in seconds, or {@code null} */
    @CheckForNull
    public Integer getTimeout() {
        return timeout;
    }

    /** @param timeout seconds, 1 to 86400 */
    @DataBoundSetter
    public void setTimeout(@CheckForNull Integer timeout) {
        this.timeout = timeout;
    }

    /** @return the COS bucket URL, or {@code null} */
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

    /** @param outputCosKeyPrefix the key prefix */
    @DataBoundSetter
    public void setOutputCosKeyPrefix(@CheckForNull String outputCosKeyPrefix) {
        this.outputCosKeyPrefix = Util.fixEmptyAndTrim(outputCosKeyPrefix);
    }

    /** @return whether the build step waits for every task */
    public boolean isWaitForCompletion() {
        return waitForCompletion;
    }

    /** @param waitForCompletion whether to wait, printing each instance's output */
    @DataBoundSetter
    public void setWaitForCompletion(boolean waitForCompletion) {
        this.waitForCompletion = waitForCompletion;
    }

    /** @return whether a task that did not succeed fails the build */
    public boolean isFailOnTaskFailure() {
        return failOnTaskFailure;
    }

    /** @param failOnTaskFailure whether a task that did not succeed fails the build (default true) */
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
        return preflight == null || preflight;
    }

    /**
     * @param preflight whether to check, before sending, that each instance's TAT agent is online and
     *     (for a saved command) that the parameters fit it; it takes at most 2 requests (default true)
     */
    @DataBoundSetter
    public void setPreflight(boolean preflight) {
        this.preflight = preflight;
    }

    /** @return whether instances whose agent is not online are left out instead of failing the build */
    public boolean isSkipOfflineInstances() {
        return skipOfflineInstances;
    }

    /** @param skipOfflineInstances whether to run on the instances whose agent is online and name the others (default false) */
    @DataBoundSetter
    public void setSkipOfflineInstances(boolean skipOfflineInstances) {
        this.skipOfflineInstances = skipOfflineInstances;
    }

    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        InvocationSpec spec = InvocationSpec.forCommand()
                .credentialsId(credentialsId).region(region).commandId(commandId).instanceIds(instanceIds)
                .parameters(parameters).username(username).workingDirectory(workingDirectory).timeout(timeout)
                .outputCosBucketUrl(outputCosBucketUrl).outputCosKeyPrefix(outputCosKeyPrefix)
                .preflight(isPreflight()).skipOfflineInstances(skipOfflineInstances)
                .build()
                .expand(env);
        TatInvoker.perform(run, listener, spec, waitForCompletion, failOnTaskFailure, waitTimeout);
    }

    /** The build step's descriptor; its form checks come from {@link InvokeFormChecks}. */
    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> implements InvokeFormChecks {

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TatInvokeBuilder_DisplayName();
        }
    }
}
