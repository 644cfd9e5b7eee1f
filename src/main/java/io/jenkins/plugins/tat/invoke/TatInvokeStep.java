package io.jenkins.plugins.tat.invoke;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.tat.forms.InvokeFormChecks;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code tatInvoke}: runs a saved TAT command on instances and returns the InvocationId, which
 * later steps and stages also find in {@code TAT_INVOCATION_ID}. It needs no {@code node}.
 *
 * <pre>
 * def id = tatInvoke credentialsId: 'tencent', region: 'ap-guangzhou', commandId: 'cmd-abcd1234',
 *                    instanceIds: ['ins-aaaa1111', 'ins-bbbb2222'], parameters: [version: '1.4.2'],
 *                    waitForCompletion: true
 * </pre>
 *
 * <p>{@code instanceIds} is a list or a string of IDs separated by commas or white space;
 * {@code parameters} a map or a JSON object string. The options it shares with {@code tatRun} are
 * {@link AbstractInvocationStep}'s; the work is done by {@link TatInvoker}, shared with the
 * freestyle {@link TatInvokeBuilder}.
 */
public final class TatInvokeStep extends AbstractInvocationStep {

    private final String commandId;

    /**
     * @param commandId the saved command, {@code cmd-xxxxxxxx}
     * @param instanceIds a list of instance IDs, or a string of IDs separated by commas or white space
     */
    @DataBoundConstructor
    public TatInvokeStep(String commandId, Object instanceIds) {
        super(InvocationSpec.Kind.COMMAND, instanceIds);
        this.commandId = Util.fixEmptyAndTrim(commandId);
    }

    /**
     * The constructor before {@code credentialsId} and {@code region} became optional setters, as
     * in every other step; for Java callers.
     *
     * @param credentialsId the API key's credentials ID; may be empty inside {@code withTencentCloud}
     * @param region the region of the instances; may be empty inside {@code withTencentCloud}
     * @param commandId the saved command, {@code cmd-xxxxxxxx}
     * @param instanceIds a list of instance IDs, or a string of IDs separated by commas or white space
     * @deprecated use {@link #TatInvokeStep(String, Object)}, {@link #setCredentialsId} and {@link #setRegion}
     */
    @Deprecated
    public TatInvokeStep(String credentialsId, String region, String commandId, Object instanceIds) {
        this(commandId, instanceIds);
        setCredentialsId(credentialsId);
        setRegion(region);
    }

    /** @return the command ID */
    @Override
    public String getCommandId() {
        return commandId;
    }

    /**
     * Starts the invocation without waiting, for {@code tatInvoke} and {@code tatRun} alike (its
     * name stays for the Pipeline states that hold one). Runs off the CPS VM thread; it does not
     * survive a controller restart, which is harmless here: it lasts one API call.
     */
    static final class Execution extends SynchronousNonBlockingStepExecution<String> {

        private static final long serialVersionUID = 1L;

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
                justification = "A SynchronousNonBlockingStepExecution never resumes after deserialisation (it fails"
                        + " onResume), so the step's values are not needed then; EchoStep keeps its data the same way.")
        private final transient InvocationSpec spec;

        Execution(StepContext context, InvocationSpec spec) {
            super(context);
            this.spec = spec;
        }

        @Override
        protected String run() throws Exception {
            return TatInvoker.invoke(getContext().get(Run.class), getContext().get(TaskListener.class), spec).result();
        }
    }

    /** The step's descriptor; its form checks come from {@link InvokeFormChecks}. */
    @Extension
    public static final class DescriptorImpl extends InvocationStepDescriptor implements InvokeFormChecks {

        /** The Pipeline graph shows the command, never the parameters (they may be secrets). */
        public DescriptorImpl() {
            super("tatInvoke", "commandId");
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TatInvokeStep_DisplayName();
        }
    }
}
