package io.jenkins.plugins.tat.invoke;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What the freestyle build steps "Invoke Tencent Cloud TAT command" and "Run a script on Tencent
 * Cloud instances" share: the {@link InvocationOptions} as form text, with their setters, and the
 * build step itself ({@link TatInvoker#perform}). They need no workspace or agent. Build variables
 * ({@code ${VAR}}) in their fields are expanded before the values are checked
 * ({@link InvocationSpec#of(InvocationOptions, io.jenkins.plugins.tat.cloud.TencentCloudContext, EnvVars)}).
 *
 * <p>The fields keep the names and types the builders always had, so XStream reads a saved
 * {@code config.xml} unchanged (it binds inherited fields by name). The help of the options both
 * builders describe alike is in this class's resource folder.
 */
public abstract class AbstractInvocationBuilder extends Builder implements SimpleBuildStep, InvocationOptions {

    private String credentialsId;
    private String region;
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
    /** {@code null} in configurations saved before the check existed, or when never set: it is on for them too. */
    private Boolean preflight;
    private boolean skipOfflineInstances;

    /**
     * @param credentialsId the API key's credentials ID, or {@code null} to set it later
     * @param region the region of the instances, or {@code null} to set it later
     * @param instanceIds instance IDs separated by commas or white space
     */
    protected AbstractInvocationBuilder(@CheckForNull String credentialsId, @CheckForNull String region, String instanceIds) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
        this.region = Util.fixEmptyAndTrim(region);
        this.instanceIds = Util.fixEmptyAndTrim(instanceIds);
    }

    @Override
    public final boolean requiresWorkspace() {
        return false;
    }

    @Override
    public final void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        TatInvoker.perform(run, env, listener, this);
    }

    @Override
    public final String getCredentialsId() {
        return credentialsId;
    }

    /**
     * A builder whose constructor does not take it makes this a {@code @DataBoundSetter}.
     *
     * @param credentialsId the API key's credentials ID
     */
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @Override
    public final String getRegion() {
        return region;
    }

    /**
     * A builder whose constructor does not take it makes this a {@code @DataBoundSetter}.
     *
     * @param region the region of the instances, e.g. {@code ap-guangzhou}
     */
    public void setRegion(@CheckForNull String region) {
        this.region = Util.fixEmptyAndTrim(region);
    }

    /** @return the instance IDs as typed */
    @Override
    public final String getInstanceIds() {
        return instanceIds;
    }

    /** @return the instance IDs as typed; for {@code invocation-fields.jelly}, which the steps share */
    @Restricted(NoExternalUse.class)
    public final String getInstanceIdsText() {
        return instanceIds;
    }

    /** @return the parameters as JSON text, or {@code null} */
    @CheckForNull
    @Override
    public final String getParameters() {
        return parameters;
    }

    /** @return the parameters as typed; for {@code invocation-fields.jelly}, which the steps share */
    @CheckForNull
    @Restricted(NoExternalUse.class)
    public final String getParametersText() {
        return parameters;
    }

    /** @param parameters a JSON object of names to string values */
    @DataBoundSetter
    public final void setParameters(@CheckForNull String parameters) {
        this.parameters = Util.fixEmptyAndTrim(parameters);
    }

    @CheckForNull
    @Override
    public final String getUsername() {
        return username;
    }

    /** @param username the user to run as */
    @DataBoundSetter
    public final void setUsername(@CheckForNull String username) {
        this.username = Util.fixEmptyAndTrim(username);
    }

    @CheckForNull
    @Override
    public final String getWorkingDirectory() {
        return workingDirectory;
    }

    /** @param workingDirectory the working directory */
    @DataBoundSetter
    public final void setWorkingDirectory(@CheckForNull String workingDirectory) {
        this.workingDirectory = Util.fixEmptyAndTrim(workingDirectory);
    }

    @CheckForNull
    @Override
    public final Integer getTimeout() {
        return timeout;
    }

    /** @param timeout seconds, 1 to 86400 */
    @DataBoundSetter
    public final void setTimeout(@CheckForNull Integer timeout) {
        this.timeout = timeout;
    }

    @CheckForNull
    @Override
    public final String getOutputCosBucketUrl() {
        return outputCosBucketUrl;
    }

    /** @param outputCosBucketUrl an https COS bucket URL */
    @DataBoundSetter
    public final void setOutputCosBucketUrl(@CheckForNull String outputCosBucketUrl) {
        this.outputCosBucketUrl = Util.fixEmptyAndTrim(outputCosBucketUrl);
    }

    @CheckForNull
    @Override
    public final String getOutputCosKeyPrefix() {
        return outputCosKeyPrefix;
    }

    /** @param outputCosKeyPrefix the key prefix for the uploaded output */
    @DataBoundSetter
    public final void setOutputCosKeyPrefix(@CheckForNull String outputCosKeyPrefix) {
        this.outputCosKeyPrefix = Util.fixEmptyAndTrim(outputCosKeyPrefix);
    }

    @Override
    public final boolean isWaitForCompletion() {
        return waitForCompletion;
    }

    /** @param waitForCompletion whether to wait for every task, printing its output (default false) */
    @DataBoundSetter
    public final void setWaitForCompletion(boolean waitForCompletion) {
        this.waitForCompletion = waitForCompletion;
    }

    @Override
    public final boolean isFailOnTaskFailure() {
        return failOnTaskFailure;
    }

    /** @param failOnTaskFailure whether a task that did not succeed fails the build (default true) */
    @DataBoundSetter
    public final void setFailOnTaskFailure(boolean failOnTaskFailure) {
        this.failOnTaskFailure = failOnTaskFailure;
    }

    @CheckForNull
    @Override
    public final Integer getWaitTimeout() {
        return waitTimeout;
    }

    /** @param waitTimeout seconds, 1 to 604800 */
    @DataBoundSetter
    public final void setWaitTimeout(@CheckForNull Integer waitTimeout) {
        this.waitTimeout = waitTimeout;
    }

    @Override
    public final boolean isPreflight() {
        return preflight == null || preflight;
    }

    /**
     * @param preflight whether to check, before sending, that each instance's TAT agent is online and
     *     (for a saved command) that the parameters fit it; it takes at most 2 requests (default true)
     */
    @DataBoundSetter
    public final void setPreflight(boolean preflight) {
        this.preflight = preflight;
    }

    @Override
    public final boolean isSkipOfflineInstances() {
        return skipOfflineInstances;
    }

    /** @param skipOfflineInstances whether to run on the instances whose agent is online and name the others (default false) */
    @DataBoundSetter
    public final void setSkipOfflineInstances(boolean skipOfflineInstances) {
        this.skipOfflineInstances = skipOfflineInstances;
    }

    /** What the descriptors of both build steps share. */
    @Restricted(NoExternalUse.class)
    public abstract static class InvocationBuilderDescriptor extends BuildStepDescriptor<Builder> {

        /** @return where the form fragment of every invocation front end is, the steps' too; for {@code config.jelly} */
        @Restricted(NoExternalUse.class)
        public final Class<?> getFieldsView() {
            return AbstractInvocationStep.class;
        }

        /** Lends {@code owner}'s help of these fields to this build step: the texts are the same. */
        protected final void helpOf(Class<? extends AbstractInvocationStep> owner, String... fields) {
            for (String field : fields) {
                addHelpFileRedirect(field, owner, field);
            }
        }

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }
    }
}
