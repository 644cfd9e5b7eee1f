package io.jenkins.plugins.tat.forms;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.api.Command;
import io.jenkins.plugins.tat.client.api.DescribeCommandsRequest;
import io.jenkins.plugins.tat.client.auth.CredentialProvider;
import io.jenkins.plugins.tat.client.rules.CommandParameters;
import io.jenkins.plugins.tat.client.rules.InvokeCommandRules;
import io.jenkins.plugins.tat.client.rules.Regions;
import io.jenkins.plugins.tat.client.rules.RunCommandRules;
import io.jenkins.plugins.tat.client.rules.TatIds;
import io.jenkins.plugins.tat.client.rules.Violation;
import io.jenkins.plugins.tat.client.text.Texts;
import io.jenkins.plugins.tat.client.watch.WaitTimeouts;
import io.jenkins.plugins.tat.config.TatClientFactory;
import io.jenkins.plugins.tat.credentials.TencentCloudApiKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the form checks of {@link ApiKeyFormChecks}, {@link InvocationFormChecks}, {@link InvokeFormChecks}
 * and {@link RunFormChecks} do. Every rule
 * comes from tat-client ({@link InvokeCommandRules}, {@link CommandParameters}, {@link Regions},
 * {@link WaitTimeouts}); nothing here restates one.
 *
 * <p>Every check but {@link #checkCommand} is a pure function of the typed value: it is answered
 * to users without any permission beyond Overall/Read, so it must never consult credentials,
 * the network, files, other items or any state of this Jenkins.
 */
final class FormChecks {

    private FormChecks() {}

    /**
     * @param value the region
     * @return the check
     */
    @NonNull
    static FormValidation region(@CheckForNull String value) {
        if (hasVariable(value)) {
            return FormValidation.warning(Messages.FormChecks_Variable());
        }
        return toForm(Regions.check(Util.fixEmptyAndTrim(value)).map(List::of).orElse(List.of()));
    }

    /**
     * @param value the command ID
     * @return the check
     */
    @NonNull
    static FormValidation commandId(@CheckForNull String value) {
        return hasVariable(value) ? FormValidation.warning(Messages.FormChecks_Variable())
                : toForm(InvokeCommandRules.commandId(Util.fixEmptyAndTrim(value)));
    }

    /**
     * @param value the instance IDs, separated by commas or white space
     * @return the check
     */
    @NonNull
    static FormValidation instanceIds(@CheckForNull String value) {
        return hasVariable(value) ? FormValidation.warning(Messages.FormChecks_Variable())
                : toForm(InvokeCommandRules.instanceIds(TatIds.splitList(value)));
    }

    /**
     * @param value the parameters as JSON text, or empty
     * @return the check
     */
    @NonNull
    static FormValidation parameters(@CheckForNull String value) {
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.ok();
        }
        return hasVariable(value) ? FormValidation.warning(Messages.FormChecks_Variable())
                : toForm(CommandParameters.fromJson(value).violations());
    }

    /**
     * @param value the default parameters as JSON text, or empty
     * @return the check
     */
    @NonNull
    static FormValidation defaultParameters(@CheckForNull String value) {
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.ok();
        }
        return hasVariable(value) ? FormValidation.warning(Messages.FormChecks_Variable())
                : toForm(CommandParameters.fromJson("DefaultParameters", value).violations());
    }

    /**
     * @param value the command type, or empty for SHELL
     * @return the check
     */
    @NonNull
    static FormValidation commandType(@CheckForNull String value) {
        return hasVariable(value) ? FormValidation.warning(Messages.FormChecks_Variable())
                : toForm(RunCommandRules.commandType(Util.fixEmptyAndTrim(value)));
    }

    /**
     * @param value the command name, or empty
     * @return the check
     */
    @NonNull
    static FormValidation commandName(@CheckForNull String value) {
        return hasVariable(value) ? FormValidation.warning(Messages.FormChecks_Variable())
                : toForm(RunCommandRules.commandName(Util.fixEmptyAndTrim(value)));
    }

    /**
     * @param value the description, or empty
     * @return the check
     */
    @NonNull
    static FormValidation description(@CheckForNull String value) {
        return toForm(RunCommandRules.description(Util.fixEmptyAndTrim(value)));
    }

    /**
     * @param value the user name, or empty
     * @return the check
     */
    @NonNull
    static FormValidation username(@CheckForNull String value) {
        return toForm(InvokeCommandRules.username(Util.fixEmptyAndTrim(value)));
    }

    /**
     * @param value the working directory, or empty
     * @return the check
     */
    @NonNull
    static FormValidation workingDirectory(@CheckForNull String value) {
        return toForm(InvokeCommandRules.workingDirectory(Util.fixEmptyAndTrim(value)));
    }

    /**
     * @param value the command timeout in seconds, or empty
     * @return the check
     */
    @NonNull
    static FormValidation timeout(@CheckForNull String value) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return FormValidation.ok();
        }
        try {
            return toForm(InvokeCommandRules.timeout(Long.parseLong(text)));
        } catch (NumberFormatException e) {
            return FormValidation.error(Messages.FormChecks_NotANumber(Texts.shorten(text)));
        }
    }

    /**
     * @param value the wait timeout in seconds, or empty
     * @return the check
     */
    @NonNull
    static FormValidation waitTimeout(@CheckForNull String value) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return FormValidation.ok();
        }
        try {
            return toForm(WaitTimeouts.check(Long.parseLong(text)).map(List::of).orElse(List.of()));
        } catch (NumberFormatException e) {
            return FormValidation.error(Messages.FormChecks_NotANumber(Texts.shorten(text)));
        }
    }

    /**
     * @param value the COS bucket URL, or empty
     * @return the check
     */
    @NonNull
    static FormValidation outputCosBucketUrl(@CheckForNull String value) {
        return hasVariable(value) ? FormValidation.warning(Messages.FormChecks_Variable())
                : toForm(InvokeCommandRules.outputCosBucketUrl(Util.fixEmptyAndTrim(value)));
    }

    /**
     * @param value the COS key prefix, or empty
     * @return the check
     */
    @NonNull
    static FormValidation outputCosKeyPrefix(@CheckForNull String value) {
        return hasVariable(value) ? FormValidation.warning(Messages.FormChecks_Variable())
                : toForm(InvokeCommandRules.outputCosKeyPrefix(Util.fixEmptyAndTrim(value)));
    }

    /**
     * The "Check command" button: asks DescribeCommands, with the selected key, whether the
     * command exists in the region, and reports its type and parameters. The caller has checked
     * the permission; the key is looked up with the job's own authentication.
     *
     * @param item the job, or {@code null}
     * @param credentialsId the selected credentials
     * @param region the region
     * @param commandId the command
     * @return what the API says
     * @throws InterruptedException if interrupted
     */
    @NonNull
    static FormValidation checkCommand(@CheckForNull Item item, @CheckForNull String credentialsId,
            @CheckForNull String region, @CheckForNull String commandId) throws InterruptedException {
        String command = Util.fixEmptyAndTrim(commandId);
        String where = Util.fixEmptyAndTrim(region);
        if (Util.fixEmptyAndTrim(credentialsId) == null || where == null || command == null
                || hasVariable(credentialsId) || hasVariable(region) || hasVariable(commandId)) {
            return FormValidation.warning(Messages.FormChecks_CheckNeeds());
        }
        List<Violation> violations = new ArrayList<>(InvokeCommandRules.commandId(command));
        Regions.check(where).ifPresent(violations::add);
        if (!violations.isEmpty()) {
            return toForm(violations);
        }
        TatClient client = null;
        try {
            CredentialProvider key = TencentCloudApiKeys.forForm(item, credentialsId, where);
            if (key == null) {
                return FormValidation.error(Messages.FormChecks_NoCredentials());
            }
            client = TatClientFactory.create(key, where);
            List<Command> found = client.describeCommands(
                    DescribeCommandsRequest.builder().commandIds(List.of(command)).limit(1).build()).commands();
            if (found.isEmpty()) {
                return FormValidation.error(Messages.FormChecks_CommandNotFound(command, where));
            }
            return FormValidation.ok(commandSummary(found.get(0)));
        } catch (AbortException e) {
            return FormValidation.error(e.getMessage());
        } catch (TatException e) {
            return FormValidation.error(client == null ? e.getMessage() : TatClientFactory.explain(e, client));
        }
    }

    static String commandSummary(Command command) {
        Map<String, String> defaults = command.parameterDefaults();
        String parameters = !command.enableParameter() ? Messages.FormChecks_NoParameters()
                : Messages.FormChecks_Parameters(defaults.isEmpty() ? "-" : defaults.entrySet().stream()
                        .map(e -> e.getKey() + " [" + e.getValue() + "]").collect(Collectors.joining(", ")));
        return Messages.FormChecks_CommandFound(command.commandId(), command.commandName(), command.commandType(), parameters);
    }

    /** Build variables are expanded when the build runs, so a value with one is not checked now. */
    static boolean hasVariable(@CheckForNull String value) {
        return value != null && value.contains("$");
    }

    static FormValidation toForm(List<Violation> violations) {
        if (violations.isEmpty()) {
            return FormValidation.ok();
        }
        if (violations.size() == 1) {
            return FormValidation.error(format(violations.get(0)));
        }
        List<FormValidation> all = new ArrayList<>();
        violations.forEach(v -> all.add(FormValidation.error(format(v))));
        return FormValidation.aggregate(all);
    }

    private static String format(Violation v) {
        return v.field() + ": " + v.message() + " (" + v.errorCode() + ")";
    }
}
