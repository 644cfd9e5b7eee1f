package io.jenkins.plugins.tat;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.model.Items;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.tat.credentials.CamRole;
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

    private static TencentCloudCredentialsImpl keyWithRole() {
        TencentCloudCredentialsImpl key = key();
        CamRole role = new CamRole("qcs::cam::uin/100000000001:roleName/jenkins-deploy");
        role.setRoleSessionName("nightly");
        role.setDurationSeconds(3600);
        role.setExternalId("team-42");
        key.setAssumeRole(role);
        return key;
    }

    @Test
    void dataBindingRoundTripKeepsTheRole() throws Exception {
        DescribableModel<TencentCloudCredentialsImpl> model = DescribableModel.of(TencentCloudCredentialsImpl.class);
        TencentCloudCredentialsImpl before = keyWithRole();

        UninstantiatedDescribable described = model.uninstantiate2(before);
        TencentCloudCredentialsImpl after = model.instantiate(described.toMap(), null);

        r.assertEqualDataBoundBeans(before, after);
        assertThat(after.getAssumeRole()).isEqualTo(before.getAssumeRole());
        assertThat(model.uninstantiate2(key()).getArguments()).doesNotContainKey("assumeRole");
    }

    @Test
    void theRoleIsStoredInTheClearBesideTheEncryptedSecretKey() {
        String xml = Items.XSTREAM2.toXML(keyWithRole());

        assertThat(xml).doesNotContain(KEY).contains("qcs::cam::uin/100000000001:roleName/jenkins-deploy").contains("nightly");
    }

    @Test
    void aRoleWithoutAnArnIsNoRole() {
        TencentCloudCredentialsImpl key = key();
        key.setAssumeRole(new CamRole(" "));

        assertThat(key.getAssumeRole()).isNull();
    }

    @Test
    void theRoleFieldChecksGiveTheRuleOfEachField() {
        CamRole.DescriptorImpl d = r.jenkins.getDescriptorByType(CamRole.DescriptorImpl.class);

        assertThat(d.doCheckRoleArn("qcs::cam::uin/1:roleName/ok").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckRoleArn("roleName/x").renderHtml()).contains("InvalidParameter.ParamError");
        assertThat(d.doCheckRoleArn("").renderHtml()).contains("MissingParameter");
        assertThat(d.doCheckRoleSessionName("").kind).isEqualTo(FormValidation.Kind.OK); // jenkins by default
        assertThat(d.doCheckRoleSessionName("a b").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckDurationSeconds("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckDurationSeconds("43201").renderHtml()).contains("InvalidParameter.OverTimeError");
        assertThat(d.doCheckDurationSeconds("1h").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckExternalId("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckExternalId("a").kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void theAddCredentialsDialogOffersTheRoleSection() throws Exception {
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            wc.getOptions().setJavaScriptEnabled(false); // the dialog is a fragment for a page's scripts
            String form = wc.goTo("manage/credentials/store/system/domain/_/dialog2?kind="
                    + TencentCloudCredentialsImpl.class.getName()).getWebResponse().getContentAsString();

            assertThat(form).contains("Assume a CAM role").contains("Role ARN").contains("External ID");
        }
    }
}
