package io.jenkins.plugins.tat.client.targets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.tat.client.api.Filter;
import io.jenkins.plugins.tat.client.http.ApiJson;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a product's instance listing: by IDs or by filters (never both), with Offset and
 * Limit. The same shape for CVM and Lighthouse DescribeInstances, Auto Scaling
 * DescribeAutoScalingInstances and TAT DescribeRegisterInstances (docs/dev/protocol.md §10).
 *
 * @param instanceIds at most 100 IDs, or none
 * @param filters at most 10 filters, or none
 * @param offset from 0
 * @param limit 1 to 100
 */
public record ListingRequest(List<String> instanceIds, List<Filter> filters, long offset, long limit) {

    /** The most items one page has, and the most IDs one request takes. */
    public static final int MAX_PAGE = 100;
    /** The most filters one request takes. */
    public static final int MAX_FILTERS = 10;

    /** Copies the lists. */
    public ListingRequest {
        instanceIds = List.copyOf(instanceIds);
        filters = List.copyOf(filters);
    }

    /**
     * @param filters the filters
     * @param offset from 0
     * @return a full page (100) of what the filters select, from {@code offset}
     */
    public static ListingRequest byFilters(List<Filter> filters, long offset) {
        return new ListingRequest(List.of(), filters, offset, MAX_PAGE);
    }

    /**
     * @param instanceIds at most 100 IDs
     * @return those instances, one page
     */
    public static ListingRequest byIds(List<String> instanceIds) {
        return new ListingRequest(instanceIds, List.of(), 0, MAX_PAGE);
    }

    /**
     * @param maxValues the most values one filter may have for the product (5, or 100 for Lighthouse)
     * @return the rules this request breaks, none if it may be sent
     */
    public List<Violation> validate(int maxValues) {
        List<Violation> violations = new ArrayList<>();
        if (!instanceIds.isEmpty() && !filters.isEmpty()) {
            violations.add(new Violation("InstanceIds", "cannot be combined with Filters", "InvalidParameter"));
        }
        if (instanceIds.size() > MAX_PAGE) {
            violations.add(new Violation("InstanceIds", "has " + instanceIds.size() + " IDs; at most " + MAX_PAGE,
                    "InvalidParameterValue.LimitExceeded"));
        }
        if (filters.size() > MAX_FILTERS) {
            violations.add(new Violation("Filters", "has " + filters.size() + " filters; at most " + MAX_FILTERS,
                    "InvalidParameterValue.LimitExceeded"));
        }
        for (int i = 0; i < filters.size(); i++) {
            int values = filters.get(i).values().size();
            if (values < 1 || values > maxValues) {
                violations.add(new Violation("Filters[" + i + "].Values", "has " + values + " values; 1 to " + maxValues
                        + " are allowed", "InvalidFilterValue.LimitExceeded"));
            }
        }
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            violations.add(new Violation("Limit", "Offset must be 0 or more and Limit 1 to " + MAX_PAGE,
                    "InvalidParameterValue"));
        }
        return violations;
    }

    /** @return the request's JSON body */
    public ObjectNode toJson() {
        ObjectNode body = ApiJson.object();
        if (!instanceIds.isEmpty()) {
            ArrayNode ids = body.putArray("InstanceIds");
            instanceIds.forEach(ids::add);
        }
        if (!filters.isEmpty()) {
            ArrayNode list = body.putArray("Filters");
            for (Filter f : filters) {
                ObjectNode node = list.addObject().put("Name", f.name());
                ArrayNode values = node.putArray("Values");
                f.values().forEach(values::add);
            }
        }
        body.put("Offset", offset);
        body.put("Limit", limit);
        return body;
    }
}
