package io.jenkins.plugins.tat.client.targets;

import io.jenkins.plugins.tat.client.api.Filter;
import io.jenkins.plugins.tat.client.rules.TagRules;
import io.jenkins.plugins.tat.client.rules.Violation;
import io.jenkins.plugins.tat.client.text.Texts;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * One tag condition of a selector: the instance has the tag key with one of the values (the
 * values of one key are ORed), or, with no values, has the key at all. Several terms are ANDed.
 *
 * <p>Keys and values follow Tencent Cloud's tag rules ({@link TagRules}); a value in a filter may
 * not be empty.
 *
 * @param key the tag key
 * @param values the values, any of which matches; none means "has the key"
 */
public record TagTerm(String key, List<String> values) implements Serializable {

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
        TagRules.key(field + ".key", key).ifPresent(violations::add);
        if (values.size() > maxValues) {
            violations.add(new Violation(field + ".values", "tag key `" + Texts.shorten(key) + "` has " + values.size()
                    + " values; this kind of target takes at most " + maxValues + " values per key",
                    "InvalidFilterValue.LimitExceeded"));
        }
        for (int i = 0; i < values.size(); i++) {
            TagRules.value(field + ".values[" + i + "]", values.get(i), false).ifPresent(violations::add);
        }
        if (new HashSet<>(values).size() < values.size()) {
            violations.add(new Violation(field + ".values", "tag key `" + Texts.shorten(key) + "` lists a value twice",
                    "InvalidParameterValue"));
        }
        return violations;
    }

    @Override
    public String toString() {
        return values.isEmpty() ? key : key + "=" + String.join(",", values);
    }
}
