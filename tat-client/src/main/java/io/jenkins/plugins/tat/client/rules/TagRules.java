package io.jenkins.plugins.tat.client.rules;

import io.jenkins.plugins.tat.client.text.Texts;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tencent Cloud's rules for tag keys and values (docs/dev/protocol.md §10): a key has 1 to
 * {@value #MAX_KEY_LENGTH} characters, a value up to {@value #MAX_VALUE_LENGTH}, both letters (any
 * script), digits, spaces and {@code + - = . _ : / @ ( ) [ ] （ ） 【 】}; a key may not begin with
 * {@code qcloud}, {@code tencent} or {@code project}, which Tencent Cloud reserves. Used for the
 * tags that choose targets and for the tags of a saved command.
 */
public final class TagRules {

    /** The longest tag key, in characters. */
    public static final int MAX_KEY_LENGTH = 127;
    /** The longest tag value, in characters. */
    public static final int MAX_VALUE_LENGTH = 255;

    private static final Pattern CHARACTERS = Pattern.compile("[\\p{L}\\p{N} +\\-=._:/@()\\[\\]（）【】]+");
    private static final List<String> RESERVED_PREFIXES = List.of("qcloud", "tencent", "project");

    private TagRules() {}

    /**
     * @param field where the key is, e.g. {@code Tags[0].Key}
     * @param key the key
     * @return what is wrong with it, if anything
     */
    public static Optional<Violation> key(String field, String key) {
        if (key == null || key.isEmpty()) {
            return Optional.of(new Violation(field, "a tag key must not be empty", "InvalidParameterValue"));
        }
        Optional<Violation> text = text(field, key, MAX_KEY_LENGTH, "tag key", "FailedOperation.IllegalTagKey");
        if (text.isPresent()) {
            return text;
        }
        String lower = key.toLowerCase(Locale.ROOT);
        for (String reserved : RESERVED_PREFIXES) {
            if (lower.startsWith(reserved)) {
                return Optional.of(new Violation(field, "tag key `" + Texts.shorten(key) + "` begins with `" + reserved
                        + "`, which Tencent Cloud reserves", "FailedOperation.TagKeyReserved"));
            }
        }
        return Optional.empty();
    }

    /**
     * @param field where the value is, e.g. {@code Tags[0].Value}
     * @param value the value
     * @param mayBeEmpty whether an empty value is allowed (a resource's tag may have one; a
     *     filter's value may not)
     * @return what is wrong with it, if anything
     */
    public static Optional<Violation> value(String field, String value, boolean mayBeEmpty) {
        if (value == null || value.isEmpty()) {
            return mayBeEmpty ? Optional.empty()
                    : Optional.of(new Violation(field, "a tag value must not be empty", "InvalidParameterValue"));
        }
        return text(field, value, MAX_VALUE_LENGTH, "tag value", "FailedOperation.IllegalTagValue");
    }

    private static Optional<Violation> text(String field, String text, int max, String what, String code) {
        if (text.codePointCount(0, text.length()) > max) {
            return Optional.of(new Violation(field, what + " `" + Texts.shorten(text) + "` is longer than " + max
                    + " characters", "InvalidParameterValue"));
        }
        if (!CHARACTERS.matcher(text).matches()) {
            return Optional.of(new Violation(field, what + " `" + Texts.shorten(text) + "` has a character tags do not"
                    + " allow; allowed are letters, digits, spaces and + - = . _ : / @ ( ) [ ] （ ） 【 】", code));
        }
        return Optional.empty();
    }
}
