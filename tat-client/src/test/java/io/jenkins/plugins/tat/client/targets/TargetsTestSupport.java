package io.jenkins.plugins.tat.client.targets;

import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.RecordedRequest;
import io.jenkins.plugins.tat.client.emulator.TatEmulator;
import io.jenkins.plugins.tat.client.http.RequestRateLimiter;
import io.jenkins.plugins.tat.client.http.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A {@link TatEmulator} per test with one account, and resolvers pointed at it: every product's
 * listing goes to the emulator's port (a custom endpoint serves them all), told apart by the
 * credential scope.
 */
abstract class TargetsTestSupport {

    static final String SECRET_ID = "AKIDtargetsTest01";
    static final String SECRET_KEY = "targetsSecretKey-MUST-NOT-LEAK";
    static final String REGION = "ap-guangzhou";

    TatEmulator emu;

    @BeforeEach
    void startEmulator() {
        emu = TatEmulator.start().account(SECRET_ID, SECRET_KEY);
    }

    @AfterEach
    void stopEmulator() {
        emu.close();
    }

    TatClient.Builder settings() {
        return TatClient.builder()
                .credential(new ApiKey(SECRET_ID, SECRET_KEY))
                .region(REGION)
                .endpoint(emu.endpoint())
                .retryPolicy(RetryPolicy.of(3, Duration.ofMillis(10), Duration.ofMillis(20)))
                .rateLimiter(new RequestRateLimiter(1000, 1000))
                .requestTimeout(Duration.ofSeconds(5));
    }

    TargetResolver resolver() {
        return TargetResolver.of(settings());
    }

    /** @return how many requests signed for {@code service} the emulator received */
    long requestsTo(String service) {
        return emu.requests().stream().map(RecordedRequest::service).filter(service::equals).count();
    }
}
