package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** Test fixtures reject set-ups the real service could never be in, so test mistakes show early. */
class FixtureValidationTest {

    @Test
    void instanceIdMustMatchItsKind() {
        assertThatThrownBy(() -> EmulatedInstance.cvm("lhins-abcd1234")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmulatedInstance.lighthouse("ins-abcd1234")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmulatedInstance.managed("mi-abcd1234")).isInstanceOf(IllegalArgumentException.class);
        assertThat(EmulatedInstance.managed("rins-abcd1234").kind()).isEqualTo(EmulatedInstance.Kind.MANAGED);
    }

    @Test
    void instanceCopiesAreIndependent() {
        EmulatedInstance base = EmulatedInstance.cvm("ins-abcd1234");
        EmulatedInstance moved = base.region("ap-shanghai").agentOnline(false).running(false);

        assertThat(base.region()).isEqualTo("ap-guangzhou");
        assertThat(base.agentOnline()).isTrue();
        assertThat(moved.region()).isEqualTo("ap-shanghai");
        assertThat(moved.agentOnline()).isFalse();
        assertThat(moved.running()).isFalse();
    }

    @Test
    void commandIdAndTypeAreChecked() {
        assertThatThrownBy(() -> EmulatedCommand.builder("command-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmulatedCommand.builder("cmd-abcd1234").type("BASH"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scriptsRejectImpossibleOutcomes() {
        assertThatThrownBy(() -> TaskScript.failure(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaskScript.success().runningFor(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scriptCopiesOutputBytes() {
        byte[] bytes = {1, 2};
        TaskScript script = TaskScript.success().output(bytes);
        bytes[0] = 9;

        assertThat(script.outputBytes()).containsExactly(1, 2);
    }

    @Test
    void unknownInvocationIsNoSuchElement() {
        try (TatEmulator emu = TatEmulator.start()) {
            assertThatThrownBy(() -> emu.invocation("inv-abcdefgh")).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(() -> emu.setAgentOnline("ins-abcd1234", false)).isInstanceOf(IllegalArgumentException.class);
            assertThat(emu.endpoint().toString()).isEqualTo("http://127.0.0.1:" + emu.port());
        }
    }
}
