package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.SECRET_ID;
import static io.jenkins.plugins.tat.TatFixture.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.tasks.Shell;
import io.jenkins.plugins.tat.binding.TencentCloudApiKeyBinding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.jenkinsci.plugins.credentialsbinding.impl.SecretBuildWrapper;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The {@code tencentCloudApiKey} binding of the credentials-binding plugin, in {@code withCredentials}
 * and in a freestyle job's "Use secret text(s) or file(s)".
 */
@WithJenkins
class TencentCloudApiKeyBindingTest {

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

    @Test
    void withCredentialsSetsTheDefaultVariablesMasked() throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(TatFixture.pipeline(r,
                "withCredentials([tencentCloudApiKey(credentialsId: '" + CREDENTIALS_ID + "')]) {\n"
                        + "  echo \"id=${env.TENCENTCLOUD_SECRET_ID} key=${env.TENCENTCLOUD_SECRET_KEY}"
                        + " token=${env.TENCENTCLOUD_SESSION_TOKEN}\"\n"
                        + "  node { sh 'printf %s \"$TENCENTCLOUD_SECRET_ID:$TENCENTCLOUD_SECRET_KEY\" | sha256sum' }\n"
                        + "}\n"
                        + "echo \"after: ${env.TENCENTCLOUD_SECRET_KEY}\""));

        r.assertLogContains("id=**** key=**** token=null", b);
        r.assertLogContains(sha256(SECRET_ID + ":" + SECRET_KEY), b);
        r.assertLogContains("after: null", b);
        r.assertLogNotContains(SECRET_KEY, b);
        assertThat(CredentialsProvider.getFingerprintOf(tat.credentials)).isNotNull();
    }

    @Test
    void theVariablesCanBeNamed() throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(TatFixture.pipeline(r,
                "withCredentials([tencentCloudApiKey(credentialsId: '" + CREDENTIALS_ID + "', secretIdVariable: 'SID',"
                        + " secretKeyVariable: 'SKEY', sessionTokenVariable: 'TOKEN')]) {\n"
                        + "  echo \"sid=${env.SID} length=${env.SKEY.length()} default=${env.TENCENTCLOUD_SECRET_KEY}\"\n"
                        + "}"));

        r.assertLogContains("sid=**** length=" + SECRET_KEY.length() + " default=null", b);
        r.assertLogNotContains(SECRET_KEY, b);
    }

    @Test
    void anUnknownCredentialFailsTheBlock() throws Exception {
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, TatFixture.pipeline(r,
                "withCredentials([tencentCloudApiKey(credentialsId: 'nope')]) { echo 'body ran' }"));

        r.assertLogContains("nope", b);
        r.assertLogNotContains("body ran", b);
    }

    @Test
    void aFreestyleBuildGetsTheVariablesMasked() throws Exception {
        FreeStyleProject p = r.createFreeStyleProject();
        p.getBuildWrappersList().add(new SecretBuildWrapper(List.of(new TencentCloudApiKeyBinding(CREDENTIALS_ID))));
        p.getBuildersList().add(new Shell("printf %s \"$TENCENTCLOUD_SECRET_ID:$TENCENTCLOUD_SECRET_KEY\" | sha256sum\n"
                + "echo \"key=$TENCENTCLOUD_SECRET_KEY\""));

        FreeStyleBuild b = r.buildAndAssertSuccess(p);

        r.assertLogContains(sha256(SECRET_ID + ":" + SECRET_KEY), b);
        r.assertLogContains("key=****", b);
        r.assertLogNotContains(SECRET_KEY, b);
        assertThat(TatFixture.read(b.getRootDir().toPath().resolve("build.xml"))).doesNotContain(SECRET_KEY);
    }

    @Test
    void theFreestyleFormKeepsTheBinding() throws Exception {
        FreeStyleProject p = r.createFreeStyleProject();
        TencentCloudApiKeyBinding binding = new TencentCloudApiKeyBinding(CREDENTIALS_ID);
        binding.setSecretKeyVariable("SKEY");
        p.getBuildWrappersList().add(new SecretBuildWrapper(List.of(binding)));

        r.configRoundtrip(p);

        SecretBuildWrapper after = p.getBuildWrappersList().get(SecretBuildWrapper.class);
        r.assertEqualDataBoundBeans(binding, after.getBindings().get(0));
    }

    @Test
    void theBindingsSymbolIsTencentCloudApiKeyAndDefaultsAreLeftOut() throws Exception {
        TencentCloudApiKeyBinding binding = new TencentCloudApiKeyBinding(CREDENTIALS_ID);
        binding.setSessionTokenVariable("TENCENTCLOUD_TOKEN");

        UninstantiatedDescribable described = DescribableModel.of(TencentCloudApiKeyBinding.class).uninstantiate2(binding);

        assertThat(described.getSymbol()).isEqualTo("tencentCloudApiKey");
        assertThat(described.getArguments()).containsOnlyKeys("credentialsId", "sessionTokenVariable");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
