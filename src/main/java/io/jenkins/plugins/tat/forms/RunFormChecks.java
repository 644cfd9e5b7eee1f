package io.jenkins.plugins.tat.forms;

import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.tat.client.rules.RunCommandRules;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Form checks of RunCommand's own fields (the script, its type, name and description, the
 * defaults), for the {@code tatRun} step and its freestyle build step; the fields it shares with
 * InvokeCommand are checked by {@link InvocationFormChecks}. Each looks only at the typed value.
 */
@Restricted(NoExternalUse.class)
public interface RunFormChecks extends InvocationFormChecks {

    /**
     * @param value the script
     * @return the check: required, and at most 48 KB in UTF-8 (64 KB once base64-encoded)
     */
    @POST
    @Restricted(NoExternalUse.class)
    @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
    default FormValidation doCheckScript(@QueryParameter String value) {
        return FormChecks.toForm(RunCommandRules.content(value));
    }

    /**
     * @param value the command type
     * @return the check
     */
    @POST
    @Restricted(NoExternalUse.class)
    @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
    default FormValidation doCheckCommandType(@QueryParameter String value) {
        return FormChecks.commandType(value);
    }

    /**
     * @return SHELL (the default), POWERSHELL and BAT
     */
    @POST
    @Restricted(NoExternalUse.class)
    @SuppressWarnings("lgtm[jenkins/no-permission-check]") // a fixed list: the API's command types
    default ListBoxModel doFillCommandTypeItems() {
        ListBoxModel items = new ListBoxModel();
        RunCommandRules.COMMAND_TYPES.forEach(items::add);
        return items;
    }

    /**
     * @param value the command name
     * @return the check
     */
    @POST
    @Restricted(NoExternalUse.class)
    @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
    default FormValidation doCheckCommandName(@QueryParameter String value) {
        return FormChecks.commandName(value);
    }

    /**
     * @param value the description
     * @return the check
     */
    @POST
    @Restricted(NoExternalUse.class)
    @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
    default FormValidation doCheckDescription(@QueryParameter String value) {
        return FormChecks.description(value);
    }

    /**
     * @param value the default parameters as JSON
     * @return the check
     */
    @POST
    @Restricted(NoExternalUse.class)
    @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
    default FormValidation doCheckDefaultParameters(@QueryParameter String value) {
        return FormChecks.defaultParameters(value);
    }
}
