package io.jenkins.plugins.tat.client.fleet;

import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.api.InvokeCommandRequest;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.EmulatedCommand;
import io.jenkins.plugins.tat.client.emulator.EmulatedInstance;
import io.jenkins.plugins.tat.client.emulator.TatEmulator;
import io.jenkins.plugins.tat.client.http.RequestRateLimiter;
import io.jenkins.plugins.tat.client.http.RetryPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A {@link TatEmulator} with a fleet of 450 online CVM instances and one command, and a client of
 * it with fast retries and a private rate limiter.
 */
abstract class FleetTestSupport {

    static final String SECRET_ID = "AKIDfleetTest00001";
    static final String SECRET_KEY = "fleetTestSecretKey";
    static final String REGION = "ap-guangzhou";
    static final String COMMAND = "cmd-fleet001";
    static final List<String> FLEET = InstanceBatchesTest.fleet(450);

    TatEmulator emu;
    TatClient client;

    @BeforeEach
    void startEmulator() {
        emu = TatEmulator.start().account(SECRET_ID, SECRET_KEY);
        emu.command(EmulatedCommand.builder(COMMAND).name("deploy").content("./deploy.sh").build());
        FLEET.forEach(id -> emu.instance(EmulatedInstance.cvm(id)));
        client = TatClient.builder()
                .credential(new ApiKey(SECRET_ID, SECRET_KEY))
                .region(REGION)
                .endpoint(emu.endpoint())
                .retryPolicy(RetryPolicy.of(4, Duration.ofMillis(10), Duration.ofMillis(40)))
                .rateLimiter(new RequestRateLimiter(1000, 1000))
                .requestTimeout(Duration.ofSeconds(2))
                .build();
    }

    @AfterEach
    void stopEmulator() {
        emu.close();
    }

    /** Sends one batch as InvokeCommand of {@link #COMMAND}. */
    String invoke(int index, List<String> instanceIds) throws InterruptedException {
        return client.invokeCommand(InvokeCommandRequest.builder().commandId(COMMAND).instanceIds(instanceIds).build())
                .invocationId();
    }
}
