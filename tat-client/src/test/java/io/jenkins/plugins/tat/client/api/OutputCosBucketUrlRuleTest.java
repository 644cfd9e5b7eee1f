package io.jenkins.plugins.tat.client.api;

import static io.jenkins.plugins.tat.client.api.ValidRequests.valid;
import static io.jenkins.plugins.tat.client.api.ValidRequests.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.tat.client.rules.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OutputCosBucketUrl rules of InvokeCommand, through {@link InvokeCommandRequest#validate()}. */
class OutputCosBucketUrlRuleTest {

    @Test
    void acceptsAnHttpsUrl() {
        assertThat(violations(valid().outputCosBucketUrl("https://bucket-1250000000.cos.ap-beijing.myqcloud.com"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com",
        "https://my-logs-2-1250000000.cos.na-siliconvalley.myqcloud.com",
        "https://bucket-1250000000.cos.ap-shanghai-fsi.myqcloud.com", "https://bucket-1250000000.cos.ap-beijing-1.myqcloud.com",
        "https://bucket-1250000000.cos.accelerate.myqcloud.com", "https://0logs-1250000000.cos.ap-hongkong.myqcloud.com"})
    void acceptsEveryDocumentedBucketDomain(String url) {
        assertThat(violations(valid().outputCosBucketUrl(url))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://bucket-1250000000.cos.ap-beijing.myqcloud.com", "bucket-1250000000", "https://",
        "https:///path", "ftp://host", "https://host with space", "", "HTTPS://bucket-1250000000.cos.ap-beijing.myqcloud.com",
        "//bucket-1250000000.cos.ap-beijing.myqcloud.com"})
    void refusesAnythingElse(String url) {
        assertRefused(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user:password@bucket-1250000000.cos.ap-beijing.myqcloud.com",
        "https://user@bucket-1250000000.cos.ap-beijing.myqcloud.com", "https://:password@bucket-1250000000.cos.ap-beijing.myqcloud.com",
        "https://u:p/w@bucket-1250000000.cos.ap-beijing.myqcloud.com", "http://user:password@example.com"})
    void refusesUserInfo(String url) {
        assertRefused(url);
    }

    @Test
    void neverQuotesUserInfo() {
        Violation v = violations(valid().outputCosBucketUrl("https://admin:s3cr3t-pw@bucket-1250000000.cos.ap-beijing.myqcloud.com"))
                .get(0);

        assertThat(v.message()).doesNotContain("s3cr3t-pw").doesNotContain("admin").contains("user info");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999", "0", "22", "443", "8080", ""})
    void refusesAnExplicitPort(String port) {
        assertRefused("https://bucket-1250000000.cos.ap-beijing.myqcloud.com:" + port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?acl", "?", "/?x=1", "#logs", "#", "/#x"})
    void refusesAQueryOrAFragment(String tail) {
        assertRefused("https://bucket-1250000000.cos.ap-beijing.myqcloud.com" + tail);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1", "https://169.254.0.23", "https://127.0.0.1:443", "https://[::1]",
        "https://[fd00::1]:443", "https://10.0.0.1/"})
    void refusesIpLiterals(String url) {
        assertRefused(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/logs", "/logs/", "//", "\\logs"})
    void refusesAPathEvenATrailingSlash(String path) {
        assertRefused("https://bucket-1250000000.cos.ap-beijing.myqcloud.com" + path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com", "https://bucket-1250000000.cos.ap-beijing.myqcloud.com.example.com",
        "https://example.com.bucket-1250000000.cos.ap-beijing.myqcloud.com", "https://bucket.cos.ap-beijing.myqcloud.com",
        "https://bucket-1250000000.file.myqcloud.com", "https://bucket-1250000000.cos-website.ap-beijing.myqcloud.com",
        "https://bucket-1250000000.cos.ap-beijing.tencentcos.cn", "https://cos.ap-beijing.myqcloud.com",
        "https://Bucket-1250000000.cos.ap-beijing.myqcloud.com", "https://-bucket-1250000000.cos.ap-beijing.myqcloud.com",
        "https://bucket_1-1250000000.cos.ap-beijing.myqcloud.com", "https://bucket-1250000000.cos.ap-beijing.myqcloud.com.",
        "https://bucket-1250000000.cos..myqcloud.com", "https://localhost"})
    void refusesHostsThatAreNotCosBuckets(String url) {
        assertRefused(url);
    }

    @Test
    void refusesABucketLabelLongerThanDnsAllows() {
        assertRefused("https://" + "b".repeat(53) + "-1250000000.cos.ap-beijing.myqcloud.com");
        assertThat(violations(valid().outputCosBucketUrl("https://" + "b".repeat(52) + "-1250000000.cos.ap-beijing.myqcloud.com")))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://bucket-1250000000.cos.ap-beijing.myqcloud.com\u200b",
        "https://bucket-1250000000.cos.ap-beijing\u202e.myqcloud.com", "https://bucket-1250000000.cos.ap-beijing.myqcloud.com\n",
        " https://bucket-1250000000.cos.ap-beijing.myqcloud.com", "https://bucket-1250000000.cos.ap-beijing.myqcloud.com\u00a0"})
    void refusesInvisibleCharactersAndSpaces(String url) {
        assertRefused(url);
    }

    @Test
    void quotesTheUrlWithInvisibleCharactersWrittenOut() {
        Violation v = violations(valid().outputCosBucketUrl("https://bucket-1250000000.cos.ap-beijing\u202e.myqcloud.com")).get(0);

        assertThat(v.message()).contains("ap-beijing\\u202e.myqcloud.com").doesNotContain("\u202e");
    }

    @Test
    void toStringHidesUserInfo() {
        String text = valid().outputCosBucketUrl("https://admin:s3cr3t-pw@bucket-1250000000.cos.ap-beijing.myqcloud.com")
                .build().toString();

        assertThat(text).doesNotContain("s3cr3t-pw").contains("https://***@bucket-1250000000");
    }

    private static void assertRefused(String url) {
        assertThat(violations(valid().outputCosBucketUrl(url)))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("OutputCOSBucketUrl", "InvalidParameterValue.InvalidOutputCOSBucketUrl"));
    }
}
