package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.tat.client.http.ApiJson;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the Describe* requests share: resources by ID or by filters, one page at a time
 * (see {@link DescribeQuery} for the rules).
 */
public abstract sealed class DescribeRequest
        permits DescribeInvocationsRequest, DescribeInvocationTasksRequest, DescribeCommandsRequest,
                DescribeAutomationAgentStatusRequest {

    private final DescribeQuery query;

    DescribeRequest(DescribeQuery query) {
        this.query = query;
    }

    /** @return the IDs asked for; empty when filters are used */
    public List<String> ids() {
        return query.ids();
    }

    /** @return the filters */
    public List<Filter> filters() {
        return query.filters();
    }

    /** @return the page offset, from 0 */
    public long offset() {
        return query.offset();
    }

    /** @return the page size, 1 to 100 */
    public long limit() {
        return query.limit();
    }

    /** @return every broken rule; empty when the request may be sent */
    public abstract List<Violation> validate();

    List<Violation> validate(Predicate<String> idFormat, String idExample, String idErrorCode, Set<String> filterNames) {
        return query.validate(idFormat, idExample, idErrorCode, filterNames);
    }

    public ObjectNode toJson() {
        ObjectNode body = ApiJson.object();
        query.writeTo(body);
        return body;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + query + "]";
    }

    /**
     * Builds a Describe* request.
     *
     * @param <B> the concrete builder
     * @param <R> the request it builds
     */
    public abstract static class Builder<B extends Builder<B, R>, R extends DescribeRequest> {
        private final DescribeQuery.Parts parts;
        private final Function<DescribeQuery, R> factory;

        Builder(String idsField, Function<DescribeQuery, R> factory) {
            this.parts = new DescribeQuery.Parts(idsField);
            this.factory = factory;
        }

        abstract B self();

        B ids(List<String> ids) {
            parts.ids(ids);
            return self();
        }

        /**
         * @param filter a filter to add; filters cannot be combined with IDs
         * @return this builder
         */
        public B filter(Filter filter) {
            parts.filter(filter);
            return self();
        }

        /**
         * @param name the filter name
         * @param values its values (OR)
         * @return this builder
         */
        public B filter(String name, String... values) {
            return filter(Filter.of(name, values));
        }

        /**
         * @param offset the first item, from 0
         * @return this builder
         */
        public B offset(long offset) {
            parts.offset(offset);
            return self();
        }

        /**
         * @param limit the page size, 1 to 100; the API's default is 20
         * @return this builder
         */
        public B limit(long limit) {
            parts.limit(limit);
            return self();
        }

        /** @return the request; never fails, see {@link DescribeRequest#validate()} */
        public R build() {
            return factory.apply(parts.build());
        }
    }
}
