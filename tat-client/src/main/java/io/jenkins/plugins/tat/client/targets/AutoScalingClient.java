package io.jenkins.plugins.tat.client.targets;

import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.TatTransportException;
import io.jenkins.plugins.tat.client.TencentCloudApiException;
import io.jenkins.plugins.tat.client.api.TatAction;
import io.jenkins.plugins.tat.client.http.ApiCaller;

/**
 * Lists the instances of Auto Scaling groups (service {@code as}, API 2018-04-19, action {@code DESCRIBE_AUTO_SCALING_INSTANCES} in {@link TatAction}; needs the
 * CAM permission {@code as:DescribeAutoScalingInstances}). Reached at https://as.tencentcloudapi.com beside TAT's ({@link ServiceEndpoints}),
 * signed, rate-limited, retried and checked as TAT's calls are (docs/dev/protocol.md §10).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AutoScalingClient {

    /** The service name in the TC3 credential scope. */
    public static final String SERVICE = "as";
    /** The API version sent as {@code X-TC-Version}. */
    public static final String API_VERSION = "2018-04-19";
    /** The CAM permission the listing needs. */
    public static final String PERMISSION = "as:DescribeAutoScalingInstances";
    /** The most values one filter may have. */
    public static final int MAX_FILTER_VALUES = 5;

    private final ListingCall call;

    private AutoScalingClient(ListingCall call) {
        this.call = call;
    }

    /**
     * @param settings a TAT client's builder: its key, region, HTTP client, timeouts and retries are used
     * @return the client
     * @throws InvalidRequestException if the settings lack a key or region, or are malformed
     */
    public static AutoScalingClient of(TatClient.Builder settings) {
        return new AutoScalingClient(ListingCall.of(settings, new ApiCaller.Product(SERVICE, API_VERSION), TatAction.DESCRIBE_AUTO_SCALING_INSTANCES,
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
    public ListingPage<ScalingGroupMember> describeAutoScalingInstances(ListingRequest request) throws InterruptedException {
        return call.page(request, "AutoScalingInstanceSet", true, InstanceJson::scaling, ScalingGroupMember::instanceId);
    }
}
