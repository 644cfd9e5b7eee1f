package io.jenkins.plugins.tat.client.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.api.Command;
import io.jenkins.plugins.tat.client.api.DefaultParameterConf;
import io.jenkins.plugins.tat.client.api.DescribeCommandsRequest;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.EmulatedCommand;
import io.jenkins.plugins.tat.client.emulator.EmulatedInstance;
import io.jenkins.plugins.tat.client.emulator.RecordedRequest;
import io.jenkins.plugins.tat.client.emulator.TatEmulator;
import io.jenkins.plugins.tat.client.http.RequestRateLimiter;
import io.jenkins.plugins.tat.client.http.RetryPolicy;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link AgentCheck} and {@link ParameterCheck} against the emulator. */
// Every test talks to the emulator over loopback: none may hang the build if a wait never ends.
@Timeout(60)
class PreflightChecksTest {

    private static final String SECRET_ID = "AKIDpreflightTest01";
    private static final String SECRET_KEY = "preflightSecretKey";

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
                .endpoint(emu.endpoint()).retryPolicy(RetryPolicy.of(2, Duration.ofMillis(10), Duration.ofMillis(20)))
                .rateLimiter(new RequestRateLimiter(1000, 1000)).build();
    }

    @Test
    void sortsInstancesIntoOnlineOfflineAndMissingInTheOrderGiven() throws Exception {
        emu.instance(EmulatedInstance.cvm("ins-aaaa0001"));
        emu.instance(EmulatedInstance.cvm("ins-aaaa0002").agentOnline(false));
        emu.instance(EmulatedInstance.cvm("ins-aaaa0003"));
        emu.instance(EmulatedInstance.cvm("ins-shanghai").region("ap-shanghai"));

        AgentCheck.Result result = AgentCheck.check(client(),
                List.of("ins-aaaa0003", "ins-zzzz9999", "ins-aaaa0002", "ins-aaaa0001", "ins-shanghai"));

        assertThat(result.online()).containsExactly("ins-aaaa0003", "ins-aaaa0001");
        assertThat(result.offline()).containsExactly("ins-aaaa0002");
        assertThat(result.missing()).containsExactly("ins-zzzz9999", "ins-shanghai");
        assertThat(result.notOnline()).containsExactly("ins-aaaa0002", "ins-zzzz9999", "ins-shanghai");
        assertThat(result.allOnline()).isFalse();
        assertThat(result.requestIds()).hasSize(1);
    }

    @Test
    void asksFor100InstancesACall() throws Exception {
        List<String> ids = new ArrayList<>();
        IntStream.range(0, 200).forEach(i -> {
            String id = String.format("ins-%08d", i);
            ids.add(id);
            emu.instance(EmulatedInstance.cvm(id));
        });

        AgentCheck.Result result = AgentCheck.check(client(), ids);

        assertThat(result.allOnline()).isTrue();
        assertThat(result.online()).hasSize(200);
        assertThat(emu.requests()).extracting(RecordedRequest::action)
                .containsExactly("DescribeAutomationAgentStatus", "DescribeAutomationAgentStatus");
        assertThat(AgentCheck.calls(100)).isEqualTo(1);
        assertThat(AgentCheck.calls(101)).isEqualTo(2);
        assertThat(AgentCheck.calls(200)).isEqualTo(2);
    }

    private Command saved(EmulatedCommand command) throws Exception {
        emu.command(command);
        return client().describeCommands(DescribeCommandsRequest.builder().commandIds(List.of(command.commandId())).build())
                .commands().get(0);
    }

    @Test
    void parametersGivenToACommandWithoutEnableParameterAreNamed() throws Exception {
        Command command = saved(EmulatedCommand.builder("cmd-noparams").content("echo {{x}}").build());

        assertThat(ParameterCheck.check(command, Set.of("x"))).extracting(Violation::errorCode)
                .containsExactly("InvalidParameterValue.ParameterDisabled");
        assertThat(ParameterCheck.check(command, null)).isEmpty();
    }

    @Test
    void unknownNamesAndMissingRequiredOnesAreEachNamed() throws Exception {
        Command command = saved(EmulatedCommand.builder("cmd-withparm").enableParameter(true)
                .content("deploy {{version}} to {{env}} with '{{tat-hidden:token}}'").defaultParameter("env", "prod")
                .build());

        List<Violation> violations = ParameterCheck.check(command, Set.of("verison", "evn"));

        assertThat(violations).extracting(Violation::toString).containsExactlyInAnyOrder(
                "Parameters: 'verison' is not a parameter of command cmd-withparm, which declares version, env, token"
                        + " [InvalidParameterValue]",
                "Parameters: 'evn' is not a parameter of command cmd-withparm, which declares version, env, token"
                        + " [InvalidParameterValue]",
                "Parameters: gives no value for 'version', which command cmd-withparm uses and has no default for"
                        + " [InvalidParameterValue.LackOfParameters]",
                "Parameters: gives no value for 'token', which command cmd-withparm uses and has no default for"
                        + " [InvalidParameterValue.LackOfParameters]");
        assertThat(ParameterCheck.check(command, Set.of("version", "token"))).isEmpty();
        assertThat(ParameterCheck.check(command, null)).extracting(Violation::errorCode)
                .containsOnly("InvalidParameterValue.LackOfParameters").hasSize(2);
    }

    @Test
    void withoutTheContentOnlyEnableParameterIsChecked() {
        Command command = new Command("cmd-abcd1234", "n", "", "SHELL", true, Map.of(),
                List.of(new DefaultParameterConf("a", "1", "")), "/root", 60L, "root", "USER", null, null, null);

        assertThat(ParameterCheck.check(command, Set.of("anything"))).isEmpty();
    }
}
