package io.jenkins.plugins.tat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.tat.client.api.AssumeRoleRequest;
import io.jenkins.plugins.tat.client.api.AssumeRoleResponse;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.EmulatedRole;
import io.jenkins.plugins.tat.client.emulator.RecordedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link StsClient}: AssumeRole against the emulated STS, signed and checked like a TAT call. */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // every test here waits on a server, a limiter or a thread
class StsClientTest extends TatClientTestSupport {

    static final String ROLE = "qcs::cam::uin/100000000001:roleName/jenkins-deploy";

    @BeforeEach
    void registerTheRole() {
        emu.role(EmulatedRole.of(ROLE));
    }

    private StsClient sts() {
        return StsClient.of(new ApiKey(SECRET_ID, SECRET_KEY), TatClient.builder().endpoint(emu.endpoint()).region(REGION)
                .retryPolicy(FAST_RETRIES).requestTimeout(Duration.ofSeconds(5)));
    }

    @Test
    void assumeRoleGivesAKeyThatTatAcceptsWithItsToken() throws Exception {
        AssumeRoleResponse answer = sts().assumeRole(AssumeRoleRequest.builder(ROLE, "jenkins").durationSeconds(900).build());

        assertThat(answer.key().hasSessionToken()).isTrue();
        assertThat(answer.key().secretId()).isEqualTo(emu.issuedKeys().get(0).secretId());
        assertThat(answer.expiredTime()).isEqualTo(emu.issuedKeys().get(0).expiresAt());
        assertThat(answer.requestId()).matches("[0-9a-f-]{36}");
        TatClient tat = clientBuilder().credential(answer.key()).build();
        assertThat(tat.describeCommands(describeCommands()).commands()).isNotEmpty();
    }

    @Test
    void theRequestIsSignedForStsWithItsVersionAndTheFieldsOfSection9() throws Exception {
        sts().assumeRole(AssumeRoleRequest.builder(ROLE, "jenkins").durationSeconds(900).externalId("team-42").build());

        RecordedRequest sent = emu.requests().get(0);
        assertThat(sent.headers().get("authorization")).contains("Credential=" + SECRET_ID + "/").contains("/sts/tc3_request");
        assertThat(sent.headers()).containsEntry("x-tc-action", "AssumeRole").containsEntry("x-tc-version", "2018-08-13")
                .containsEntry("x-tc-region", REGION).doesNotContainKey("x-tc-token");
        assertThat(sent.body()).isEqualTo("{\"RoleArn\":\"" + ROLE + "\",\"RoleSessionName\":\"jenkins\","
                + "\"DurationSeconds\":900,\"ExternalId\":\"team-42\"}");
    }

    @Test
    void aRoleThatDoesNotExistIsReportedAtOnceAndNotRetried() {
        Throwable thrown = catchThrowable(() -> sts().assumeRole(
                AssumeRoleRequest.builder("qcs::cam::uin/100000000001:roleName/gone", "jenkins").build()));

        assertThat(thrown).isInstanceOfSatisfying(TencentCloudApiException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("InternalError.GetRoleError");
            assertThat(e.getMessage()).startsWith("AssumeRole failed: InternalError.GetRoleError: role not exist");
        });
        assertThat(emu.received("AssumeRole")).isEqualTo(1);
    }

    @Test
    void aPassingFailureIsRetriedLikeAReadingCall() throws Exception {
        emu.faults().forAction("AssumeRole").http500(2);

        sts().assumeRole(AssumeRoleRequest.builder(ROLE, "jenkins").build());

        assertThat(emu.received("AssumeRole")).isEqualTo(3);
        assertThat(emu.issuedKeys()).hasSize(1);
    }

    @Test
    void aKeyTheRoleDoesNotTrustIsUnauthorized() {
        emu.role(EmulatedRole.of(ROLE).trusting("AKIDsomeoneElse"));

        Throwable thrown = catchThrowable(() -> sts().assumeRole(AssumeRoleRequest.builder(ROLE, "jenkins").build()));

        assertThat(thrown).isInstanceOfSatisfying(TencentCloudApiException.class,
                e -> assertThat(e.errorCode()).isEqualTo("UnauthorizedOperation"));
    }

    @Test
    void anInvalidRequestSendsNothing() {
        Throwable thrown = catchThrowable(() -> sts().assumeRole(AssumeRoleRequest.builder("deploy", "j").build()));

        assertThat(thrown).isInstanceOf(InvalidRequestException.class).hasMessageContaining("RoleArn")
                .hasMessageContaining("RoleSessionName");
        assertThat(receivedInAll()).isZero();
    }

    @Test
    void theStsEndpointIsBesideTheTatOne() {
        assertThat(StsClient.endpointFor(TatClient.DEFAULT_ENDPOINT)).isEqualTo(URI.create("https://sts.tencentcloudapi.com/"));
        assertThat(StsClient.endpointFor(TatClient.INTERNATIONAL_ENDPOINT))
                .isEqualTo(URI.create("https://sts.intl.tencentcloudapi.com/"));
        assertThat(StsClient.endpointFor(URI.create("https://tat.ap-guangzhou.tencentcloudapi.com")))
                .isEqualTo(URI.create("https://sts.ap-guangzhou.tencentcloudapi.com/"));
        assertThat(StsClient.endpointFor(URI.create("http://127.0.0.1:18090"))).isEqualTo(URI.create("http://127.0.0.1:18090/"));
        assertThat(StsClient.endpointFor(URI.create("https://tat.example.internal:8443")))
                .isEqualTo(URI.create("https://tat.example.internal:8443/"));
        assertThat(StsClient.endpointFor(StsClient.INTERNATIONAL_ENDPOINT)).isEqualTo(URI.create("https://sts.intl.tencentcloudapi.com/"));
        assertThat(StsClient.of(new ApiKey(SECRET_ID, SECRET_KEY), TatClient.builder()).endpoint())
                .as("the settings of a TAT client with its default endpoint").isEqualTo(URI.create("https://sts.tencentcloudapi.com/"));
    }
}
