package io.jenkins.plugins.tat.client.targets;

import io.jenkins.plugins.tat.client.rules.Endpoints;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The endpoint of another Tencent Cloud product beside the configured TAT endpoint: on Tencent
 * Cloud's API domain the host's {@code tat.} becomes the product's service name, so
 * {@code tat.tencentcloudapi.com} gives {@code cvm.tencentcloudapi.com} and the international
 * {@code tat.intl.tencentcloudapi.com} gives {@code cvm.intl.tencentcloudapi.com} (docs/dev/protocol.md
 * §10). Any other host (a private deployment, an emulator) is taken to serve every product: the
 * same endpoint, the credential scope alone naming the product.
 */
public final class ServiceEndpoints {

    private static final String DOMAIN = ".tencentcloudapi.com";

    private ServiceEndpoints() {}

    /**
     * @param tatEndpoint a valid TAT endpoint
     * @param service the product's service name, e.g. {@code cvm}, {@code lighthouse}, {@code as}
     * @return the product's endpoint
     */
    public static URI beside(URI tatEndpoint, String service) {
        URI tat = Endpoints.normalise(tatEndpoint);
        String host = tat.getHost().toLowerCase(Locale.ROOT);
        if (!host.startsWith("tat.") || !host.endsWith(DOMAIN)) {
            return tat;
        }
        try {
            return new URI(tat.getScheme(), null, service + "." + host.substring("tat.".length()), tat.getPort(), "/",
                    null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("no " + service + " endpoint beside " + tat, e);
        }
    }
}
