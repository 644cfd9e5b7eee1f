package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.COMMAND;
import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.CVM_1;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.ProxyConfiguration;
import hudson.model.FreeStyleProject;
import io.jenkins.plugins.tat.config.SharedHttpClient;
import io.jenkins.plugins.tat.invoke.TatInvokeBuilder;
import java.net.URL;
import java.net.http.HttpClient;
import java.util.List;
import java.util.regex.Pattern;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * One JDK HttpClient per proxy configuration, shared by steps, waits and form checks, and a new one
 * when the administrator changes the proxy.
 */
@WithJenkins
class TatHttpClientTest {

    /** The name the JDK gives each HttpClient's selector thread (jdk.internal.net.http.HttpClientImpl). */
    private static final Pattern SELECTOR_THREAD = Pattern.compile("HttpClient-\\d+-SelectorManager");
    /** A proxy that does not exist; the emulator on 127.0.0.1 is exempt from it, so calls still work. */
    private static final String PROXY = "proxy.invalid";
    private static final String EXEMPT = "127.0.0.1";

    private JenkinsRule r;
    private TatFixture tat;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        tat = TatFixture.start(r);
    }

    @AfterEach
    void tearDown() {
        tat.close();
    }

    private static String invoke() {
        return "tatInvoke credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION + "', commandId: '" + COMMAND
                + "', instanceIds: '" + CVM_1 + "'\n";
    }

    @Test
    void buildsAndFormChecksShareOneClient() throws Exception {
        r.buildAndAssertSuccess(TatFixture.pipeline(r, "def id = " + invoke()
                + "tatWait credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION + "', invocationId: id"));
        HttpClient shared = SharedHttpClient.get();
        long built = SharedHttpClient.clientsBuilt();

        FreeStyleProject freestyle = r.createFreeStyleProject("freestyle");
        TatInvokeBuilder builder = new TatInvokeBuilder(CREDENTIALS_ID, REGION, COMMAND, CVM_1);
        builder.setWaitForCompletion(true);
        freestyle.getBuildersList().add(builder);
        r.buildAndAssertSuccess(freestyle);
        String check = checkCommand();

        assertThat(check).contains("deploy");
        assertThat(tat.emu.executed("InvokeCommand")).isEqualTo(2);
        // one for the button, one pre-flight check of each build's parameters
        assertThat(tat.emu.executed("DescribeCommands")).isEqualTo(1 + 2);
        assertThat(SharedHttpClient.get()).isSameAs(shared);
        assertThat(SharedHttpClient.clientsBuilt()).as("clients built after the first build").isEqualTo(built);
    }

    @Test
    void aChangedProxyConfigurationGivesANewClient() throws Exception {
        HttpClient direct = SharedHttpClient.get();
        assertThat(direct.proxy()).isEmpty();

        r.jenkins.setProxy(new ProxyConfiguration(PROXY, 3128, null, null, EXEMPT));
        r.buildAndAssertSuccess(TatFixture.pipeline(r, invoke()));
        HttpClient proxied = SharedHttpClient.get();

        assertThat(proxied).isNotSameAs(direct);
        assertThat(proxied.proxy()).isPresent();
        // The proxy page saved again with the same values puts a new, equal object in place.
        r.jenkins.setProxy(new ProxyConfiguration(PROXY, 3128, null, null, EXEMPT));
        assertThat(SharedHttpClient.get()).as("equal settings").isSameAs(proxied);
    }

    @Test
    void eachProxySettingTheClientUsesMakesANewOne() {
        HttpClient previous = SharedHttpClient.get();
        for (ProxyConfiguration proxy : List.of(
                new ProxyConfiguration(PROXY, 3128, null, null, EXEMPT),
                new ProxyConfiguration(PROXY, 3129, null, null, EXEMPT),
                new ProxyConfiguration("other.invalid", 3129, null, null, EXEMPT),
                new ProxyConfiguration("other.invalid", 3129, null, null, EXEMPT + ",localhost"),
                new ProxyConfiguration("other.invalid", 3129, "jenkins", "first-password", EXEMPT + ",localhost"),
                new ProxyConfiguration("other.invalid", 3129, "jenkins", "second-password", EXEMPT + ",localhost"),
                new ProxyConfiguration("other.invalid", 3129, "tat", "second-password", EXEMPT + ",localhost"))) {
            r.jenkins.setProxy(proxy);
            HttpClient next = SharedHttpClient.get();
            assertThat(next).as("after setting %s:%d %s", proxy.getName(), proxy.getPort(), proxy.getUserName())
                    .isNotSameAs(previous);
            previous = next;
        }
        r.jenkins.setProxy(null);
        assertThat(SharedHttpClient.get()).isNotSameAs(previous).satisfies(c -> assertThat(c.proxy()).isEmpty());
    }

    @Test
    void twentyInvocationsAddNoSelectorThread() throws Exception {
        r.buildAndAssertSuccess(TatFixture.pipeline(r, invoke())); // the shared client, and whatever else starts lazily
        long before = selectorThreads();
        long built = SharedHttpClient.clientsBuilt();

        WorkflowJob p = TatFixture.pipeline(r, "for (int i = 0; i < 20; i++) {\n" + invoke() + "}");
        r.buildAndAssertSuccess(p);
        long after = selectorThreads();

        System.out.println("HttpClient selector threads: " + before + " before, " + after + " after 20 invocations");
        assertThat(tat.emu.executed("InvokeCommand")).isEqualTo(21);
        assertThat(SharedHttpClient.clientsBuilt()).as("clients built for 20 invocations").isEqualTo(built);
        assertThat(after).as("selector threads after 20 invocations").isLessThanOrEqualTo(before);
    }

    /** "Check command" as the form's button sends it: a POST with a crumb. */
    private String checkCommand() throws Exception {
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            URL url = new URL(r.getURL(), "job/freestyle/descriptorByName/" + TatInvokeBuilder.class.getName()
                    + "/verifyCommand?credentialsId=" + CREDENTIALS_ID + "&region=" + REGION + "&commandId=" + COMMAND);
            return wc.getPage(wc.addCrumb(new WebRequest(url, HttpMethod.POST))).getWebResponse().getContentAsString();
        }
    }

    private static long selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && SELECTOR_THREAD.matcher(t.getName()).matches()).count();
    }
}
