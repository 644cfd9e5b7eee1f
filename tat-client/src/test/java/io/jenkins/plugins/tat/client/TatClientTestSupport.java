package io.jenkins.plugins.tat.client;

import io.jenkins.plugins.tat.client.api.DescribeCommandsRequest;
import io.jenkins.plugins.tat.client.api.InvokeCommandRequest;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.EmulatedCommand;
import io.jenkins.plugins.tat.client.emulator.EmulatedInstance;
import io.jenkins.plugins.tat.client.emulator.TatEmulator;
import io.jenkins.plugins.tat.client.http.RequestRateLimiter;
import io.jenkins.plugins.tat.client.http.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A {@link TatEmulator} per test, with one account, a command without parameters, a command with
 * parameters, three online CVM instances and one Lighthouse instance in ap-guangzhou; and
 * {@link TatClient}s pointed at it. The clients retry quickly (4 attempts, 10 to 40 ms) and have
 * their own rate limiter, so tests neither wait nor share limits with each other.
 */
abstract class TatClientTestSupport {

    static final String SECRET_ID = "AKIDclientTest0001";
    static final String SECRET_KEY = "clientSecretKey-MUST-NOT-LEAK";
    static final String REGION = "ap-guangzhou";
    static final String COMMAND = "cmd-abcd1234";
    static final String PARAM_COMMAND = "cmd-param001";
    static final String CVM_1 = "ins-aaaa0001";
    static final String CVM_2 = "ins-aaaa0002";
    static final String CVM_3 = "ins-aaaa0003";
    static final String LIGHTHOUSE = "lhins-bbbb0001";
    static final RetryPolicy FAST_RETRIES = RetryPolicy.of(4, Duration.ofMillis(10), Duration.ofMillis(40));

    TatEmulator emu;

    @BeforeEach
    void startEmulator() {
        emu = TatEmulator.start().account(SECRET_ID, SECRET_KEY);
        emu.command(EmulatedCommand.builder(COMMAND).name("deploy").content("echo deploy").build());
        emu.command(EmulatedCommand.builder(PARAM_COMMAND).name("release").content("echo {{version}}")
                .enableParameter(true).defaultParameter("version", "1.0").build());
        emu.instance(EmulatedInstance.cvm(CVM_1));
        emu.instance(EmulatedInstance.cvm(CVM_2));
        emu.instance(EmulatedInstance.cvm(CVM_3));
        emu.instance(EmulatedInstance.lighthouse(LIGHTHOUSE));
    }

    @AfterEach
    void stopEmulator() {
        emu.close();
    }

    /** A builder for a client of the emulator, with fast retries and a private rate limiter. */
    TatClient.Builder clientBuilder() {
        return TatClient.builder()
                .credential(new ApiKey(SECRET_ID, SECRET_KEY))
                .region(REGION)
                .endpoint(emu.endpoint())
                .retryPolicy(FAST_RETRIES)
                .rateLimiter(new RequestRateLimiter(1000, 1000))
                .requestTimeout(Duration.ofSeconds(5));
    }

    TatClient client() {
        return clientBuilder().build();
    }

    static InvokeCommandRequest invokeOn(String... instanceIds) {
        return InvokeCommandRequest.builder().commandId(COMMAND).instanceIds(instanceIds).build();
    }

    static DescribeCommandsRequest describeCommands() {
        return DescribeCommandsRequest.builder().build();
    }

    /** Requests received by the emulator, all actions. */
    int receivedInAll() {
        return emu.requests().size();
    }
}
