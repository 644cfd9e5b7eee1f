package io.jenkins.plugins.tat.forms;

import hudson.util.FormValidation;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Form checks of the fields InvokeCommand and RunCommand share (instances, parameters, user,
 * working directory, timeout, COS output), for the {@code tatInvoke} and {@code tatRun} steps and
 * their freestyle build steps. They look only at the typed value and answer everyone who can reach
 * the form (see the package documentation).
 */
@Restricted(NoExternalUse.class)
public interface InvocationFormChecks extends ApiKeyFormChecks {

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
}
