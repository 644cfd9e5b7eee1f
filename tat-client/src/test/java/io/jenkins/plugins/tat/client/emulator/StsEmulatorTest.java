package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulated STS (AssumeRole, docs/dev/protocol.md §9), checked with the official Java SDK as an
 * independent client: the temporary key it issues works on TAT with its token only, and only
 * until it expires on the emulator's clock.
 */
class StsEmulatorTest extends EmulatorTestSupport {

    private static final String ROLE = "qcs::cam::uin/100000000001:roleName/jenkins-deploy";

    @BeforeEach
    void registerTheRole() {
        emu.role(EmulatedRole.of(ROLE));
    }

    /** An STS client of the SDK; for the emulator's endpoint it signs with the host's first label (§6). */
    private CommonClient sts(Credential credential) {
        HttpProfile http = new HttpProfile();
        http.setProtocol(HttpProfile.REQ_HTTP);
        http.setEndpoint(emu.hostAndPort());
        return new CommonClient("sts", "2018-08-13", credential, REGION, new ClientProfile(ClientProfile.SIGN_TC3_256, http));
    }

    private JsonNode assumeRole(String body) throws Exception {
        return call(sts(new Credential(SECRET_ID, SECRET_KEY)), "AssumeRole", body);
    }

    private String assumeRoleError(String body) {
        return errorCode(sts(new Credential(SECRET_ID, SECRET_KEY)), "AssumeRole", body);
    }

    @Test
    void theIssuedKeyWorksOnTatWithItsTokenAndNotWithout() throws Exception {
        JsonNode issued = assumeRole(json("{'RoleArn':'" + ROLE + "','RoleSessionName':'jenkins','DurationSeconds':900}"));
        JsonNode key = issued.get("Credentials");
        String id = key.get("TmpSecretId").asText();
        String secret = key.get("TmpSecretKey").asText();
        String token = key.get("Token").asText();

        assertThat(issued.get("ExpiredTime").asLong()).isEqualTo(clock.instant().getEpochSecond() + 900);
        assertThat(Instant.parse(issued.get("Expiration").asText()).getEpochSecond()).isEqualTo(issued.get("ExpiredTime").asLong());
        assertThat(call(sdk(new Credential(id, secret, token), REGION), "DescribeCommands", "{}").has("CommandSet")).isTrue();
        assertThat(errorCode(sdk(new Credential(id, secret), REGION), "DescribeCommands", "{}"))
                .isEqualTo("AuthFailure.TokenFailure");
        assertThat(errorCode(sdk(new Credential(id, secret, token + "x"), REGION), "DescribeCommands", "{}"))
                .isEqualTo("AuthFailure.TokenFailure");
        assertThat(emu.issuedKeys()).singleElement().satisfies(k -> {
            assertThat(k.secretId()).isEqualTo(id);
            assertThat(k.roleArn()).isEqualTo(ROLE);
            assertThat(k.roleSessionName()).isEqualTo("jenkins");
            assertThat(k.assumedBy()).isEqualTo(SECRET_ID);
        });
    }

    @Test
    void anIssuedKeyIsRefusedFromItsExpiryOn() throws Exception {
        JsonNode key = assumeRole(json("{'RoleArn':'" + ROLE + "','RoleSessionName':'jenkins','DurationSeconds':60}"))
                .get("Credentials");
        Credential temporary = new Credential(key.get("TmpSecretId").asText(), key.get("TmpSecretKey").asText(),
                key.get("Token").asText());

        clock.advance(Duration.ofSeconds(59));
        call(sdk(temporary, REGION), "DescribeCommands", "{}");
        clock.advance(Duration.ofSeconds(1));

        assertThat(errorCode(sdk(temporary, REGION), "DescribeCommands", "{}")).isEqualTo("AuthFailure.TokenFailure");
    }

