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
import io.jenkins.plugins.tat.forms.RunFormChecks;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The freestyle build step "Run a script on Tencent Cloud instances" (TAT RunCommand). It needs no
 * workspace or agent. Build variables ({@code ${VAR}}) are expanded in its fields before the values
 * are checked, but not in the script, which is sent as written: its {@code $VAR} are the instance
 * shell's, as in "Execute shell"; build values reach the script through parameters. The work is
 * done by {@link TatInvoker}, shared with {@code tatRun}, {@code tatInvoke} and
 * {@link TatInvokeBuilder}.
 *
 * <p>It has no {@code @Symbol}: in Pipeline the {@code tatRun} step is the way in.
 */
public final class TatRunBuilder extends Builder implements SimpleBuildStep {

    private String credentialsId;
    private String region;
    private final String instanceIds;
    private final String script;
    private String commandType;
    private String parameters;
    private String defaultParameters;
    private String username;
    private String workingDirectory;
    private Integer timeout;
    private String commandName;
    private String description;
    private boolean saveCommand;
    private String outputCosBucketUrl;
    private String outputCosKeyPrefix;
    private boolean waitForCompletion;
    private boolean failOnTaskFailure = true;
    private Integer waitTimeout;
    /** {@code null} when never set: the check is on by default. */
    private Boolean preflight;
    private boolean skipOfflineInstances;

    /**
     * @param instanceIds instance IDs separated by commas or white space
     * @param script the script to run, as it is written; at most 48 KB in UTF-8 (64 KB once base64-encoded)
     */
    @DataBoundConstructor
    public TatRunBuilder(String instanceIds, String script) {
        this.instanceIds = Util.fixEmptyAndTrim(instanceIds);
        this.script = script;
    }

    /** @return the credentials ID */
    public String getCredentialsId() {
        return credentialsId;
    }

    /** @param credentialsId the API key's credentials ID */
    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    /** @return the region */
    public String getRegion() {
        return region;
    }

    /** @param region the region of the instances, e.g. {@code ap-guangzhou} */
    @DataBoundSetter
    public void setRegion(@CheckForNull String region) {
        this.region = Util.fixEmptyAndTrim(region);
    }

    /** @return the instance IDs as typed */
    public String getInstanceIds() {
        return instanceIds;
    }

    /** @return the script */
    public String getScript() {
        return script;
    }

    /** @return SHELL, POWERSHELL or BAT, or {@code null} for SHELL */
    @CheckForNull
    public String getCommandType() {
        return commandType;
    }

    /** @param commandType SHELL (default), POWERSHELL or BAT */
    @DataBoundSetter
    public void setCommandType(@CheckForNull String commandType) {
        this.commandType = Util.fixEmptyAndTrim(commandType);
    }

    /** @return the parameter values as JSON text, or {@code null} */
    @CheckForNull
    public String getParameters() {
        return parameters;
    }

    /** @param parameters a JSON object of values for the script's {{name}} placeholders */
    @DataBoundSetter
    public void setParameters(@CheckForNull String parameters) {
        this.parameters = Util.fixEmptyAndTrim(parameters);
    }

    /** @return the default parameter values as JSON text, or {@code null} */
    @CheckForNull
    public String getDefaultParameters() {
        return defaultParameters;
    }

    /** @param defaultParameters a JSON object of defaults saved with the command (DefaultParameters) */
    @DataBoundSetter
    public void setDefaultParameters(@CheckForNull String defaultParameters) {
        this.defaultParameters = Util.fixEmptyAndTrim(defaultParameters);
    }

    /** @return the user to run as, or {@code null} for root (Linux) or System (Windows) */
    @CheckForNull
    public String getUsername() {
        return username;
    }

    /** @param username the user to run as */
    @DataBoundSetter
    public void setUsername(@CheckForNull String username) {
        this.username = Util.fixEmptyAndTrim(username);
    }

    /** @return the working directory, or {@code null} for TAT's default */
    @CheckForNull
    public String getWorkingDirectory() {
        return workingDirectory;
    }

    /** @param workingDirectory the working directory */
    @DataBoundSetter
    public void setWorkingDirectory(@CheckForNull String workingDirectory) {
        this.workingDirectory = Util.fixEmptyAndTrim(workingDirectory);
    }

    /** @return the script's timeout in seconds, or {@code null} for TAT's default of 60 */
    @CheckForNull
    public Integer getTimeout() {
        return timeout;
    }

    /** @param timeout seconds, 1 to 86400 */
    @DataBoundSetter
    public void setTimeout(@CheckForNull Integer timeout) {
        this.timeout = timeout;
    }

    /** @return the command's name, or {@code null} */
    @CheckForNull
    public String getCommandName() {
        return commandName;
    }

    /** @param commandName up to 60 bytes of letters, digits, _, -, . and Chinese characters */
    @DataBoundSetter
    public void setCommandName(@CheckForNull String commandName) {
        this.commandName = Util.fixEmptyAndTrim(commandName);
    }

    /** @return the command's description, or {@code null} */
    @CheckForNull
    public String getDescription() {
        return description;
    }

    /** @param description up to 120 characters */
    @DataBoundSetter
    public void setDescription(@CheckForNull String description) {
        this.description = Util.fixEmptyAndTrim(description);
    }

    /** @return whether TAT saves the script as a command */
    public boolean isSaveCommand() {
        return saveCommand;
    }

    /** @param saveCommand whether TAT saves the script as a command (default false) */
    @DataBoundSetter
    public void setSaveCommand(boolean saveCommand) {
        this.saveCommand = saveCommand;
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

    /** @return whether the build step waits for every task to finish */
    public boolean isWaitForCompletion() {
        return waitForCompletion;
    }

    /** @param waitForCompletion whether to wait for every task, printing its output (default false) */
    @DataBoundSetter
    public void setWaitForCompletion(boolean waitForCompletion) {
        this.waitForCompletion = waitForCompletion;
    }

    /** @return whether, when waiting, a task that did not succeed fails the build */
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
        InvocationSpec spec = InvocationSpec.forScript()
                .credentialsId(credentialsId).region(region).instanceIds(instanceIds).script(script)
                .commandType(commandType).parameters(parameters).defaultParameters(defaultParameters)
                .username(username).workingDirectory(workingDirectory).timeout(timeout)
                .commandName(commandName).description(description).saveCommand(saveCommand)
                .outputCosBucketUrl(outputCosBucketUrl).outputCosKeyPrefix(outputCosKeyPrefix)
                .preflight(isPreflight()).skipOfflineInstances(skipOfflineInstances)
                .build()
                .expand(env);
        TatInvoker.perform(run, listener, spec, waitForCompletion, failOnTaskFailure, waitTimeout);
    }

    /** The build step's descriptor; its form checks come from {@link RunFormChecks}. */
    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> implements RunFormChecks {

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TatRunBuilder_DisplayName();
        }
    }
}
