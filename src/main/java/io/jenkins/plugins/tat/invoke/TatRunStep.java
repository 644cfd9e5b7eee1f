package io.jenkins.plugins.tat.invoke;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.tat.cloud.TencentCloudContext;
import io.jenkins.plugins.tat.forms.RunFormChecks;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code tatRun}: runs a script on instances with TAT's RunCommand, without a saved command, and
 * returns the InvocationId, which later steps and stages also find in {@code TAT_INVOCATION_ID}.
 * With {@code saveCommand: true} TAT keeps the script as a command, whose ID is then in
 * {@code TAT_COMMAND_ID} and on the build page. It needs no {@code node}.
 *
 * <pre>
 * def id = tatRun credentialsId: 'tencent', region: 'ap-guangzhou', instanceIds: ['ins-aaaa1111'],
 *                 script: 'systemctl restart {{service}}', parameters: [service: 'nginx'],
 *                 waitForCompletion: true
 * </pre>
 *
 * <p>It waits, prints, fails, cancels and resumes exactly as {@link TatInvokeStep} does: both go
 * through {@link TatInvoker}. The script is sent as written (never logged); parameters, when given,
 * fill its {@code {{name}}} placeholders.
 */
public final class TatRunStep extends Step {

    private String credentialsId;
    private String region;
    private final Object instanceIds;
    private final String script;
    private String commandType;
    private Object parameters;
    private Object defaultParameters;
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
    private boolean preflight = true;
    private boolean skipOfflineInstances;

    /**
     * @param instanceIds a list of instance IDs, or a string of IDs separated by commas or white space
     * @param script the script to run, as it is written; at most 48 KB in UTF-8 (64 KB once base64-encoded)
     */
    @DataBoundConstructor
    public TatRunStep(Object instanceIds, String script) {
        this.instanceIds = instanceIds;
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

    /** @return the instance IDs as given: a list or a string */
    public Object getInstanceIds() {
        return instanceIds;
    }

    /** @return the instance IDs as the form shows them, one per line; for {@code config.jelly} */
    @Restricted(NoExternalUse.class)
    public String getInstanceIdsText() {
        return String.join("\n", InvocationSpec.instanceIdsOf(instanceIds));
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

    /** @return the parameter values as given: a map, a JSON string, or {@code null} */
    @CheckForNull
    public Object getParameters() {
        return parameters;
    }

    /** @return the parameters as the form shows them: JSON text; for {@code config.jelly} */
    @CheckForNull
    @Restricted(NoExternalUse.class)
    public String getParametersText() {
        return TatInvokeStep.asJsonText(parameters);
    }

    /** @param parameters values for the script's {{name}} placeholders: a map, or a JSON object string */
    @DataBoundSetter
    public void setParameters(@CheckForNull Object parameters) {
        this.parameters = parameters instanceof CharSequence text ? Util.fixEmptyAndTrim(text.toString()) : parameters;
    }

    /** @return the default parameter values as given: a map, a JSON string, or {@code null} */
    @CheckForNull
    public Object getDefaultParameters() {
        return defaultParameters;
    }

    /** @return the defaults as the form shows them: JSON text; for {@code config.jelly} */
    @CheckForNull
    @Restricted(NoExternalUse.class)
    public String getDefaultParametersText() {
        return TatInvokeStep.asJsonText(defaultParameters);
    }

    /** @param defaultParameters defaults saved with the command (DefaultParameters): a map, or a JSON object string */
    @DataBoundSetter
    public void setDefaultParameters(@CheckForNull Object defaultParameters) {
        this.defaultParameters = defaultParameters instanceof CharSequence text
                ? Util.fixEmptyAndTrim(text.toString()) : defaultParameters;
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
        return InvocationSpec.forScript()
                .credentialsId(scope.getCredentialsId()).region(scope.getRegion()).role(scope.getRole())
                .instanceIds(instanceIds).script(script)
                .commandType(commandType).parameters(parameters).defaultParameters(defaultParameters)
                .username(username).workingDirectory(workingDirectory).timeout(timeout)
                .commandName(commandName).description(description).saveCommand(saveCommand)
                .outputCosBucketUrl(outputCosBucketUrl).outputCosKeyPrefix(outputCosKeyPrefix)
                .preflight(isPreflight()).skipOfflineInstances(skipOfflineInstances)
                .build();
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return TatInvoker.startStep(context, spec(TencentCloudContext.resolve(context, credentialsId, region)),
                waitForCompletion, failOnTaskFailure, waitTimeout);
    }

    /** The step's descriptor; its form checks come from {@link RunFormChecks}. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor implements RunFormChecks {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "tatRun";
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
            return Messages.TatRunStep_DisplayName();
        }

        /**
         * Shows the command's name in the Pipeline graph, if given; never the script or the
         * parameters (they may hold secrets).
         */
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            Object name = namedArgs.get("commandName");
            return name instanceof String s ? s : null;
        }
    }
}
