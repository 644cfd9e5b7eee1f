package io.jenkins.plugins.tat;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.model.Items;
import hudson.util.Secret;
import io.jenkins.plugins.tat.credentials.TencentCloudCredentialsImpl;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The API key credential type: data binding as configuration as code uses it, and secrecy. */
@WithJenkins
class TencentCloudCredentialsTest {

    private static final String KEY = "credential-Secret-Key-MUST-NOT-LEAK";

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
    }

    private static TencentCloudCredentialsImpl key() {
        return new TencentCloudCredentialsImpl(CredentialsScope.GLOBAL, "tencent", "Deploy key", "AKIDabcdefgh12345678",
                Secret.fromString(KEY));
    }

    @Test
    void dataBindingRoundTripKeepsEveryField() throws Exception {
        DescribableModel<TencentCloudCredentialsImpl> model = DescribableModel.of(TencentCloudCredentialsImpl.class);
        TencentCloudCredentialsImpl before = key();

        UninstantiatedDescribable described = model.uninstantiate2(before);
        TencentCloudCredentialsImpl after = model.instantiate(described.toMap(), null);

        assertThat(described.getSymbol()).isEqualTo("tencentCloudApiKey");
        r.assertEqualDataBoundBeans(before, after);
        assertThat(after.getSecretKey().getPlainText()).isEqualTo(KEY);
    }

    @Test
    void theSecretKeyIsEncryptedOnDisk() {
        String xml = Items.XSTREAM2.toXML(key());

        assertThat(xml).doesNotContain(KEY).contains("AKIDabcdefgh12345678");
    }

    @Test
    void listsShowTheDescriptionAndAShortenedSecretId() {
        assertThat(CredentialsNameProvider.name(key())).isEqualTo("Deploy key (AKID…5678)");
    }

    @Test
    void theAddCredentialsDialogOffersTheTypeWithADescription() throws Exception {
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            String dialog = wc.goTo("manage/credentials/store/system/domain/_/dialog").asNormalizedText();

            assertThat(dialog).contains("Tencent Cloud API key (SecretId and SecretKey)")
                    .contains("For the Tencent Cloud TAT steps: an API key of a CAM user");
        }
    }

    @Test
    void theSecretIdIsTrimmed() {
        TencentCloudCredentialsImpl c = new TencentCloudCredentialsImpl(CredentialsScope.GLOBAL, "x", null, " AKIDabcdefgh \n",
                Secret.fromString(KEY));

        assertThat(c.getSecretId()).isEqualTo("AKIDabcdefgh");
    }
}