    @Test
    void revokedKeysAreRefusedAtOnce() throws Exception {
        JsonNode key = assumeRole(json("{'RoleArn':'" + ROLE + "','RoleSessionName':'jenkins'}")).get("Credentials");
        Credential temporary = new Credential(key.get("TmpSecretId").asText(), key.get("TmpSecretKey").asText(),
                key.get("Token").asText());

        emu.revokeIssuedKeys();

        assertThat(errorCode(sdk(temporary, REGION), "DescribeCommands", "{}")).isEqualTo("AuthFailure.TokenFailure");
    }

    @Test
    void aRoleThatDoesNotExistIsGetRoleError() {
        assertThat(assumeRoleError(json("{'RoleArn':'qcs::cam::uin/100000000001:roleName/other','RoleSessionName':'jenkins'}")))
                .isEqualTo("InternalError.GetRoleError");
    }

    @Test
    void aKeyTheRoleDoesNotTrustOrATemporaryKeyIsUnauthorized() throws Exception {
        emu.account("AKIDother", "otherKey");
        emu.role(EmulatedRole.of(ROLE).trusting(SECRET_ID));
        String body = json("{'RoleArn':'" + ROLE + "','RoleSessionName':'jenkins'}");
        JsonNode key = assumeRole(body).get("Credentials");

        assertThat(errorCode(sts(new Credential("AKIDother", "otherKey")), "AssumeRole", body)).isEqualTo("UnauthorizedOperation");
        assertThat(errorCode(sts(new Credential(key.get("TmpSecretId").asText(), key.get("TmpSecretKey").asText(),
                key.get("Token").asText())), "AssumeRole", body)).isEqualTo("UnauthorizedOperation");
    }

    @Test
    void aRoleWithAnExternalIdWantsItExactly() throws Exception {
        emu.role(EmulatedRole.of(ROLE).withExternalId("team-42"));

        assertThat(assumeRoleError(json("{'RoleArn':'" + ROLE + "','RoleSessionName':'jenkins'}"))).isEqualTo("UnauthorizedOperation");
        assertThat(assumeRoleError(json("{'RoleArn':'" + ROLE + "','RoleSessionName':'jenkins','ExternalId':'team-43'}")))
                .isEqualTo("UnauthorizedOperation");
        assertThat(assumeRole(json("{'RoleArn':'" + ROLE + "','RoleSessionName':'jenkins','ExternalId':'team-42'}"))
                .has("Credentials")).isTrue();
    }

    @Test
    void theFieldsFollowTheRulesOfSection9() {
        assertThat(assumeRoleError(json("{'RoleSessionName':'jenkins'}"))).isEqualTo("MissingParameter");
        assertThat(assumeRoleError(json("{'RoleArn':'" + ROLE + "'}"))).isEqualTo("MissingParameter");
        assertThat(assumeRoleError(json("{'RoleArn':'jenkins-deploy','RoleSessionName':'jenkins'}")))
                .isEqualTo("InvalidParameter.ParamError");
        assertThat(assumeRoleError(json("{'RoleArn':'" + ROLE + "','RoleSessionName':'a'}"))).isEqualTo("InvalidParameter.ParamError");
        assertThat(assumeRoleError(json("{'RoleArn':'" + ROLE + "','RoleSessionName':'jenkins','DurationSeconds':43201}")))
                .isEqualTo("InvalidParameter.OverTimeError");
        assertThat(assumeRoleError(json("{'RoleArn':'" + ROLE + "','RoleSessionName':'jenkins','Color':'red'}")))
                .isEqualTo("UnknownParameter");
        assertThat(emu.issuedKeys()).isEmpty();
    }

    @Test
    void assumeRoleIsAnStsActionAndNotATatOne() {
        assertThat(errorCode(sdk(), "AssumeRole", json("{'RoleArn':'" + ROLE + "','RoleSessionName':'jenkins'}")))
                .isEqualTo("InvalidAction");
        assertThat(errorCode(sts(new Credential(SECRET_ID, SECRET_KEY)), "DescribeCommands", "{}")).isEqualTo("InvalidAction");
    }
}
