package io.jenkins.plugins.tat.invoke;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import io.jenkins.plugins.tat.forms.InvokeFormChecks;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The freestyle build step "Invoke Tencent Cloud TAT command": a saved command, the options of
 * {@link AbstractInvocationBuilder}. The work is done by {@link TatInvoker}, shared with the
 * {@code tatInvoke} Pipeline step.
 *
 * <p>It has no {@code @Symbol}: in Pipeline the {@code tatInvoke} step is the way in, and a
 * symbol would only compete with it.
 */
public final class TatInvokeBuilder extends AbstractInvocationBuilder {

    private final String commandId;

    /**
     * @param credentialsId the API key's credentials ID
     * @param region the region of the instances
     * @param commandId the saved command
     * @param instanceIds instance IDs separated by commas or white space
     */
    @DataBoundConstructor
    public TatInvokeBuilder(String credentialsId, String region, String commandId, String instanceIds) {
        super(credentialsId, region, instanceIds);
        this.commandId = Util.fixEmptyAndTrim(commandId);
    }

    @Override
    @Restricted(NoExternalUse.class)
    public InvocationSpec.Kind kind() {
        return InvocationSpec.Kind.COMMAND;
    }

    /** @return the command ID */
    @Override
    public String getCommandId() {
        return commandId;
    }

    /** The build step's descriptor; its form checks come from {@link InvokeFormChecks}. */
    @Extension
    public static final class DescriptorImpl extends InvocationBuilderDescriptor implements InvokeFormChecks {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TatInvokeBuilder_DisplayName();
        }
    }
}
