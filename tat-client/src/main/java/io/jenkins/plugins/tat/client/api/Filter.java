package io.jenkins.plugins.tat.client.api;

import java.util.List;
import java.util.Objects;

/**
 * A filter of a Describe* request: {@code {"Name": name, "Values": [...]}}. Filters combine with
 * AND, the values of one filter with OR (docs/dev/protocol.md §4).
 *
 * @param name the filter name, e.g. {@code invocation-id}
 * @param values one to five values
 */
public record Filter(String name, List<String> values) {

    /**
     * @param name the filter name
     * @param values the values
     */
    public Filter {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
    }

    /**
     * @param name the filter name
     * @param values the values
     * @return the filter
     */
    public static Filter of(String name, String... values) {
        return new Filter(name, List.of(values));
    }
}
