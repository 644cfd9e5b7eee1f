package io.jenkins.plugins.tat.client.rules;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The custom parameters a script declares: TAT replaces {@code {{name}}} in a command's content
 * with the parameter's value when the command has EnableParameter, and {@code {{tat-hidden:name}}}
 * likewise, showing the value as {@code ******} in its records (docs/dev/protocol.md §4.2). A name follows
 * the rules of parameter names ({@link CommandParameters}); anything else between braces is left
 * as it is, so it is not a parameter.
 */
public final class ParameterPlaceholders {

    /** The prefix of a placeholder whose value TAT masks in its records. */
    public static final String HIDDEN_PREFIX = "tat-hidden:";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(" + Pattern.quote(HIDDEN_PREFIX)
            + ")?([a-zA-Z0-9_-]{1," + CommandParameters.MAX_KEY_LENGTH + "})}}");

    private final Set<String> names;
    private final Set<String> hidden;

    private ParameterPlaceholders(Set<String> names, Set<String> hidden) {
        this.names = Collections.unmodifiableSet(names);
        this.hidden = Collections.unmodifiableSet(hidden);
    }

    /**
     * @param script a command's content, as text (not base64); {@code null} is taken as empty
     * @return the placeholders in it
     */
    public static ParameterPlaceholders of(String script) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> hidden = new LinkedHashSet<>();
        if (script != null && script.contains("{{")) {
            Matcher m = PLACEHOLDER.matcher(script);
            while (m.find()) {
                names.add(m.group(2));
                if (m.group(1) != null) {
                    hidden.add(m.group(2));
                }
            }
        }
        return new ParameterPlaceholders(names, hidden);
    }

    /** @return every parameter name the script uses, in order of first use */
    public Set<String> names() {
        return names;
    }

    /** @return the names used as {@code {{tat-hidden:name}}} at least once */
    public Set<String> hidden() {
        return hidden;
    }
}
