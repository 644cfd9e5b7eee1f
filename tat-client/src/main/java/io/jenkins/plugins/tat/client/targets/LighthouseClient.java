package io.jenkins.plugins.tat.client.targets;

import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.TatTransportException;
import io.jenkins.plugins.tat.client.TencentCloudApiException;
import io.jenkins.plugins.tat.client.api.TatAction;
import io.jenkins.plugins.tat.client.http.ApiCaller;

/**
 * Lists Lighthouse instances (service {@code lighthouse}, API 2020-03-24, action {@code LIGHTHOUSE_DESCRIBE_INSTANCES} in {@link TatAction}; needs the
 * CAM permission {@code lighthouse:DescribeInstances}). Reached at https://lighthouse.tencentcloudapi.com beside TAT's ({@link ServiceEndpoints}),
 * signed, rate-limited, retried and checked as TAT's calls are (docs/dev/protocol.md §10).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LighthouseClient {

    /** The service name in the TC3 credential scope. */
    public static final String SERVICE = "lighthouse";
    /** The API version sent as {@code X-TC-Version}. */
    public static final String API_VERSION = "2020-03-24";
    /** The CAM permission the listing needs. */
    public static final String PERMISSION = "lighthouse:DescribeInstances";
    /** The most values one filter may have. */
    public static final int MAX_FILTER_VALUES = 100;

    private final ListingCall call;

    private LighthouseClient(ListingCall call) {
        this.call = call;
    }

    /**
     * @param settings a TAT client's builder: its key, region, HTTP client, timeouts and retries are used
     * @return the client
     * @throws InvalidRequestException if the settings lack a key or region, or are malformed
     */
    public static LighthouseClient of(TatClient.Builder settings) {
        return new LighthouseClient(ListingCall.of(settings, new ApiCaller.Product(SERVICE, API_VERSION), TatAction.LIGHTHOUSE_DESCRIBE_INSTANCES,
                PERMISSION, MAX_FILTER_VALUES, true));
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
    public ListingPage<ListedInstance> describeInstances(ListingRequest request) throws InterruptedException {
        return call.page(request, "InstanceSet", true, InstanceJson::lighthouse, ListedInstance::instanceId);
    }
}
