package io.jenkins.plugins.tat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.tat.client.Language;
import io.jenkins.plugins.tat.config.TatGlobalConfiguration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The global settings: defaults, the configuration form, and malformed values. */
@WithJenkins
class TatGlobalConfigurationTest {

    @Test
    void defaultsToTheChinaSiteAndTheControllersLanguage(JenkinsRule r) {
        TatGlobalConfiguration config = TatGlobalConfiguration.get();

        assertThat(config.getEndpoint()).isEqualTo("https://tat.tencentcloudapi.com");
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.US);
            assertThat(config.effectiveLanguage()).as("English, not the API's Chinese").isEqualTo(Language.EN_US);
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            assertThat(config.effectiveLanguage()).isEqualTo(Language.ZH_CN);
            config.setLanguage("en-US");
            assertThat(config.effectiveLanguage()).as("a choice wins").isEqualTo(Language.EN_US);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void theFormKeepsTheSettings(JenkinsRule r) throws Exception {
        TatGlobalConfiguration.get().setEndpoint("https://tat.intl.tencentcloudapi.com");
        TatGlobalConfiguration.get().setLanguage("en-US");

        r.configRoundtrip();

        assertThat(TatGlobalConfiguration.get().getEndpoint()).isEqualTo("https://tat.intl.tencentcloudapi.com");
        assertThat(TatGlobalConfiguration.get().effectiveLanguage()).isEqualTo(Language.EN_US);
    }

    @Test
    void aBlankEndpointMeansTheDefault(JenkinsRule r) {
        TatGlobalConfiguration.get().setEndpoint("  ");

        assertThat(TatGlobalConfiguration.get().getEndpoint()).isEqualTo("https://tat.tencentcloudapi.com");
    }

    @Test
    void aMalformedSavedEndpointIsReportedWhenUsed(JenkinsRule r) {
        TatGlobalConfiguration.get().setEndpoint("tat.tencentcloudapi.com/path?x");

        assertThatThrownBy(() -> TatGlobalConfiguration.get().endpointUri())
                .hasMessageContaining("is not an API endpoint").hasMessageContaining("Manage Jenkins");
    }
}
