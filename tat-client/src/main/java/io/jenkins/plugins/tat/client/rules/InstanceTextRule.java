package io.jenkins.plugins.tat.client.rules;

import io.jenkins.plugins.tat.client.text.TextShapes;
import io.jenkins.plugins.tat.client.text.Texts;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule of the text fields the TAT agent hands to the instance's operating system as they are:
 * {@code Username} (the account the command runs as) and {@code WorkingDirectory}.
 *
 * <p>The API reference states no rule for either beyond their type (docs/dev/protocol.md §4.1), so
 * these are ours, chosen to refuse only what no operating system accepts or what a person could
 * not see:
 * <ul>
 *   <li>not blank;</li>
 *   <li>no control, format, bidi or other invisible character ({@link Texts#hasInvisible}): no
 *       user or directory name needs one, and in a log they hide or reorder what is shown, or forge
 *       lines (CR, LF, ESC);</li>
 *   <li>no space at either end: it cannot be seen in a log or a form, and Windows drops trailing
 *       spaces from file names while Linux keeps them, so the same text names different things;</li>
 *   <li>a length cap per field (see {@link InvokeCommandRules#MAX_USERNAME} and
 *       {@link InvokeCommandRules#MAX_WORKING_DIRECTORY}): the longest form any supported OS
 *       accepts, so that no real name is refused while a pasted file or 1 MB of text is.</li>
 * </ul>
 * Lengths are counted in Unicode code points; no OS counts fewer (Windows counts UTF-16 units,
 * Linux UTF-8 bytes), so a value any OS accepts is within the cap.
 */
final class InstanceTextRule {

    private final String field;
    private final String code;
    private final int maxLength;
    private final String what;
    private final String example;
    private final String whyThatLong;

    /**
     * @param field the API field name
     * @param code the API error code the violations mirror
     * @param maxLength the most code points
     * @param what what the value names, e.g. {@code a user name}
     * @param example an example value
     * @param whyThatLong where the cap comes from, for the message
     */
    InstanceTextRule(String field, String code, int maxLength, String what, String example, String whyThatLong) {
        this.field = field;
        this.code = code;
        this.maxLength = maxLength;
        this.what = what;
        this.example = example;
        this.whyThatLong = whyThatLong;
    }

    /**
     * @param value the value, or {@code null} when not given (the command's own value applies)
     * @return every violation, or an empty list
     */
    List<Violation> check(String value) {
        if (value == null) {
            return List.of();
        }
        if (value.isBlank() || TextShapes.isAllSpace(value)) {
            return List.of(new Violation(field, "is blank; give " + what + " such as " + example + ", or leave it out", code));
        }
        List<Violation> violations = new ArrayList<>();
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            // The value is not quoted: it may be a whole file.
            violations.add(new Violation(field, "has " + length + " characters; at most " + maxLength + " are allowed ("
                    + whyThatLong + ")", code));
        }
        if (Texts.hasInvisible(value)) {
            violations.add(new Violation(field, "'" + Texts.shorten(value) + "' contains a control, format or other"
                    + " invisible character (shown as \\u followed by its code); " + what + " has none", code));
        } else if (TextShapes.hasSpaceAtEnd(value)) {
            violations.add(new Violation(field, "'" + Texts.shorten(value) + "' starts or ends with a space, which"
                    + " cannot be seen; remove it", code));
        }
        return violations;
    }
}
