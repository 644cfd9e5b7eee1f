package io.jenkins.plugins.tat.client.targets;

import io.jenkins.plugins.tat.client.api.Filter;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One tag condition of a selector: the instance has the tag key with one of the values (the
 * values of one key are ORed), or, with no values, has the key at all. Several terms are ANDed.
 *
 * <p>Keys and values follow Tencent Cloud's tag rules (docs/dev/protocol.md §10): a key has 1 to
 * 127 characters, a value 1 to 255, both letters (any script), digits, spaces and
 * {@code + - = . _ : / @ ( ) [ ] （ ） 【 】}; a key may not begin with {@code qcloud},
 * {@code tencent} or {@code project}, which Tencent Cloud reserves.
 *
 * @param key the tag key
 * @param values the values, any of which matches; none means "has the key"
 */
public record TagTerm(String key, List<String> values) implements Serializable {

    /** The longest tag key. */
    public static final int MAX_KEY_LENGTH = 127;
    /** The longest tag value. */
    public static final int MAX_VALUE_LENGTH = 255;

    private static final Pattern CHARACTERS = Pattern.compile("[\\p{L}\\p{N} +\\-=._:/@()\\[\\]（）【】]+");
    private static final List<String> RESERVED_PREFIXES = List.of("qcloud", "tencent", "project");

    /** Copies the values. */
    public TagTerm {
        java.util.Objects.requireNonNull(key, "key");
        values = List.copyOf(values);
    }

    /**
     * @param key the key
     * @param values the values, none for "has the key"
     * @return the term
     */
    public static TagTerm of(String key, String... values) {
        return new TagTerm(key, List.of(values));
    }

    /**
     * Reads the form a user writes: {@code app=web}, {@code app=web,api} (web or api), or
     * {@code app} (has the key). Spaces around key and values are dropped.
     *
     * @param text the term
     * @return the term, to be validated
     */
    public static TagTerm parse(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            return new TagTerm(text.strip(), List.of());
        }
        List<String> values = new ArrayList<>();
        for (String value : text.substring(eq + 1).split(",", -1)) {
            values.add(value.strip());
        }
        return new TagTerm(text.substring(0, eq).strip(), values);
    }

    /**
     * @param tags the terms as a map, key to values (an empty list for "has the key")
     * @return the terms, in the map's order
     */
    public static List<TagTerm> fromMap(Map<String, List<String>> tags) {
        List<TagTerm> terms = new ArrayList<>();
        tags.forEach((k, v) -> terms.add(new TagTerm(k, v)));
        return terms;
    }

    /** @return the listing filter: {@code tag:<key>} with the values, or {@code tag-key} with the key */
    public Filter filter() {
        return values.isEmpty() ? new Filter("tag-key", List.of(key)) : new Filter("tag:" + key, values);
    }

    /**
     * @param tags an instance's tags
     * @return whether they satisfy this term
     */
    public boolean matches(Map<String, String> tags) {
        String value = tags.get(key);
        return value != null && (values.isEmpty() || values.contains(value));
    }

    /**
     * @param field where the term is, e.g. {@code tags[0]}
     * @param maxValues the most values the product takes in one filter
     * @return the rules the term breaks
     */
    public List<Violation> validate(String field, int maxValues) {
        List<Violation> violations = new ArrayList<>();
        check(field + ".key", key, MAX_KEY_LENGTH, "tag key").ifPresent(violations::add);
        String lower = key.toLowerCase(Locale.ROOT);
        for (String reserved : RESERVED_PREFIXES) {
            if (lower.startsWith(reserved)) {
                violations.add(new Violation(field + ".key", "tag key `" + shown(key) + "` begins with `" + reserved
                        + "`, which Tencent Cloud reserves", "FailedOperation.TagKeyReserved"));
            }
        }
        if (values.size() > maxValues) {
            violations.add(new Violation(field + ".values", "tag key `" + shown(key) + "` has " + values.size()
                    + " values; this kind of target takes at most " + maxValues + " values per key",
                    "InvalidFilterValue.LimitExceeded"));
        }
        for (int i = 0; i < values.size(); i++) {
            check(field + ".values[" + i + "]", values.get(i), MAX_VALUE_LENGTH, "tag value").ifPresent(violations::add);
        }
        if (new HashSet<>(values).size() < values.size()) {
            violations.add(new Violation(field + ".values", "tag key `" + shown(key) + "` lists a value twice",
                    "InvalidParameterValue"));
        }
        return violations;
    }

    private static Optional<Violation> check(String field, String text, int max, String what) {
        if (text.isEmpty()) {
            return Optional.of(new Violation(field, "a " + what + " must not be empty", "InvalidParameterValue"));
        }
        if (text.codePointCount(0, text.length()) > max) {
            return Optional.of(new Violation(field, what + " `" + shown(text) + "` is longer than " + max
                    + " characters", "InvalidParameterValue"));
        }
        if (!CHARACTERS.matcher(text).matches()) {
            return Optional.of(new Violation(field, what + " `" + shown(text) + "` has a character tags do not allow;"
                    + " allowed are letters, digits, spaces and + - = . _ : / @ ( ) [ ] （ ） 【 】",
                    what.equals("tag key") ? "FailedOperation.IllegalTagKey" : "FailedOperation.IllegalTagValue"));
        }
        return Optional.empty();
    }

    private static String shown(String text) {
        return io.jenkins.plugins.tat.client.text.Texts.shorten(text);
    }

    @Override
    public String toString() {
        return values.isEmpty() ? key : key + "=" + String.join(",", values);
    }
}
