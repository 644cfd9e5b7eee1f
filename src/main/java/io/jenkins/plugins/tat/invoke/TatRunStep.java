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
 * <p>It waits, prints, fails, cancels and resumes exactly as {@link TatInvokeStep} does: both are
 * {@link AbstractInvocationStep}s and go through {@link TatInvoker}. The script is sent as written
 * (never logged); parameters, when given, fill its {@code {{name}}} placeholders.
 */
public final class TatRunStep extends AbstractInvocationStep {

    private final String script;
    private String commandType;
    private Object defaultParameters;
    private String commandName;
    private String description;
    private boolean saveCommand;

    /**
     * @param instanceIds a list of instance IDs, or a string of IDs separated by commas or white space
     * @param script the script to run, as it is written; at most 48 KB in UTF-8 (64 KB once base64-encoded)
     */
    @DataBoundConstructor
    public TatRunStep(Object instanceIds, String script) {
        super(InvocationSpec.Kind.SCRIPT, instanceIds);
        this.script = script;
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

    /** @return the default parameter values as given: a map, a JSON string, or {@code null} */
    @CheckForNull
    @Override
    public Object getDefaultParameters() {
        return defaultParameters;
    }

    /** @return the defaults as the form shows them: JSON text; for {@code invocation-fields.jelly} */
    @CheckForNull
    @Restricted(NoExternalUse.class)
    public String getDefaultParametersText() {
        return asJsonText(defaultParameters);
    }

    /** @param defaultParameters defaults saved with the command (DefaultParameters): a map, or a JSON object string */
    @DataBoundSetter
    public void setDefaultParameters(@CheckForNull Object defaultParameters) {
        this.defaultParameters = fixEmptyText(defaultParameters);
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

    /** The step's descriptor; its form checks come from {@link RunFormChecks}. */
    @Extension
    public static final class DescriptorImpl extends InvocationStepDescriptor implements RunFormChecks {

        /** The Pipeline graph shows the command's name, if given; never the script or the parameters. */
        public DescriptorImpl() {
            super("tatRun", "commandName");
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TatRunStep_DisplayName();
        }
    }
}
