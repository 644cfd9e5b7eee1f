package io.jenkins.plugins.tat.client.targets;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.api.TatAction;
import io.jenkins.plugins.tat.client.http.ApiCaller;
import io.jenkins.plugins.tat.client.http.ApiJson;
import io.jenkins.plugins.tat.client.http.CallerSettings;
import io.jenkins.plugins.tat.client.http.MalformedAnswerException;
import io.jenkins.plugins.tat.client.http.RequestRateLimiter;
import io.jenkins.plugins.tat.client.rules.TatIds;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.List;
import java.util.function.Function;

/**
 * One product's listing action, sent the way TAT's calls go: a TAT client's settings (HTTP
 * client, key, region, timeouts, retries) with the product's service name and version, its
 * endpoint beside TAT's, and a rate limiter of its own per key and region, so that listing a fleet
 * takes no permit from TAT's calls and stays within the product's quota (20 a second, under CVM's
 * 40, Lighthouse's 100 and Auto Scaling's 40).
 */
final class ListingCall {

    private final ApiCaller caller;
    private final TatAction action;
    private final String permission;
    private final int maxValues;

    private ListingCall(ApiCaller caller, TatAction action, String permission, int maxValues) {
        this.caller = caller;
        this.action = action;
        this.permission = permission;
        this.maxValues = maxValues;
    }

    /**
     * @param settings a TAT client's builder
     * @param product the product's service name and version
     * @param action the listing action
     * @param permission the CAM permission it needs, e.g. {@code cvm:DescribeInstances}
     * @param maxValues the most values one filter may have
     * @param ownLimiter whether the product has a quota of its own (false for TAT's listing,
     *     which shares TAT's)
     */
    static ListingCall of(TatClient.Builder settings, ApiCaller.Product product, TatAction action, String permission,
            int maxValues, boolean ownLimiter) {
        CallerSettings own = settings.callerSettings().product(product);
        if (ownLimiter) {
            own.endpoint(ServiceEndpoints.beside(own.endpoint(), product.service()));
            if (own.credentials() != null && own.region() != null) { // else build() says what is missing
                own.rateLimiter(RequestRateLimiter.shared(product.service() + " " + own.credentials().keyId(),
                        own.region()));
            }
        }
        return new ListingCall(own.build(product.service() + " client configuration"), action, permission, maxValues);
    }

    /** @return the CAM permission the action needs */
    String permission() {
        return permission;
    }

    /** @return the action */
    TatAction action() {
        return action;
    }

    /**
     * Sends one page's request.
     *
     * @param setName the answer's list, e.g. {@code InstanceSet}
     * @param totalRequired whether TotalCount must be there (false where the docs describe it oddly)
     */
    <T> ListingPage<T> page(ListingRequest request, String setName, boolean totalRequired,
            Function<JsonNode, T> reader, Function<T, String> idOf) throws InterruptedException {
        List<Violation> violations = request.validate(maxValues);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(action.apiName() + " request", violations);
        }
        return caller.call(action, request.toJson(), null, (body, requestId) -> {
            long total = totalRequired ? ApiJson.count(body, "TotalCount")
                    : java.util.Objects.requireNonNullElse(ApiJson.number(body, "TotalCount"), -1L);
            List<T> items = totalRequired ? ApiJson.entries(body, setName, total, reader)
                    : ApiJson.list(body, setName, reader);
            for (T item : items) {
                if (!TatIds.isInstanceId(idOf.apply(item))) {
                    throw new MalformedAnswerException("an InstanceId in its " + setName + " is not of a documented form");
                }
            }
            return new ListingPage<>(total, items, requestId);
        });
    }
}
