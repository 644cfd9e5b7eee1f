package io.jenkins.plugins.tat.forms;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.tat.credentials.TencentCloudApiKeys;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Form checks of every step that calls TAT: the API key, the region, the wait timeout. A
 * descriptor implementing this interface gets them as Stapler web methods (Stapler and
 * {@code Descriptor} find public default methods of interfaces too).
 */
public interface ApiKeyFormChecks {

    /**
     * Only those who may configure the job (or, outside a job, administrators) get answers.
     *
     * @param item the job, or {@code null} outside one
     */
    static void checkPermission(@CheckForNull Item item) {
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        } else {
            item.checkPermission(Item.CONFIGURE);
        }
    }

    /**
     * @param item the job
     * @param credentialsId the current value
     * @return the API keys the job may use; only the current value for those who may not see them
     */
    @POST
    default ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
        return TencentCloudApiKeys.fillItems(item, credentialsId);
    }

    /**
     * @param item the job
     * @param value the credentials ID
     * @return whether the job can use such an API key
     */
    @POST
    default FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
        checkPermission(item);
        return TencentCloudApiKeys.check(item, value);
    }

    /**
     * @param item the job
     * @param value the region
     * @return the check
     */
    @POST
    default FormValidation doCheckRegion(@AncestorInPath Item item, @QueryParameter String value) {
        checkPermission(item);
        return FormChecks.region(value);
    }

    /**
     * @param item the job
     * @param value the wait timeout in seconds
     * @return the check
     */
    @POST
    default FormValidation doCheckWaitTimeout(@AncestorInPath Item item, @QueryParameter String value) {
        checkPermission(item);
        return FormChecks.waitTimeout(value);
    }
}
