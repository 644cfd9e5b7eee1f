package io.jenkins.plugins.tat.client.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.tat.client.http.ApiJson;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of AssumeRole's fields (docs/dev/protocol.md §9), checked before anything is sent. */
class AssumeRoleRequestTest {

    private static final String ROLE = "qcs::cam::uin/100000000001:roleName/jenkins-deploy";

    private static List<Violation> check(AssumeRoleRequest.Builder request) {
        return request.build().validate();
    }

    private static String codeOf(AssumeRoleRequest.Builder request, String field) {
        return check(request).stream().filter(v -> v.field().equals(field)).map(Violation::errorCode).findFirst()
                .orElse("none");
    }

    @ParameterizedTest
    @ValueSource(strings = {ROLE, "qcs::cam::uin/100000000001:role/4611686018427397919",
            "qcs::cam::uin/1:role/tencentcloudServiceRole/4611686018427397919",
            "qcs::cam::uin/1:role/tencentcloudServiceRoleName/TAT_QCSRole", "qcs::cam::uin/1:roleName/a+b=c,d.e@f_g-h"})
    void roleArnsOfEveryDocumentedFormPass(String arn) {
        assertThat(check(AssumeRoleRequest.builder(arn, "jenkins"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jenkins-deploy", "qcs::cam::uin/abc:roleName/x", "qcs::cam::uin/1:user/x",
            "qcs::cam::uin/1:roleName/", "qcs::cam::uin/1:roleName/with space", "qcs::cam::uin/1:roleName/x\n",
            "arn:aws:iam::123456789012:role/x"})
    void malformedRoleArnsAreRefused(String arn) {
        assertThat(codeOf(AssumeRoleRequest.builder(arn, "jenkins"), "RoleArn")).isEqualTo("InvalidParameter.ParamError");
    }

    @Test
    void theRoleArnAndSessionNameAreRequired() {
        assertThat(check(AssumeRoleRequest.builder(null, " "))).extracting(Violation::field, Violation::errorCode)
                .containsExactly(Tuple.tuple("RoleArn", "MissingParameter"),
                        Tuple.tuple("RoleSessionName", "MissingParameter"));
    }

    @Test
    void aSessionNameIsTwoTo128OfTheAllowedCharacters() {
        assertThat(check(AssumeRoleRequest.builder(ROLE, "ab"))).isEmpty();
        assertThat(check(AssumeRoleRequest.builder(ROLE, "x".repeat(128)))).isEmpty();
        assertThat(check(AssumeRoleRequest.builder(ROLE, "j+=,.@_-1"))).isEmpty();
        for (String bad : List.of("a", "x".repeat(129), "jenkins build", "jenkins/1", "jénkins")) {
            assertThat(codeOf(AssumeRoleRequest.builder(ROLE, bad), "RoleSessionName")).as(bad)
                    .isEqualTo("InvalidParameter.ParamError");
        }
    }

    @Test
    void theDurationIsOneTo43200Seconds() {
        assertThat(check(AssumeRoleRequest.builder(ROLE, "jenkins").durationSeconds(1))).isEmpty();
        assertThat(check(AssumeRoleRequest.builder(ROLE, "jenkins").durationSeconds(43200))).isEmpty();
        assertThat(codeOf(AssumeRoleRequest.builder(ROLE, "jenkins").durationSeconds(43201), "DurationSeconds"))
                .isEqualTo("InvalidParameter.OverTimeError");
        assertThat(codeOf(AssumeRoleRequest.builder(ROLE, "jenkins").durationSeconds(0), "DurationSeconds"))
                .isEqualTo("InvalidParameter.OverTimeError");
        assertThat(AssumeRoleRequest.builder(ROLE, "jenkins").build().effectiveDurationSeconds()).isEqualTo(7200);
    }

    @Test
    void anExternalIdIsTwoTo128OfTheAllowedCharactersAndIsNotEchoed() {
        assertThat(check(AssumeRoleRequest.builder(ROLE, "jenkins").externalId("org:team/1=a"))).isEmpty();
        List<Violation> bad = check(AssumeRoleRequest.builder(ROLE, "jenkins").externalId("secret external id"));

        assertThat(bad).extracting(Violation::field).containsExactly("ExternalId");
        assertThat(bad.get(0).message()).doesNotContain("secret external id");
        assertThat(AssumeRoleRequest.builder(ROLE, "jenkins").externalId("shared-Secret-1").build().toString())
                .doesNotContain("shared-Secret-1");
    }

    @Test
    void aRefusedValueIsQuotedShortenedAndVisible() {
        String forged = "qcs::cam::uin/1:roleName/x\n[Pipeline] echo forged";

        assertThat(check(AssumeRoleRequest.builder(forged, "jenkins")).get(0).message()).doesNotContain("\n");
    }

    @Test
    void theBodyHasOnlyTheFieldsGiven() {
        assertThat(ApiJson.writeString(AssumeRoleRequest.builder(ROLE, "jenkins").build().toJson()))
                .isEqualTo("{\"RoleArn\":\"" + ROLE + "\",\"RoleSessionName\":\"jenkins\"}");
        assertThat(ApiJson.writeString(AssumeRoleRequest.builder(ROLE, "jenkins").durationSeconds(900).externalId("ext-1")
                .build().toJson())).isEqualTo("{\"RoleArn\":\"" + ROLE + "\",\"RoleSessionName\":\"jenkins\","
                        + "\"DurationSeconds\":900,\"ExternalId\":\"ext-1\"}");
    }
}
