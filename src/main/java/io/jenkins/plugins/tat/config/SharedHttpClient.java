package io.jenkins.plugins.tat.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.jenkins.plugins.tat.client.TatClient;
import java.net.http.HttpClient;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The one JDK {@link HttpClient} that every TAT call of this controller uses (steps, resumed waits,
 * form checks), built through Jenkins' proxy settings and rebuilt when an administrator changes
 * them.
 *
 * <p><b>Why one.</b> Each JDK client starts a selector thread ({@code HttpClient-N-SelectorManager})
 * and keeps its own connection pool; one per step, resume and "Check command" click cost a thread
 * each (until garbage collection) and a new connection and TLS handshake every time. A client is
 * immutable and thread-safe, made to be shared ({@link HttpClient} Javadoc).
 *
 * <p><b>When a new one.</b> {@link ProxyConfiguration#newHttpClientBuilder()} bakes the proxy's host,
 * port and no-proxy hosts into the client's selector and gives it the proxy's authenticator, so the
 * client is kept while those values are equal ({@link ProxySettings}) and rebuilt when one changed.
 * They are compared by value on every call: saving the proxy page puts a new object into
 * {@code Jenkins.get().proxy}, and a script or JCasC may set one without saving. The connect
 * timeout is Jenkins' too ({@code hudson.ProxyConfiguration.DEFAULT_CONNECT_TIMEOUT_MILLIS}), a
 * constant read once when core's class loads, so it is the same for every client of a JVM and has
 * no place in the comparison.
 *
 * <p><b>The old one</b> is dropped, not closed: {@code HttpClient} is {@link AutoCloseable} only from
 * Java 21, and the plugin runs on Java 17; and a build still waiting keeps the client its wait
 * began with. Once nothing refers to it and its exchanges are over, the JDK ends its selector
 * thread.
 *
 * <p><b>No worker threads.</b> The client does its own work on its selector thread
 * ({@link TatClient#exchangeExecutor()}) instead of handing each step of an exchange to a pool of
 * {@code HttpClient-N-Worker} threads: fewer threads, and calls that stay fast while the
 * controller is busy.
 */
@Restricted(NoExternalUse.class)
public final class SharedHttpClient {

    private static final Logger LOGGER = Logger.getLogger(SharedHttpClient.class.getName());

    /** Guarded by the class. */
    private static ProxySettings settings;
    /** Guarded by the class; built for {@link #settings}. */
    private static HttpClient client;
    /** Guarded by the class; how many clients were built, for tests. */
    private static long built;

    private SharedHttpClient() {}

    /**
     * @return the client for Jenkins' current proxy settings, built now if they changed since the
     *     last call
     */
    @NonNull
    public static synchronized HttpClient get() {
        ProxySettings now = ProxySettings.of(currentProxy());
        if (client == null || !now.equals(settings)) {
            // If the proxy changed again between the line above and the builder reading it, the
            // client matches the newer settings and the next call builds it once more: harmless.
            client = ProxyConfiguration.newHttpClientBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(TatClient.exchangeExecutor()) // no thread hand-offs in a call: see there
                    .build();
            settings = now;
            built++;
            LOGGER.log(Level.FINE, "New HttpClient for TAT calls: {0}", now);
        }
        return client;
    }

    /**
     * @return how many clients {@link #get()} built in this JVM; for the plugin's tests
     */
    public static synchronized long clientsBuilt() {
        return built;
    }

    @CheckForNull
    private static ProxyConfiguration currentProxy() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        return jenkins == null ? null : jenkins.getProxy();
    }

    /**
     * What of a {@link ProxyConfiguration} goes into a client. The password stays a {@link Secret}
     * (compared by {@link Secret#equals}, never turned into plain text here), and
     * {@link #toString()} leaves it and the user name out, so that neither reaches a log.
     *
     * @param host the proxy host, or {@code null} for none
     * @param port the proxy port
     * @param noProxyHosts the hosts reached without the proxy, as typed
     * @param user the proxy user name, or {@code null}
     * @param password the proxy password, or {@code null}
     */
    record ProxySettings(String host, int port, String noProxyHosts, String user, Secret password) {

        static final ProxySettings NONE = new ProxySettings(null, 0, null, null, null);

        static ProxySettings of(@CheckForNull ProxyConfiguration proxy) {
            if (proxy == null) {
                return NONE;
            }
            return new ProxySettings(proxy.getName(), proxy.getPort(), proxy.getNoProxyHost(), proxy.getUserName(),
                    proxy.getSecretPassword());
        }

        @Override
        public String toString() {
            return host == null ? "no proxy"
                    : "proxy " + host + ":" + port + (user == null ? "" : " with a user")
                    + (noProxyHosts == null ? "" : ", not for " + noProxyHosts);
        }
    }
}
