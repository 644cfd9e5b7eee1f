package io.jenkins.plugins.tat.client.rules;

import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.text.Texts;
import io.jenkins.plugins.tat.client.text.UrlText;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * API endpoints: which URLs may serve as one, and the links to the Tencent Cloud console that
 * go with them.
 */
public final class Endpoints {

    private static final String RULE = "; expected https://host, e.g. " + TatClient.DEFAULT_ENDPOINT;

    private Endpoints() {}

    /**
     * Checks an endpoint: {@code http} or {@code https}, a host, an optional port, no path other
     * than {@code /}, no query, fragment or user info. Plain {@code http} is allowed for private
     * deployments and tests on loopback.
     *
     * @param endpoint the endpoint as typed, may be {@code null}
     * @return the violation, if any
     */
    public static Optional<Violation> check(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return Optional.of(new Violation("Endpoint", "is required" + RULE, "InvalidParameterValue"));
        }
        try {
            return check(new URI(endpoint.strip()));
        } catch (URISyntaxException e) {
            return Optional.of(invalid(UrlText.withoutUserInfo(endpoint)));
        }
    }

    /**
     * @param endpoint the endpoint
     * @return the violation, if any
     * @see #check(String)
     */
    public static Optional<Violation> check(URI endpoint) {
        if (endpoint == null) {
            return Optional.of(new Violation("Endpoint", "is required" + RULE, "InvalidParameterValue"));
        }
        if (endpoint.getRawUserInfo() != null) {
            // Not quoted: the user info may hold a password.
            return Optional.of(new Violation("Endpoint", "has user info (a name or password before '@'); an API endpoint"
                    + " has none, requests are signed with the API key" + RULE, "InvalidParameterValue"));
        }
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        String path = endpoint.getRawPath();
        boolean pathOk = path == null || path.isEmpty() || path.equals("/");
        if (!(scheme.equals("https") || scheme.equals("http")) || endpoint.getHost() == null || !pathOk
                || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            return Optional.of(invalid(endpoint.toString()));
        }
        return Optional.empty();
    }

    /**
     * The endpoint in the form requests are sent to: lower-case scheme, host, port, path {@code /}.
     *
     * @param endpoint a valid endpoint (see {@link #check(URI)})
     * @return the normalised URI
     * @throws IllegalArgumentException if the endpoint is not valid
     */
    public static URI normalise(URI endpoint) {
        check(endpoint).ifPresent(v -> {
            throw new IllegalArgumentException(v.toString());
        });
        try {
            return new URI(endpoint.getScheme().toLowerCase(Locale.ROOT), null, endpoint.getHost(), endpoint.getPort(), "/",
                    null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Endpoint: '" + Texts.shorten(endpoint.toString()) + "' is not a valid URI", e);
        }
    }

    /**
     * The page of the Tencent Cloud console where a person finds an invocation: the TAT console of
     * the international site for {@link TatClient#INTERNATIONAL_ENDPOINT}, of the China site
     * otherwise. The console's deep-link format for one invocation is not documented, so this is
     * the TAT console in the right region, where the invocation ID can be searched for.
     *
     * @param endpoint the API endpoint in use
     * @param region the region
     * @return the console URL
     */
    public static String consoleUrl(URI endpoint, String region) {
        String host = endpoint == null || endpoint.getHost() == null ? "" : endpoint.getHost();
        String console = host.endsWith(".intl.tencentcloudapi.com") || host.equals("tat.intl.tencentcloudapi.com")
                ? "https://console.tencentcloud.com/tat"
                : "https://console.cloud.tencent.com/tat";
        return Regions.check(region).isPresent() ? console : console + "?region=" + region;
    }

    private static Violation invalid(String endpoint) {
        return new Violation("Endpoint", "'" + Texts.shorten(endpoint) + "' is not an API endpoint" + RULE,
                "InvalidParameterValue");
    }
}
