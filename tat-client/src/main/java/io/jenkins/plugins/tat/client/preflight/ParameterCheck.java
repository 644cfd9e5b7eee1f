package io.jenkins.plugins.tat.client.preflight;

import io.jenkins.plugins.tat.client.api.Command;
import io.jenkins.plugins.tat.client.rules.Violation;
import io.jenkins.plugins.tat.client.text.Texts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the parameters of an InvokeCommand against the saved command, as DescribeCommands reports
 * it (docs/dev/protocol.md §4.5), and names every problem, where TAT answers one code for the first:
 * <ul>
 *   <li>parameters given to a command without EnableParameter ({@code InvalidParameterValue.ParameterDisabled});</li>
 *   <li>a name the command does not declare: not a {@code {{name}}} of its content, nor one of
 *       its defaults ({@code InvalidParameterValue}; TAT ignores it, so it is most likely a typo
 *       of a name that then gets its default or none);</li>
 *   <li>a name the content uses that has no default and is not given
 *       ({@code InvalidParameterValue.LackOfParameters}).</li>
 * </ul>
 * The messages name parameters, never values. The declared names are known only when the answer
 * had the content; without it only the first rule is checked.
 */
public final class ParameterCheck {

    private ParameterCheck() {}

    /**
     * @param command the saved command
     * @param given the parameter names given, or {@code null} when the invocation gives none
     * @return the violations; empty when the parameters fit the command
     */
    public static List<Violation> check(Command command, Set<String> given) {
        List<Violation> violations = new ArrayList<>();
        String id = command.commandId();
        if (!command.enableParameter()) {
            if (given != null) {
                violations.add(new Violation("Parameters", "command " + id + " does not take parameters (its"
                        + " EnableParameter is off); leave the parameters out, or enable them on the command in TAT",
                        "InvalidParameterValue.ParameterDisabled"));
            }
            return violations;
        }
        if (command.contentParameters() == null) {
            return violations;
        }
        Map<String, String> defaults = command.parameterDefaults();
        Set<String> declared = new LinkedHashSet<>(command.contentParameters());
        declared.addAll(defaults.keySet());
        Set<String> names = given == null ? Set.of() : given;
        for (String name : names) {
            if (!declared.contains(name)) {
                violations.add(new Violation("Parameters", "'" + Texts.shorten(name) + "' is not a parameter of command "
                        + id + (declared.isEmpty() ? ", which declares none"
                                : ", which declares " + String.join(", ", declared.stream().map(Texts::shorten).toList())),
                        "InvalidParameterValue"));
            }
        }
        for (String name : command.contentParameters()) {
            if (!names.contains(name) && !defaults.containsKey(name)) {
                violations.add(new Violation("Parameters", "gives no value for '" + Texts.shorten(name) + "', which command "
                        + id + " uses and has no default for", "InvalidParameterValue.LackOfParameters"));
            }
        }
        return violations;
    }
}
