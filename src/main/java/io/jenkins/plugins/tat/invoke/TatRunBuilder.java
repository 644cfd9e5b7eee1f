package io.jenkins.plugins.tat.invoke;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import io.jenkins.plugins.tat.forms.RunFormChecks;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The freestyle build step "Run a script on Tencent Cloud instances" (TAT RunCommand): a script
 * and what goes with it, the options of {@link AbstractInvocationBuilder}. Build variables are
 * expanded in its fields, but not in the script, which is sent as written: its {@code $VAR} are the
 * instance shell's, as in "Execute shell"; build values reach the script through parameters. The
 * work is done by {@link TatInvoker}, shared with {@code tatRun}, {@code tatInvoke} and
 * {@link TatInvokeBuilder}.
 *
 * <p>It has no {@code @Symbol}: in Pipeline the {@code tatRun} step is the way in.
 */
public final class TatRunBuilder extends AbstractInvocationBuilder {

    private final String script;
    private String commandType;
    private String defaultParameters;
    private String commandName;
    private String description;
    private boolean saveCommand;

    /**
     * @param instanceIds instance IDs separated by commas or white space
     * @param script the script to run, as it is written; at most 48 KB in UTF-8 (64 KB once base64-encoded)
     */
    @DataBoundConstructor
    public TatRunBuilder(String instanceIds, String script) {
        super(null, null, instanceIds);
        this.script = script;
    }

    @Override
    @Restricted(NoExternalUse.class)
    public InvocationSpec.Kind kind() {
        return InvocationSpec.Kind.SCRIPT;
    }

    @DataBoundSetter
    @Override
    public void setCredentialsId(@CheckForNull String credentialsId) {
        super.setCredentialsId(credentialsId);
    }

    @DataBoundSetter
    @Override
    public void setRegion(@CheckForNull String region) {
        super.setRegion(region);
    }

    /** @return the script */
    @Override
    public String getScript() {
        return script;
    }

    @CheckForNull
    @Override
    public String getCommandType() {
        return commandType;
    }

    /** @param commandType SHELL (default), POWERSHELL or BAT */
    @DataBoundSetter
    public void setCommandType(@CheckForNull String commandType) {
        this.commandType = Util.fixEmptyAndTrim(commandType);
    }

    /** @return the default parameter values as JSON text, or {@code null} */
    @CheckForNull
    @Override
    public String getDefaultParameters() {
        return defaultParameters;
    }

    /** @return the defaults as typed; for {@code invocation-fields.jelly}, which the steps share */
    @CheckForNull
    @Restricted(NoExternalUse.class)
    public String getDefaultParametersText() {
        return defaultParameters;
    }

    /** @param defaultParameters a JSON object of defaults saved with the command (DefaultParameters) */
    @DataBoundSetter
    public void setDefaultParameters(@CheckForNull String defaultParameters) {
        this.defaultParameters = Util.fixEmptyAndTrim(defaultParameters);
    }

    @CheckForNull
    @Override
    public String getCommandName() {
        return commandName;
    }

    /** @param commandName up to 60 bytes of letters, digits, _, -, . and Chinese characters */
    @DataBoundSetter
    public void setCommandName(@CheckForNull String commandName) {
        this.commandName = Util.fixEmptyAndTrim(commandName);
    }

    @CheckForNull
    @Override
    public String getDescription() {
        return description;
    }

    /** @param description up to 120 characters */
    @DataBoundSetter
    public void setDescription(@CheckForNull String description) {
        this.description = Util.fixEmptyAndTrim(description);
    }

    @Override
    public boolean isSaveCommand() {
        return saveCommand;
    }

    /** @param saveCommand whether TAT saves the script as a command (default false) */
    @DataBoundSetter
    public void setSaveCommand(boolean saveCommand) {
        this.saveCommand = saveCommand;
    }

    /** The build step's descriptor; its form checks come from {@link RunFormChecks}. */
    @Extension
    public static final class DescriptorImpl extends InvocationBuilderDescriptor implements RunFormChecks {

        /** The help of these fields is tatRun's, word for word. */
        public DescriptorImpl() {
            helpOf(TatRunStep.class, "script", "commandType", "commandName", "description", "saveCommand", "timeout",
                    "username", "waitForCompletion", "workingDirectory");
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TatRunBuilder_DisplayName();
        }
    }
}
