package io.jenkins.plugins.tat.forms;

import hudson.model.Item;
import hudson.util.FormValidation;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Form checks of the InvokeCommand fields and the "Check command" button, for the
 * {@code tatInvoke} step and the freestyle build step.
 *
 * <p>The field checks look only at the typed value and answer everyone who can reach the form;
 * the "Check command" button calls the API with the job's API key, so it needs the permission to
 * configure the job (see the package documentation).
 */
@Restricted(NoExternalUse.class)
public interface InvokeFormChecks extends ApiKeyFormChecks {

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
     * @param value the instance IDs
     * @return the check
     */
    @POST
    @Restricted(NoExternalUse.class)
    @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
    default FormValidation doCheckInstanceIds(@QueryParameter String value) {
        return FormChecks.instanceIds(value);
    }

    /**
     * @param value the parameters as JSON
     * @return the check
     */
    @POST
    @Restricted(NoExternalUse.class)
    @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
    default FormValidation doCheckParameters(@QueryParameter String value) {
        return FormChecks.parameters(value);
    }

    /**
     * @param value the user name
     * @return the check
     */
    @POST
    @Restricted(NoExternalUse.class)
    @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
    default FormValidation doCheckUsername(@QueryParameter String value) {
        return FormChecks.username(value);
    }

    /**
     * @param value the working directory
     * @return the check
     */
    @POST
    @Restricted(NoExternalUse.class)
    @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
    default FormValidation doCheckWorkingDirectory(@QueryParameter String value) {
        return FormChecks.workingDirectory(value);
    }

    /**
     * @param value the command timeout in seconds
     * @return the check
     */
    @POST
    @Restricted(NoExternalUse.class)
    @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
    default FormValidation doCheckTimeout(@QueryParameter String value) {
        return FormChecks.timeout(value);
    }

    /**
     * @param value the COS bucket URL
     * @return the check
     */
    @POST
    @Restricted(NoExternalUse.class)
    @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
    default FormValidation doCheckOutputCosBucketUrl(@QueryParameter String value) {
        return FormChecks.outputCosBucketUrl(value);
    }

    /**
     * @param value the COS key prefix
     * @return the check
     */
    @POST
    @Restricted(NoExternalUse.class)
    @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
    default FormValidation doCheckOutputCosKeyPrefix(@QueryParameter String value) {
        return FormChecks.outputCosKeyPrefix(value);
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
