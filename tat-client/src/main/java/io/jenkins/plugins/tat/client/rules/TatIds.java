package io.jenkins.plugins.tat.client.rules;

import io.jenkins.plugins.tat.client.text.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The formats of TAT resource IDs (docs/dev/protocol.md §5, after the TAT glossary,
 * https://cloud.tencent.com/document/product/1340/52695) and the parsing of ID lists typed by people.
 *
 * <p>The glossary gives 8 or 10 characters after the prefix, depending on the kind, but the
 * official examples show other lengths for some kinds, so the checks accept 8 to 32 lower-case
 * letters and digits: strict enough to catch a typo or a pasted name, lenient enough not to
 * refuse a valid ID if Tencent lengthens them.
 */
public final class TatIds {

    private static final String SUFFIX = "[a-z0-9]{8,32}";
    private static final Pattern COMMAND = Pattern.compile("cmd-" + SUFFIX);
    private static final Pattern INSTANCE = Pattern.compile("(ins|lhins|rins)-" + SUFFIX);
    private static final Pattern INVOCATION = Pattern.compile("inv-" + SUFFIX);
    private static final Pattern TASK = Pattern.compile("invt-" + SUFFIX);
    private static final Pattern SEPARATORS = Pattern.compile("[,;\\s]+");

    private TatIds() {}

    /**
     * @param id a string
     * @return whether it has the form of a command ID, {@code cmd-xxxxxxxx}
     */
    public static boolean isCommandId(String id) {
        return id != null && COMMAND.matcher(id).matches();
    }

    /**
     * @param id a string
     * @return whether it has the form of a CVM, Lighthouse or managed instance ID
     */
    public static boolean isInstanceId(String id) {
        return id != null && INSTANCE.matcher(id).matches();
    }

    /**
     * @param id a string
     * @return whether it has the form of an invocation ID, {@code inv-xxxxxxxx}
     */
    public static boolean isInvocationId(String id) {
        return id != null && INVOCATION.matcher(id).matches();
    }

    /**
     * Checks an invocation ID given by a person, for the callers that take one: the request of
     * CancelInvocation, a wait, a Pipeline step.
     *
     * @param field the name of the field, as the caller's user knows it, e.g. {@code InvocationId}
     * @param id the value, may be {@code null}
     * @return the violation ({@code MissingParameter} or {@code InvalidParameterValue.InvalidInvocationId},
     *     quoting the value shortened and with invisible characters written out), if any
     */
    public static Optional<Violation> checkInvocationId(String field, String id) {
        if (id == null || id.isBlank()) {
            return Optional.of(new Violation(field, "is required: an invocation ID, e.g. inv-abcd1234", "MissingParameter"));
        }
        if (!isInvocationId(id)) {
            return Optional.of(new Violation(field, "'" + Texts.shorten(id)
                    + "' is not an invocation ID; expected inv- followed by lower-case letters or digits",
                    "InvalidParameterValue.InvalidInvocationId"));
        }
        return Optional.empty();
    }

    /**
     * @param id a string
     * @return whether it has the form of an invocation task ID, {@code invt-xxxxxxxx}
     */
    public static boolean isInvocationTaskId(String id) {
        return id != null && TASK.matcher(id).matches();
    }

    /**
     * Splits a list of IDs typed by a person: separated by commas, semicolons or any white space
     * (including new lines), with empty entries dropped. Order and duplicates are kept, so that
     * validation can report a duplicate.
     *
     * @param text for example {@code "ins-aaaaaaaa, ins-bbbbbbbb\nins-cccccccc"}; {@code null} is empty
     * @return the IDs in order
     */
    public static List<String> splitList(String text) {
        List<String> ids = new ArrayList<>();
        if (text != null) {
            for (String part : SEPARATORS.split(text.strip())) {
                if (!part.isEmpty()) {
                    ids.add(part);
                }
            }
        }
        return ids;
    }
}
