package io.jenkins.plugins.tat.client.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.TatTransportException;
import io.jenkins.plugins.tat.client.TencentCloudApiException;
import io.jenkins.plugins.tat.client.api.DescribeCommandsRequest;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.TatEmulator;
import io.jenkins.plugins.tat.client.http.RequestRateLimiter;
import io.jenkins.plugins.tat.client.http.RetryPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link CamRefusal}: the codes CAM answers, and only those, as they come back through the client. */
class CamRefusalTest {

    private static final String SECRET_ID = "AKIDcamRefusalTest01";
    private static final String SECRET_KEY = "camRefusalSecretKey";

    private TatEmulator emu;

    @BeforeEach
    void start() {
        emu = TatEmulator.start().account(SECRET_ID, SECRET_KEY);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private TatClient client() {
        return TatClient.builder().credential(new ApiKey(SECRET_ID, SECRET_KEY)).region("ap-guangzhou")
                .endpoint(emu.endpoint()).retryPolicy(RetryPolicy.of(1, Duration.ofMillis(10), Duration.ofMillis(20)))
                .rateLimiter(new RequestRateLimiter(1000, 1000)).build();
    }

    private TatException refusedWith(String code) {
        emu.faults().forAction("DescribeCommands").apiError(code, 1);
        return catchThrowableOfType(TatException.class, () -> client().describeCommands(
                DescribeCommandsRequest.builder().commandIds(List.of("cmd-abcd1234")).limit(1).build()));
    }

    @Test
    @Timeout(30)
    void theThreeCamCodesAreRefusals() {
        for (String code : List.of("AuthFailure.UnauthorizedOperation", "UnauthorizedOperation",
                "UnauthorizedOperation.CamAuthFailed")) {
            TatException thrown = refusedWith(code);

            assertThat(thrown).isInstanceOf(TencentCloudApiException.class);
            assertThat(CamRefusal.isCamRefusal(thrown)).as(code).isTrue();
            assertThat(CamRefusal.isCamRefusal(code)).isTrue();
        }
    }

    @Test
    @Timeout(30)
    void otherRefusalsAreNot() {
        for (String code : List.of("AuthFailure.SignatureFailure", "ResourceNotFound.CommandNotFound",
                "InvalidParameterValue", "UnauthorizedOperationX")) {
            assertThat(CamRefusal.isCamRefusal(refusedWith(code))).as(code).isFalse();
        }
        assertThat(CamRefusal.isCamRefusal((String) null)).isFalse();
        assertThat(CamRefusal.isCamRefusal(new TatTransportException("DescribeCommands", "connection refused", false, -1, null)))
                .isFalse();
    }
}
