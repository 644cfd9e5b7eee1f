package io.jenkins.plugins.tat.invoke;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import io.jenkins.plugins.tat.client.rules.CommandParameters;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What {@code tatInvoke} and {@code tatRun} share: the {@link InvocationOptions} with their
 * setters, and the start ({@link TatInvoker#startStep}), as pipeline-utility-steps'
 * {@code AbstractFileCompressStep} serves {@code zip} and {@code tar}. The instance IDs are the
 * one argument both require; {@code credentialsId} and {@code region} are optional, since a
 * {@code withTencentCloud} block may give them. The help of the options both steps describe alike
 * is in this class's resource folder, where {@code Descriptor.getHelpFile} finds it for both; the
 * form fields are {@code invocation-fields.jelly} there.
 */
public abstract class AbstractInvocationStep extends Step implements InvocationOptions {

    private final InvocationSpec.Kind kind;
    private final Object instanceIds;
    private String credentialsId;
    private String region;
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
     * @param kind which TAT action the step starts
     * @param instanceIds a list of instance IDs, or a string of IDs separated by commas or white space
     */
    protected AbstractInvocationStep(InvocationSpec.Kind kind, Object instanceIds) {
        this.kind = kind;
        this.instanceIds = instanceIds;
    }

    @Override
    @Restricted(NoExternalUse.class)
    public final InvocationSpec.Kind kind() {
        return kind;
    }

    @Override
    public final StepExecution start(StepContext context) throws Exception {
        return TatInvoker.startStep(context, this);
    }

    /** @return the instance IDs as given: a list or a string */
    @Override
    public final Object getInstanceIds() {
        return instanceIds;
    }

    /** @return the instance IDs as the form shows them, one per line; for {@code invocation-fields.jelly} */
    @Restricted(NoExternalUse.class)
    public final String getInstanceIdsText() {
        return String.join("\n", InvocationSpec.instanceIdsOf(instanceIds));
    }

    /** @return the credentials ID, or {@code null} to take the enclosing {@code withTencentCloud} block's */
    @Override
    public final String getCredentialsId() {
        return credentialsId;
    }

    /** @param credentialsId the API key's credentials ID; may be empty inside {@code withTencentCloud} */
    @DataBoundSetter
    public final void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    /** @return the region, or {@code null} to take the enclosing {@code withTencentCloud} block's */
    @Override
    public final String getRegion() {
        return region;
    }

    /** @param region the region of the instances, e.g. {@code ap-guangzhou}; may be empty inside {@code withTencentCloud} */
    @DataBoundSetter
    public final void setRegion(@CheckForNull String region) {
        this.region = Util.fixEmptyAndTrim(region);
    }

    /** @return the parameters as given: a map, a JSON string, or {@code null} */
    @CheckForNull
    @Override
    public final Object getParameters() {
        return parameters;
    }

    /** @return the parameters as the form shows them: JSON text; for {@code invocation-fields.jelly} */
    @CheckForNull
    @Restricted(NoExternalUse.class)
    public final String getParametersText() {
        return asJsonText(parameters);
    }

    /** @param parameters a map of names to string values, or a JSON object string */
    @DataBoundSetter
    public final void setParameters(@CheckForNull Object parameters) {
        this.parameters = fixEmptyText(parameters);
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

    /** @param failOnTaskFailure whether a task that did not succeed fails the step (default true) */
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
        return preflight;
    }

    /**
     * @param preflight whether to check, before sending, that each instance's TAT agent is online and
     *     (tatInvoke) that the parameters fit the saved command; it takes at most 2 requests
     *     (default true)
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

    /** A map or a list as given; text trimmed, and blank text as none (a form's empty field). */
    static Object fixEmptyText(@CheckForNull Object value) {
        return value instanceof CharSequence text ? Util.fixEmptyAndTrim(text.toString()) : value;
    }

    /** Parameters as the forms show them: a map as JSON text, text as it is. */
    static String asJsonText(@CheckForNull Object parameters) {
        if (parameters instanceof Map<?, ?> map) {
            CommandParameters.Check check = CommandParameters.fromMap(map);
            return check.isValid() ? CommandParameters.toJson(check.values()) : String.valueOf(map);
        }
        return parameters == null ? null : parameters.toString();
    }

    /** What the descriptors of both steps share. */
    @Restricted(NoExternalUse.class)
    public abstract static class InvocationStepDescriptor extends StepDescriptor {

        private final String functionName;
        /** The argument the Pipeline graph shows. */
        private final String shownArgument;

        /**
         * @param functionName the step's name in Pipeline scripts
         * @param shownArgument the argument the Pipeline graph shows: one that names what runs, never
         *     the parameters or the script (they may hold secrets)
         */
        protected InvocationStepDescriptor(String functionName, String shownArgument) {
            this.functionName = functionName;
            this.shownArgument = shownArgument;
        }

        @Override
        public final String getFunctionName() {
            return functionName;
        }

        /** Shows what runs in the Pipeline graph, if given; never the parameters or the script. */
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            Object shown = namedArgs.get(shownArgument);
            return shown instanceof String s ? s : null;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        /** @return where the form fragment of every invocation front end is; for {@code config.jelly} */
        @Restricted(NoExternalUse.class)
        public final Class<?> getFieldsView() {
            return AbstractInvocationStep.class;
        }

        /**
         * @return {@code true}: inside {@code withTencentCloud}, credentialsId and region may be left empty
         */
        @Restricted(NoExternalUse.class)
        public boolean fieldsMayComeFromEnclosingBlock() {
            return true;
        }
    }
}
