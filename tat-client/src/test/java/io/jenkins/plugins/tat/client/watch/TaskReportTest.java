package io.jenkins.plugins.tat.client.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.tat.client.api.InvocationTask;
import io.jenkins.plugins.tat.client.api.TaskOutput;
import io.jenkins.plugins.tat.client.api.TaskResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link TaskReport}: a task's end, holding the task's output itself, once. */
class TaskReportTest {

    private static final Instant START = Instant.parse("2026-11-05T07:49:58Z");

    private static InvocationTask task(TaskOutput output) {
        return new InvocationTask("inv-abcd1234", "invt-abcd1234", "cmd-abcd1234", "ins-abcd1234", "SUCCESS",
                new TaskResult(0L, output, 0, "", "", START, START.plusSeconds(1)), "", START, START, START.plusSeconds(1));
    }

    @Test
    void aReportHoldsTheTasksOutputNotACopy() {
        TaskOutput output = TaskOutput.of("deployed\n");

        TaskReport report = TaskReport.of(task(output));

        assertThat(report.taskOutput()).isSameAs(output);
        assertThat(report.output()).isEqualTo("deployed\n");
        assertThat(report.toMap()).containsEntry("output", "deployed\n");
    }

    @Test
    void theTextShowsBytesThatAreNotUtf8AsReplacementCharacters() {
        TaskOutput output = TaskOutput.of(new byte[] {'o', 'k', (byte) 0xff, '\n'});

        TaskReport report = TaskReport.of(task(output));

        assertThat(report.output()).isEqualTo("ok\uFFFD\n");
        assertThat(report.taskOutput().bytes()).containsExactly('o', 'k', 0xff, '\n');
    }

    @Test
    void theOutputsBytesCannotBeChangedFromOutside() {
        byte[] bytes = {'a'};
        TaskOutput output = TaskOutput.of(bytes);
        bytes[0] = 'b';
        output.bytes()[0] = 'c';

        assertThat(output.text()).isEqualTo("a");
    }

    @Test
    void aReportSurvivesSerialisation() throws IOException, ClassNotFoundException {
        TaskReport report = TaskReport.of(task(TaskOutput.of("line\n")));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(report);
        }

        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(report);
        }
    }
}
