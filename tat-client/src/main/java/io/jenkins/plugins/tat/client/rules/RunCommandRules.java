package io.jenkins.plugins.tat.client.rules;

import io.jenkins.plugins.tat.client.api.DefaultParameterConf;
import io.jenkins.plugins.tat.client.api.RunCommandRequest;
import io.jenkins.plugins.tat.client.text.Texts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of RunCommand's own fields (docs/dev/protocol.md §4.2), one method per field, shared by
 * {@link RunCommandRequest#validate()} and the Jenkins plugin's form checks. The fields RunCommand
 * shares with InvokeCommand (InstanceIds, Timeout, Username, WorkingDirectory, the COS output, the
 * parameter names and values) follow {@link InvokeCommandRules} and {@link CommandParameters}.
 *
 * <p>Sources: the RunCommand definition (tccli {@code api.json}, docs/dev/protocol.md §0), summarised in
 * docs/dev/protocol.md §4.2; error codes from the list of docs/dev/protocol.md §3.2.
 */
public final class RunCommandRules {

    /** Most characters of the base64-encoded Content: 64 KB (docs/dev/protocol.md §4.2). */
    public static final int MAX_CONTENT_BASE64 = 64 * 1024;
    /** The longest script, in UTF-8 bytes, whose base64 form fits {@link #MAX_CONTENT_BASE64}: 48 KB. */
    public static final int MAX_CONTENT_BYTES = MAX_CONTENT_BASE64 / 4 * 3;
    /** Longest CommandName, in UTF-8 bytes (docs/dev/protocol.md §4.2: at most 60 bytes). */
    public static final int MAX_COMMAND_NAME_BYTES = 60;
    /** Longest Description, in characters (docs/dev/protocol.md §4.2). */
    public static final int MAX_DESCRIPTION = 120;
    /** The command types TAT runs; SHELL is the default. */
    public static final List<String> COMMAND_TYPES = List.of("SHELL", "POWERSHELL", "BAT");
    /** Most DefaultParameterConfs (docs/dev/protocol.md §4.2). */
    public static final int MAX_DEFAULT_PARAMETER_CONFS = 20;
    /** The most tags a saved command carries (docs/dev/protocol.md §4.2). */
    public static final int MAX_TAGS = 10;

    /** Letters, digits, {@code _}, {@code -}, {@code .} and Chinese (Han) characters (docs/dev/protocol.md §4.2). */
    private static final Pattern COMMAND_NAME = Pattern.compile("[a-zA-Z0-9_.\\-\\p{IsHan}]+");

    private RunCommandRules() {}

    /**
     * {@code Content}: required, not blank, and at most {@value #MAX_CONTENT_BASE64} characters once
     * base64-encoded, which is a script of at most {@value #MAX_CONTENT_BYTES} bytes in UTF-8. The
     * message gives sizes, never the script: it may hold a secret.
     *
     * @param script the script text (not base64), or {@code null}
     * @return the violations
     */
    public static List<Violation> content(String script) {
        if (script == null || script.isBlank()) {
            return List.of(new Violation("Content", "is required: the script to run on the instances", "MissingParameter"));
        }
        int bytes = script.getBytes(StandardCharsets.UTF_8).length;
        long base64 = base64Length(bytes);
        if (base64 > MAX_CONTENT_BASE64) {
            return List.of(new Violation("Content", "the script has " + bytes + " bytes in UTF-8, " + base64
                    + " characters once base64-encoded; TAT takes at most " + MAX_CONTENT_BASE64 + " (64 KB of base64),"
                    + " that is a script of at most " + MAX_CONTENT_BYTES + " bytes (48 KB). Copy a longer script to the"
                    + " instances another way, or save it as a command in TAT and use tatInvoke",
                    "InvalidParameterValue.InvalidContent"));
        }
        return List.of();
    }

    /**
     * @param bytes a length in bytes
     * @return the length of its base64 form, padding included
     */
    public static long base64Length(long bytes) {
        return (bytes + 2) / 3 * 4;
    }

    /**
     * {@code CommandName}: when given, 1 to {@value #MAX_COMMAND_NAME_BYTES} bytes in UTF-8 (a
     * Chinese character takes 3) of letters, digits, {@code _}, {@code -}, {@code .} and Chinese
     * characters.
     *
     * @param name the name, or {@code null}
     * @return the violations
     */
    public static List<Violation> commandName(String name) {
        if (name == null) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (name.isEmpty()) {
            violations.add(new Violation("CommandName", "is empty; give a name such as deploy-web, or leave it out",
                    "InvalidParameterValue.InvalidCommandName"));
            return violations;
        }
        if (bytes > MAX_COMMAND_NAME_BYTES) {
            violations.add(new Violation("CommandName", "has " + bytes + " bytes in UTF-8; at most "
                    + MAX_COMMAND_NAME_BYTES + " are allowed (a Chinese character takes 3)",
                    "InvalidParameterValue.InvalidCommandName"));
        }
        if (!COMMAND_NAME.matcher(name).matches()) {
            violations.add(new Violation("CommandName", "'" + Texts.shorten(name) + "' may contain only letters a-z and"
                    + " A-Z, digits, '_', '-', '.' and Chinese characters", "InvalidParameterValue.InvalidCommandName"));
        }
        return violations;
    }

    /**
     * {@code Description}: when given, at most {@value #MAX_DESCRIPTION} characters.
     *
     * @param description the description, or {@code null}
     * @return the violations
     */
    public static List<Violation> description(String description) {
        if (description == null) {
            return List.of();
        }
        int length = description.codePointCount(0, description.length());
        if (length > MAX_DESCRIPTION) {
            return List.of(new Violation("Description", "has " + length + " characters; at most " + MAX_DESCRIPTION
                    + " are allowed", "InvalidParameterValue.TooLong"));
        }
        return List.of();
    }

    /**
     * {@code CommandType}: when given, {@code SHELL}, {@code POWERSHELL} or {@code BAT}.
     *
     * @param type the type, or {@code null} for SHELL
     * @return the violations
     */
    public static List<Violation> commandType(String type) {
        if (type == null || COMMAND_TYPES.contains(type)) {
            return List.of();
        }
        return List.of(new Violation("CommandType", "'" + Texts.shorten(type) + "' is not a command type; it must be"
                + " SHELL (the default, Linux), POWERSHELL or BAT (Windows), in capitals", "InvalidParameterValue"));
    }

    /**
     * {@code DefaultParameterConfs}: at most {@value #MAX_DEFAULT_PARAMETER_CONFS}, each with a
     * valid parameter name given once and a value.
     *
     * @param confs the declared parameters, or {@code null}
     * @return the violations
     */
    public static List<Violation> defaultParameterConfs(List<DefaultParameterConf> confs) {
        if (confs == null) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        if (confs.size() > MAX_DEFAULT_PARAMETER_CONFS) {
            violations.add(new Violation("DefaultParameterConfs", "has " + confs.size() + " parameters; at most "
                    + MAX_DEFAULT_PARAMETER_CONFS + " are allowed", "InvalidParameterValue.ParameterNumberExceeded"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < confs.size(); i++) {
            DefaultParameterConf conf = confs.get(i);
            String field = "DefaultParameterConfs[" + i + "]";
            if (conf == null || conf.name() == null || conf.value() == null) {
                violations.add(new Violation(field, "needs a ParameterName and a ParameterValue", "MissingParameter"));
                continue;
            }
            if (!seen.add(conf.name())) {
                violations.add(new Violation(field, "names '" + Texts.shorten(conf.name()) + "' again; each parameter"
                        + " may be declared once", "InvalidParameter.ParameterNameDuplicated"));
            }
            CommandParameters.fromMap(field, Map.of(conf.name(), conf.value())).violations().stream()
                    .filter(v -> !v.errorCode().endsWith("ParameterNumberExceeded")).forEach(violations::add);
        }
        return violations;
    }

    /**
     * What EnableParameter asks of the parameters given and of the script's placeholders:
     * <ul>
     *   <li>without EnableParameter, neither Parameters nor defaults may be given
     *       ({@code InvalidParameterValue.SupportParametersOnlyIfEnableParameter}); the script's
     *       {@code {{…}}} then stay as they are;</li>
     *   <li>with it, every placeholder of the script needs a value, from Parameters or from the
     *       defaults ({@code InvalidParameterValue.LackOfParameters}), and every name given must be
     *       one the script uses: a name it does not use is a typo, as the script is at hand
     *       ({@code InvalidParameterValue}).</li>
     * </ul>
     * The messages name parameters, never their values.
     *
     * @param enableParameter whether EnableParameter is set
     * @param placeholders the script's placeholders
     * @param given the names given in Parameters, or {@code null} when none were
     * @param defaults the names given as defaults, or {@code null} when none were
     * @return the violations
     */
    public static List<Violation> parameterUse(boolean enableParameter, ParameterPlaceholders placeholders,
            Set<String> given, Set<String> defaults) {
        List<Violation> violations = new ArrayList<>();
        if (!enableParameter) {
            if (given != null || defaults != null) {
                violations.add(new Violation(given != null ? "Parameters" : "DefaultParameters", "can only be given with"
                        + " EnableParameter", "InvalidParameterValue.SupportParametersOnlyIfEnableParameter"));
            }
            return violations;
        }
        Set<String> known = new LinkedHashSet<>();
        if (given != null) {
            known.addAll(given);
        }
        if (defaults != null) {
            known.addAll(defaults);
        }
        for (String name : placeholders.names()) {
            if (!known.contains(name)) {
                violations.add(new Violation("Parameters", "gives no value for '" + Texts.shorten(name) + "', which the"
                        + " script uses as {{" + (placeholders.hidden().contains(name) ? ParameterPlaceholders.HIDDEN_PREFIX : "")
                        + Texts.shorten(name) + "}}; give it in the parameters or as a default",
                        "InvalidParameterValue.LackOfParameters"));
            }
        }
        for (String name : known) {
            if (!placeholders.names().contains(name)) {
                violations.add(new Violation("Parameters", "'" + Texts.shorten(name) + "' is not used by the script: it"
                        + " has no {{" + Texts.shorten(name) + "}}" + (placeholders.names().isEmpty() ? ""
                                : "; it uses " + String.join(", ", placeholders.names().stream().map(Texts::shorten).toList())),
                        "InvalidParameterValue"));
            }
        }
        return violations;
    }

    /**
     * Tags: at most {@value #MAX_TAGS}, each key once, keys and values by Tencent Cloud's tag rules
     * ({@link TagRules}); only for a command that is saved, since TAT uses them for nothing else.
     *
     * @param tags the tags, empty for none
     * @param saveCommand whether the command is saved
     * @return the violations
     */
    public static List<Violation> tags(List<io.jenkins.plugins.tat.client.api.Tag> tags, boolean saveCommand) {
        List<Violation> violations = new ArrayList<>();
        if (tags.isEmpty()) {
            return violations;
        }
        if (!saveCommand) {
            violations.add(new Violation("Tags", "apply only to a saved command: set SaveCommand, or give no tags",
                    "InvalidParameter"));
        }
        if (tags.size() > MAX_TAGS) {
            violations.add(new Violation("Tags", "has " + tags.size() + " tags; at most " + MAX_TAGS,
                    "InvalidParameterValue.LimitExceeded"));
        }
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            io.jenkins.plugins.tat.client.api.Tag tag = tags.get(i);
            TagRules.key("Tags[" + i + "].Key", tag.key()).ifPresent(violations::add);
            TagRules.value("Tags[" + i + "].Value", tag.value(), true).ifPresent(violations::add);
            if (!keys.add(tag.key())) {
                violations.add(new Violation("Tags[" + i + "].Key", "tag key `" + Texts.shorten(tag.key())
                        + "` is given twice", "InvalidParameterValue"));
            }
        }
        return violations;
    }
}
