package io.jenkins.plugins.tat;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.security.ACL;
import hudson.util.Secret;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.tat.config.TatGlobalConfiguration;
import io.jenkins.plugins.tat.credentials.CamRole;
import io.jenkins.plugins.tat.credentials.TencentCloudCredentials;
import io.jenkins.plugins.tat.credentials.TencentCloudCredentialsImpl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Configuration as code: the YAML of docs/configuration.md and docs/credentials.md (the test
 * resources under {@code casc/} are those very blocks) configures the global settings and an API
 * key, and JCasC's export gives the same back, with the SecretKey in its encrypted form.
 */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    private static final String GLOBAL_SETTINGS = "casc/global-settings.yaml";
    private static final String CREDENTIALS = "casc/credentials.yaml";
    private static final String CREDENTIALS_WITH_ROLE = "casc/credentials-role.yaml";

    /** What {@code ${TENCENT_SECRET_KEY}} resolves to: JCasC reads system properties, then the environment. */
    private static final String SECRET_KEY_VARIABLE = "TENCENT_SECRET_KEY";
    private static final String SECRET_KEY = "casc-Secret-Key-MUST-NOT-LEAK";

    /** JCasC's form of a {@link Secret}: {@link Secret#getEncryptedValue()}, base64 in braces. */
    private static final Pattern ENCRYPTED = Pattern.compile("\\{[A-Za-z0-9+/=]+}");

    @BeforeAll
    static void provideTheSecretKey() {
        System.setProperty(SECRET_KEY_VARIABLE, SECRET_KEY);
    }

    @AfterAll
    static void forgetTheSecretKey() {
        System.clearProperty(SECRET_KEY_VARIABLE);
    }

    @Test
    @ConfiguredWithCode({GLOBAL_SETTINGS, CREDENTIALS})
    void theDocumentedYamlConfiguresTheSettingsAndTheApiKey(JenkinsConfiguredWithCodeRule j) {
        assertDocumentedConfiguration();
    }

    @Test
    @ConfiguredWithCode({GLOBAL_SETTINGS, CREDENTIALS})
    void theExportHasWhatWasImportedWithTheSecretKeyEncrypted(JenkinsConfiguredWithCodeRule j) throws Exception {
        String exported = export();
        Map<String, Object> root = parse(exported);

        assertThat(section(root, "unclassified", "tencentCloudTat"))
                .isEqualTo(section(parse(resource(GLOBAL_SETTINGS)), "unclassified", "tencentCloudTat"));

        Map<String, Object> key = apiKey(root);
        Map<String, Object> imported = apiKey(parse(resource(CREDENTIALS)));
        assertThat(key).containsOnlyKeys(imported.keySet());
        for (String field : List.of("scope", "id", "description", "secretId")) {
            assertThat(key.get(field)).as(field).isEqualTo(imported.get(field));
        }
        // JCasC exports a Secret encrypted (not masked as "****"): only this controller can read it.
        String secretKey = (String) key.get("secretKey");
        assertThat(secretKey).isNotEqualTo(SECRET_KEY).isNotEqualTo("****").matches(ENCRYPTED);
        assertThat(Secret.fromString(secretKey).getPlainText()).isEqualTo(SECRET_KEY);
        assertThat(exported).doesNotContain(SECRET_KEY);
    }

    @Test
    @ConfiguredWithCode({GLOBAL_SETTINGS, CREDENTIALS})
    void importingTheExportGivesTheSameConfiguration(JenkinsConfiguredWithCodeRule j, @TempDir Path dir) throws Exception {
        Path exported = Files.writeString(dir.resolve("jenkins.yaml"), export(), StandardCharsets.UTF_8);
        TatGlobalConfiguration.get().setEndpoint("https://tat.tencentcloudapi.com");
        TatGlobalConfiguration.get().setLanguage("");
        SystemCredentialsProvider.getInstance().getCredentials().clear();
        System.clearProperty(SECRET_KEY_VARIABLE); // the export holds the encrypted SecretKey itself
        try {
            ConfigurationAsCode.get().configure(exported.toUri().toString());
        } finally {
            System.setProperty(SECRET_KEY_VARIABLE, SECRET_KEY);
        }

        assertDocumentedConfiguration();
    }

    @Test
    void theDocsShowExactlyTheImportedYaml() throws IOException {
        assertThat(yamlBlocks(Path.of("docs", "configuration.md"))).contains(resource(GLOBAL_SETTINGS));
        assertThat(yamlBlocks(Path.of("docs", "credentials.md"))).contains(resource(CREDENTIALS), resource(CREDENTIALS_WITH_ROLE));
    }

    @Test
    @ConfiguredWithCode(CREDENTIALS_WITH_ROLE)
    void theDocumentedYamlOfAKeyThatAssumesARoleConfiguresTheRoleAndExportsIt(JenkinsConfiguredWithCodeRule j)
            throws Exception {
        TencentCloudCredentialsImpl key = (TencentCloudCredentialsImpl) CredentialsProvider.lookupCredentialsInItemGroup(
                TencentCloudCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of()).get(0);
        CamRole role = key.getAssumeRole();
        assertThat(role).isNotNull();
        assertThat(role.getRoleArn()).isEqualTo("qcs::cam::uin/100000000001:roleName/jenkins-deploy");
        assertThat(role.getRoleSessionName()).isEqualTo("tat-deploy");
        assertThat(role.getDurationSeconds()).isEqualTo(3600);
        assertThat(role.getExternalId()).isNull();

        Map<String, Object> exported = apiKey(parse(export()));
        assertThat(exported.get("assumeRole")).isEqualTo(apiKey(parse(resource(CREDENTIALS_WITH_ROLE))).get("assumeRole"));
    }

    private static void assertDocumentedConfiguration() {
        TatGlobalConfiguration settings = TatGlobalConfiguration.get();
        assertThat(settings.getEndpoint()).isEqualTo("https://tat.intl.tencentcloudapi.com");
        assertThat(settings.getLanguage()).isEqualTo("en-US");

        List<TencentCloudCredentials> keys = CredentialsProvider.lookupCredentialsInItemGroup(
                TencentCloudCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of());
        assertThat(keys).hasSize(1);
        TencentCloudCredentials key = keys.get(0);
        assertThat(key).isInstanceOf(TencentCloudCredentialsImpl.class);
        assertThat(key.getScope()).isEqualTo(CredentialsScope.GLOBAL);
        assertThat(key.getId()).isEqualTo("tencent-deploy");
        assertThat(key.getDescription()).isEqualTo("TAT deploy key");
        assertThat(key.getSecretId()).isEqualTo("AKID...");
        assertThat(key.getSecretKey()).isInstanceOf(Secret.class);
        assertThat(key.getSecretKey().getPlainText()).isEqualTo(SECRET_KEY);
    }

    private static String export() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConfigurationAsCode.get().export(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String yaml) {
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> root, String... path) {
        Map<String, Object> node = root;
        for (String name : path) {
            assertThat(node).as("YAML section %s", name).containsKey(name);
            node = (Map<String, Object>) node.get(name);
        }
        return node;
    }

    /** The one {@code tencentCloudApiKey} entry of the system store's domain credentials. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> apiKey(Map<String, Object> root) {
        List<Map<String, Object>> domains = (List<Map<String, Object>>) section(root, "credentials", "system")
                .get("domainCredentials");
        List<Map<String, Object>> keys = domains.stream()
                .flatMap(d -> ((List<Map<String, Object>>) d.get("credentials")).stream())
                .filter(c -> c.containsKey("tencentCloudApiKey"))
                .map(c -> (Map<String, Object>) c.get("tencentCloudApiKey"))
                .toList();
        assertThat(keys).hasSize(1);
        return keys.get(0);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ConfigurationAsCodeTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The fenced {@code yaml} blocks of a Markdown file, each with its final line break. */
    private static List<String> yamlBlocks(Path markdown) throws IOException {
        Matcher m = Pattern.compile("(?ms)^```yaml\\n(.*?)^```$").matcher(Files.readString(markdown, StandardCharsets.UTF_8));
        return m.results().map(r -> r.group(1)).toList();
    }
}
