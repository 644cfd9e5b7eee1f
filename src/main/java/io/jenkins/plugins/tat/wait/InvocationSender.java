package io.jenkins.plugins.tat.wait;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.tat.client.fleet.BatchSender;
import java.io.IOException;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Sends the invocation a waiting step then waits for: given to
 * {@link InvocationWaitExecution#invokeAndWait} by the step that starts it ({@code tatInvoke},
 * {@code tatRun}), so that waiting depends on nothing of how an invocation is started. It holds
 * what to send, parameter values included, so it lives in memory only, never in the Pipeline's
 * saved state.
 */
@Restricted(NoExternalUse.class)
@FunctionalInterface
public interface InvocationSender {

    /**
     * @param run the build
     * @param listener its log
     * @param progress hears of each accepted batch before the next is sent
     * @return what was started
     * @throws IOException if the invocation cannot be started (an {@code AbortException} says why)
     * @throws InterruptedException if the step is stopped meanwhile
     */
    @NonNull
    StartedInvocations send(@NonNull Run<?, ?> run, @NonNull TaskListener listener, @NonNull BatchSender.Progress progress)
            throws IOException, InterruptedException;
}
