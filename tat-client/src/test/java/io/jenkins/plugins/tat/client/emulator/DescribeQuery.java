package io.jenkins.plugins.tat.client.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The selection part shared by the Describe* actions: IDs or Filters, then Limit and Offset
 * (docs/dev/protocol.md §4, "Pagination"). Filters combine with AND; the values of one filter with OR.
 *
 * <p>Error codes: IDs and Filters together: {@code InvalidParameter.ConflictParameter}; more than
 * 10 filters or more than 5 values in one: {@code LimitExceeded.FilterValueExceeded}; an unknown
 * filter name, or a filter without a name or values: {@code InvalidParameterValue.InvalidFilter};
 * more than 100 IDs, Limit outside [1, 100] or a negative Offset: {@code InvalidParameterValue}
 * (inferred: the Go SDK lists the bare code for these actions, docs/dev/protocol.md §3.2); a malformed ID, given
 * directly or as the value of an ID filter: that ID kind's {@code InvalidParameterValue.Invalid*Id}.
 *
 * @param <T> the kind of item listed
 */
final class DescribeQuery<T> {

    static final int MAX_IDS = 100;
    static final int MAX_FILTERS = 10;
    static final int MAX_FILTER_VALUES = 5;
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    /** How one filter name selects items; {@code valueFormat} is non-null for ID-valued filters. */
    record FilterRule<T>(TatIds valueFormat, BiPredicate<T, String> matches) {}

    /** What an action can be asked for: its IDs field and its filters. */
    static final class Catalog<T> {
        final String idsField;
        final TatIds idFormat;
        final Function<T, String> idOf;
        final Map<String, FilterRule<T>> filters = new LinkedHashMap<>();

        Catalog(String idsField, TatIds idFormat, Function<T, String> idOf) {
            this.idsField = idsField;
            this.idFormat = idFormat;
            this.idOf = idOf;
        }

        Catalog<T> filter(String name, TatIds valueFormat, BiPredicate<T, String> matches) {
            filters.put(name, new FilterRule<>(valueFormat, matches));
            return this;
        }

        Catalog<T> filter(String name, Function<T, String> property) {
            return filter(name, null, (item, value) -> value.equals(property.apply(item)));
        }
    }

    /** One page of results and how many matched in all (TotalCount). */
    record Page<T>(int totalCount, List<T> items) {}

    private record Filter(String name, List<String> values) {}

    private final Catalog<T> catalog;
    private final List<String> ids;
    private final List<Filter> filters;
    private final int limit;
    private final int offset;

    private DescribeQuery(Catalog<T> catalog, List<String> ids, List<Filter> filters, int limit, int offset) {
        this.catalog = catalog;
        this.ids = ids;
        this.filters = filters;
        this.limit = limit;
        this.offset = offset;
    }

    static <T> DescribeQuery<T> parse(ActionParams params, Catalog<T> catalog) {
        List<String> ids = params.strings(catalog.idsField).orElse(List.of());
        List<JsonNode> filterNodes = params.objects("Filters").orElse(List.of());
        if (!ids.isEmpty() && !filterNodes.isEmpty()) {
            throw new TatApiError("InvalidParameter.ConflictParameter",
                    "`" + catalog.idsField + "` and `Filters` cannot be given together.");
        }
        if (ids.size() > MAX_IDS) {
            throw new TatApiError("InvalidParameterValue",
                    "`" + catalog.idsField + "` has " + ids.size() + " IDs; at most " + MAX_IDS + " are allowed.");
        }
        for (String id : ids) {
            catalog.idFormat.requireWellFormed(catalog.idsField, id);
        }
        List<Filter> filters = parseFilters(filterNodes, catalog);
        int limit = (int) bounded(params, "Limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = (int) bounded(params, "Offset", 0, 0, Integer.MAX_VALUE);
        return new DescribeQuery<>(catalog, ids, filters, limit, offset);
    }

    private static <T> List<Filter> parseFilters(List<JsonNode> nodes, Catalog<T> catalog) {
        if (nodes.size() > MAX_FILTERS) {
            throw new TatApiError("LimitExceeded.FilterValueExceeded",
                    "`Filters` has " + nodes.size() + " filters; at most " + MAX_FILTERS + " are allowed.");
        }
        List<Filter> filters = new ArrayList<>();
        for (JsonNode node : nodes) {
            JsonNode name = node.get("Name");
            JsonNode values = node.get("Values");
            if (name == null || !name.isTextual() || values == null || !values.isArray() || values.isEmpty()) {
                throw new TatApiError("InvalidParameterValue.InvalidFilter",
                        "Each filter needs a string `Name` and a non-empty array `Values`: " + node);
            }
            FilterRule<T> rule = catalog.filters.get(name.textValue());
            if (rule == null) {
                throw new TatApiError("InvalidParameterValue.InvalidFilter", "The filter name `" + name.textValue()
                        + "` is not supported; use one of " + catalog.filters.keySet() + ".");
            }
            List<String> valueList = ActionParams.stringArray("Filters.Values", values);
            if (valueList.size() > MAX_FILTER_VALUES) {
                throw new TatApiError("LimitExceeded.FilterValueExceeded", "The filter `" + name.textValue()
                        + "` has " + valueList.size() + " values; at most " + MAX_FILTER_VALUES + " are allowed.");
            }
            if (rule.valueFormat() != null) {
                for (String value : valueList) {
                    rule.valueFormat().requireWellFormed("Filter `" + name.textValue() + "` value", value);
                }
            }
            filters.add(new Filter(name.textValue(), valueList));
        }
        return filters;
    }

    private static long bounded(ActionParams params, String field, long fallback, long min, long max) {
        long value = params.integer(field).orElse(fallback);
        if (value < min || value > max) {
            throw new TatApiError("InvalidParameterValue", "`" + field + "` is " + value + "; it must be "
                    + (max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max) + ".");
        }
        return value;
    }

    boolean matches(T item) {
        if (!ids.isEmpty() && !ids.contains(catalog.idOf.apply(item))) {
            return false;
        }
        for (Filter filter : filters) {
            BiPredicate<T, String> rule = catalog.filters.get(filter.name()).matches();
            if (filter.values().stream().noneMatch(value -> rule.test(item, value))) {
                return false;
            }
        }
        return true;
    }

    /** Selects the matching items, in the given order, and cuts out the requested page. */
    Page<T> page(List<T> all) {
        List<T> matching = new ArrayList<>();
        for (T item : all) {
            if (matches(item)) {
                matching.add(item);
            }
        }
        if (offset >= matching.size()) {
            return new Page<>(matching.size(), Collections.emptyList());
        }
        int end = (int) Math.min((long) offset + limit, matching.size());
        return new Page<>(matching.size(), List.copyOf(matching.subList(offset, end)));
    }
}
