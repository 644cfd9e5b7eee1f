package io.jenkins.plugins.tat.forms;

import hudson.model.Item;
import hudson.util.FormValidation;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Form checks of InvokeCommand's own field and the "Check command" button, for the
 * {@code tatInvoke} step and its freestyle build step; the fields it shares with RunCommand are
 * checked by {@link InvocationFormChecks}.
 *
 * <p>The field checks look only at the typed value and answer everyone who can reach the form;
 * the "Check command" button calls the API with the job's API key, so it needs the permission to
 * configure the job (see the package documentation).
 */
@Restricted(NoExternalUse.class)
public interface InvokeFormChecks extends InvocationFormChecks {

    /**
     * @param value the command ID
     * @return the check
     */
    @POST
    @Restricted(NoExternalUse.class)
    @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
    default FormValidation doCheckCommandId(@QueryParameter String value) {
        return FormChecks.commandId(value);
    }

    /**
     * The "Check command" button: asks DescribeCommands, with the selected key and the job's
     * authentication, whether the command exists in the region, and reports its type and
     * parameters. It connects to the API with a stored key, so only those who may configure the
     * job (administrators outside a job) may press it.
     *
     * @param item the job
     * @param credentialsId the selected credentials
     * @param region the region
     * @param commandId the command
     * @return what the API says
     * @throws InterruptedException if interrupted
     */
    @POST
    @Restricted(NoExternalUse.class)
    default FormValidation doVerifyCommand(@AncestorInPath Item item, @QueryParameter String credentialsId,
            @QueryParameter String region, @QueryParameter String commandId) throws InterruptedException {
        ApiKeyFormChecks.checkCanConfigure(item);
        return FormChecks.checkCommand(item, credentialsId, region, commandId);
    }
}
