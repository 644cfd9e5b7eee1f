package io.jenkins.plugins.tat.forms;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.tat.credentials.TencentCloudApiKeys;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Form checks of every step that calls TAT: the API key, the region, the wait timeout. A
 * descriptor implementing this interface gets them as Stapler web methods (Stapler and
 * {@code Descriptor} find public default methods of interfaces too).
 *
 * <p>Two kinds of check, two kinds of permission (see the package documentation):
 * <ul>
 *   <li>The credentials list and check follow the credentials plugin's consumer guide
 *       ({@code docs/consumer.adoc}): they answer in full only those who may see the job's
 *       credentials, and reveal nothing to anyone else.</li>
 *   <li>The syntax checks (region, wait timeout) look only at the typed value, so they answer
 *       everyone who can reach the form, also a viewer with Item/Extended Read and the global
 *       Snippet Generator, where there is no job.</li>
 * </ul>
 */
@Restricted(NoExternalUse.class)
public interface ApiKeyFormChecks {

    /**
     * The permission of form actions that use an API key over the network: configuring the job,
     * or, outside a job, administering Jenkins.
     *
     * @param item the job, or {@code null} outside one
     */
    static void checkCanConfigure(@CheckForNull Item item) {
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        } else {
            item.checkPermission(Item.CONFIGURE);
        }
    }

    /**
     * Whether a blank credentials ID or region is fine in this form: in a Pipeline step, which
     * then takes it from the enclosing {@code withTencentCloud} block. Not a web method.
     *
     * @return {@code false} unless the step reads an enclosing block's values
     */
    @Restricted(NoExternalUse.class)
    default boolean fieldsMayComeFromEnclosingBlock() {
        return false;
    }

    /**
     * @param item the job
     * @param credentialsId the current value
     * @return the API keys the job may use; only the current value for those who may not see them
     */
    @POST
    @Restricted(NoExternalUse.class)
    default ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
        return TencentCloudApiKeys.fillItems(item, credentialsId);
    }

    /**
     * @param item the job
     * @param value the credentials ID
     * @return whether the job can use such an API key; no verdict for those who may not see the
     *     job's credentials
     */
    @POST
    @Restricted(NoExternalUse.class)
    default FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
        if (fieldsMayComeFromEnclosingBlock() && Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.ok(Messages.ApiKeyFormChecks_FromEnclosingBlock("credentialsId"));
        }
        return TencentCloudApiKeys.check(item, value);
    }

    /**
     * @param value the region
     * @return the check
     */
    @POST
    @Restricted(NoExternalUse.class)
    @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
    default FormValidation doCheckRegion(@QueryParameter String value) {
        if (fieldsMayComeFromEnclosingBlock() && Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.ok(Messages.ApiKeyFormChecks_FromEnclosingBlock("region"));
        }
        return FormChecks.region(value);
    }

    /**
     * @param value the wait timeout in seconds
     * @return the check
     */
    @POST
    @Restricted(NoExternalUse.class)
    @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
    default FormValidation doCheckWaitTimeout(@QueryParameter String value) {
        return FormChecks.waitTimeout(value);
    }
}
