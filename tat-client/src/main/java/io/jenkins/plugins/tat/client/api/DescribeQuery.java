package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.tat.client.rules.Violation;
import io.jenkins.plugins.tat.client.text.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What every Describe* request shares: either IDs or filters, and a page (docs/dev/protocol.md §4,
 * "Pagination"). The rules, with the error codes the server answers:
 * <ul>
 *   <li>IDs and filters cannot be combined — {@code InvalidParameter.ConflictParameter};</li>
 *   <li>at most 100 IDs — {@code InvalidParameterValue.LimitExceeded};</li>
 *   <li>at most 10 filters of at most 5 values — {@code LimitExceeded.FilterValueExceeded};</li>
 *   <li>only the action's filter names — {@code InvalidParameterValue.InvalidFilter};</li>
 *   <li>{@code Limit} 1 to 100, {@code Offset} at least 0 — {@code InvalidParameterValue}.</li>
 * </ul>
 */
final class DescribeQuery {

    static final int MAX_IDS = 100;
    static final int MAX_LIMIT = 100;
    static final int MAX_FILTERS = 10;
    static final int MAX_FILTER_VALUES = 5;

    private final String idsField;
    private final List<String> ids;
    private final List<Filter> filters;
    private final long offset;
    private final long limit;

    DescribeQuery(String idsField, List<String> ids, List<Filter> filters, long offset, long limit) {
        this.idsField = idsField;
        this.ids = ids == null ? List.of() : List.copyOf(ids);
        this.filters = filters == null ? List.of() : List.copyOf(filters);
        this.offset = offset;
        this.limit = limit;
    }

    List<String> ids() {
        return ids;
    }

    List<Filter> filters() {
        return filters;
    }

    long offset() {
        return offset;
    }

    long limit() {
        return limit;
    }

    List<Violation> validate(Predicate<String> idFormat, String idExample, String idErrorCode, Set<String> filterNames) {
        List<Violation> violations = new ArrayList<>();
        if (!ids.isEmpty() && !filters.isEmpty()) {
            violations.add(new Violation(idsField, "cannot be combined with Filters; give one or the other",
                    "InvalidParameter.ConflictParameter"));
        }
        if (ids.size() > MAX_IDS) {
            violations.add(new Violation(idsField, "has " + ids.size() + " IDs; at most " + MAX_IDS + " per request",
                    "InvalidParameterValue.LimitExceeded"));
        }
        for (int i = 0; i < ids.size(); i++) {
            if (!idFormat.test(ids.get(i))) {
                violations.add(new Violation(idsField + "[" + i + "]", "'" + Texts.shorten(ids.get(i))
                        + "' is not of the form " + idExample, idErrorCode));
            }
        }
        if (filters.size() > MAX_FILTERS) {
            violations.add(new Violation("Filters", "has " + filters.size() + " filters; at most " + MAX_FILTERS,
                    "LimitExceeded.FilterValueExceeded"));
        }
        for (int i = 0; i < filters.size(); i++) {
            Filter filter = filters.get(i);
            if (!filterNames.contains(filter.name())) {
                violations.add(new Violation("Filters[" + i + "].Name", "'" + Texts.shorten(filter.name())
                        + "' is not a filter of this action; use one of " + String.join(", ", filterNames.stream().sorted().toList()),
                        "InvalidParameterValue.InvalidFilter"));
            }
            if (filter.values().isEmpty() || filter.values().size() > MAX_FILTER_VALUES) {
                violations.add(new Violation("Filters[" + i + "].Values", "has " + filter.values().size()
                        + " values; a filter takes 1 to " + MAX_FILTER_VALUES, "LimitExceeded.FilterValueExceeded"));
            }
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            violations.add(new Violation("Limit", limit + " is out of range; it must be 1 to " + MAX_LIMIT,
                    "InvalidParameterValue"));
        }
        if (offset < 0) {
            violations.add(new Violation("Offset", offset + " is negative", "InvalidParameterValue"));
        }
        return violations;
    }

    void writeTo(ObjectNode body) {
        if (!ids.isEmpty()) {
            ArrayNode array = body.putArray(idsField);
            ids.forEach(array::add);
        }
        if (!filters.isEmpty()) {
            ArrayNode array = body.putArray("Filters");
            for (Filter filter : filters) {
                ObjectNode f = array.addObject();
                f.put("Name", filter.name());
                ArrayNode values = f.putArray("Values");
                filter.values().forEach(values::add);
            }
        }
        body.put("Limit", limit);
        body.put("Offset", offset);
    }

    @Override
    public String toString() {
        // Every ID, name and value shortened, invisible characters written out: they are a person's.
        return (ids.isEmpty() ? "" : idsField + "=" + ids.stream().map(Texts::shorten).toList() + ", ")
                + (filters.isEmpty() ? "" : "Filters=" + filters.stream()
                        .map(f -> Texts.shorten(f.name()) + "=" + f.values().stream().map(Texts::shorten).toList())
                        .toList() + ", ")
                + "Offset=" + offset + ", Limit=" + limit;
    }

    /** Collects the parts of a query; shared by the Describe* request builders. */
    static final class Parts {
        private final String idsField;
        private final List<String> ids = new ArrayList<>();
        private final List<Filter> filters = new ArrayList<>();
        private long offset = 0;
        private long limit = 20;

        Parts(String idsField) {
            this.idsField = idsField;
        }

        void ids(List<String> values) {
            ids.clear();
            ids.addAll(values);
        }

        void filter(Filter filter) {
            filters.add(filter);
        }

        void offset(long value) {
            offset = value;
        }

        void limit(long value) {
            limit = value;
        }

        DescribeQuery build() {
            return new DescribeQuery(idsField, ids, filters, offset, limit);
        }
    }
}
