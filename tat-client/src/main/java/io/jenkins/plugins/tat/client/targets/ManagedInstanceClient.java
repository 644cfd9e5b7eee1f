package io.jenkins.plugins.tat.client.targets;

import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.TatTransportException;
import io.jenkins.plugins.tat.client.TencentCloudApiException;
import io.jenkins.plugins.tat.client.api.TatAction;
import io.jenkins.plugins.tat.client.http.ApiCaller;

/**
 * Lists TAT managed (register) instances (service {@code tat}, API 2020-10-28, action {@code DESCRIBE_REGISTER_INSTANCES} in {@link TatAction}; needs the
 * CAM permission {@code tat:DescribeRegisterInstances}). Reached at TAT's own endpoint, under TAT's rate limit,
 * signed, rate-limited, retried and checked as TAT's calls are (docs/dev/protocol.md §10).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ManagedInstanceClient {

    /** The service name in the TC3 credential scope. */
    public static final String SERVICE = "tat";
    /** The API version sent as {@code X-TC-Version}. */
    public static final String API_VERSION = "2020-10-28";
    /** The CAM permission the listing needs. */
    public static final String PERMISSION = "tat:DescribeRegisterInstances";
    /** The most values one filter may have. */
    public static final int MAX_FILTER_VALUES = 5;

    private final ListingCall call;

    private ManagedInstanceClient(ListingCall call) {
        this.call = call;
    }

    /**
     * @param settings a TAT client's builder: its key, region, HTTP client, timeouts and retries are used
     * @return the client
     * @throws InvalidRequestException if the settings lack a key or region, or are malformed
     */
    public static ManagedInstanceClient of(TatClient.Builder settings) {
        return new ManagedInstanceClient(ListingCall.of(settings, new ApiCaller.Product(SERVICE, API_VERSION), TatAction.DESCRIBE_REGISTER_INSTANCES,
                PERMISSION, MAX_FILTER_VALUES, false));
    }

    /**
     * Lists one page.
     *
     * @param request by IDs or filters, one page
     * @return the page
     * @throws InvalidRequestException if the request breaks a rule (nothing was sent)
     * @throws TencentCloudApiException if the API refused it
     * @throws TatTransportException if no usable answer came after the retries allowed
     * @throws InterruptedException if interrupted
     */
    public ListingPage<ListedInstance> describeRegisterInstances(ListingRequest request) throws InterruptedException {
        return call.page(request, "RegisterInstanceSet", false, InstanceJson::managed, ListedInstance::instanceId);
    }
}
