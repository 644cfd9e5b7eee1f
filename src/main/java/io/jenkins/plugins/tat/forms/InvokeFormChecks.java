package io.jenkins.plugins.tat.forms;

import hudson.model.Item;
import hudson.util.FormValidation;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Form checks of the InvokeCommand fields and the "Check command" button, for the
 * {@code tatInvoke} step and the freestyle build step.
 */
public interface InvokeFormChecks extends ApiKeyFormChecks {

    /**
     * @param item the job
     * @param value the command ID
     * @return the check
     */
    @POST
    default FormValidation doCheckCommandId(@AncestorInPath Item item, @QueryParameter String value) {
        ApiKeyFormChecks.checkPermission(item);
        return FormChecks.commandId(value);
    }

    /**
     * @param item the job
     * @param value the instance IDs
     * @return the check
     */
    @POST
    default FormValidation doCheckInstanceIds(@AncestorInPath Item item, @QueryParameter String value) {
        ApiKeyFormChecks.checkPermission(item);
        return FormChecks.instanceIds(value);
    }

    /**
     * @param item the job
     * @param value the parameters as JSON
     * @return the check
     */
    @POST
    default FormValidation doCheckParameters(@AncestorInPath Item item, @QueryParameter String value) {
        ApiKeyFormChecks.checkPermission(item);
        return FormChecks.parameters(value);
    }

    /**
     * @param item the job
     * @param value the user name
     * @return the check
     */
    @POST
    default FormValidation doCheckUsername(@AncestorInPath Item item, @QueryParameter String value) {
        ApiKeyFormChecks.checkPermission(item);
        return FormChecks.username(value);
    }

    /**
     * @param item the job
     * @param value the working directory
     * @return the check
     */
    @POST
    default FormValidation doCheckWorkingDirectory(@AncestorInPath Item item, @QueryParameter String value) {
        ApiKeyFormChecks.checkPermission(item);
        return FormChecks.workingDirectory(value);
    }

    /**
     * @param item the job
     * @param value the command timeout in seconds
     * @return the check
     */
    @POST
    default FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
        ApiKeyFormChecks.checkPermission(item);
        return FormChecks.timeout(value);
    }

    /**
     * @param item the job
     * @param value the COS bucket URL
     * @return the check
     */
    @POST
    default FormValidation doCheckOutputCosBucketUrl(@AncestorInPath Item item, @QueryParameter String value) {
        ApiKeyFormChecks.checkPermission(item);
        return FormChecks.outputCosBucketUrl(value);
    }

    /**
     * @param item the job
     * @param value the COS key prefix
     * @return the check
     */
    @POST
    default FormValidation doCheckOutputCosKeyPrefix(@AncestorInPath Item item, @QueryParameter String value) {
        ApiKeyFormChecks.checkPermission(item);
        return FormChecks.outputCosKeyPrefix(value);
    }

    /**
     * The "Check command" button: asks DescribeCommands, with the selected key and the job's
     * authentication, whether the command exists in the region, and reports its type and
     * parameters.
     *
     * @param item the job
     * @param credentialsId the selected credentials
     * @param region the region
     * @param commandId the command
     * @return what the API says
     * @throws InterruptedException if interrupted
     */
    @POST
    default FormValidation doVerifyCommand(@AncestorInPath Item item, @QueryParameter String credentialsId,
            @QueryParameter String region, @QueryParameter String commandId) throws InterruptedException {
        ApiKeyFormChecks.checkPermission(item);
        return FormChecks.checkCommand(item, credentialsId, region, commandId);
    }
}
