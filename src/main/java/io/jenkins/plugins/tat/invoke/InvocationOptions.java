package io.jenkins.plugins.tat.invoke;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The options of an invocation, declared once for the four front ends that start one:
 * {@code tatInvoke} and {@code tatRun} ({@link AbstractInvocationStep}) and their freestyle build
 * steps ({@link AbstractInvocationBuilder}), as workflow-basic-steps' {@code CatchExecutionOptions}
 * serves {@code catchError} and {@code warnError}. {@link InvocationSpec#of} reads them; an option
 * added here, in the two base classes and in {@code invocation-fields.jelly} reaches every front
 * end.
 *
 * <p>Blank text means "not given" everywhere: a form cannot tell an empty field from an absent one.
 * The options of one action only (a saved command's ID; a script and what goes with it) default to
 * "not given" here and are declared by the classes of that action.
 */
@Restricted(NoExternalUse.class)
public interface InvocationOptions {

    /** @return which TAT action starts the invocation */
    InvocationSpec.Kind kind();

    /** @return the credentials ID, or {@code null} (inside {@code withTencentCloud}: the block's) */
    @CheckForNull
    String getCredentialsId();

    /** @return the region, or {@code null} (inside {@code withTencentCloud}: the block's) */
    @CheckForNull
    String getRegion();

    /** @return the instance IDs: a list, or text separated by commas or white space */
    @CheckForNull
    Object getInstanceIds();

    /** @return the parameter values: a map, a JSON object text, or {@code null} */
    @CheckForNull
    Object getParameters();

    /** @return the user to run as, or {@code null} for the command's default */
    @CheckForNull
    String getUsername();

    /** @return the working directory, or {@code null} for the command's default */
    @CheckForNull
    String getWorkingDirectory();

    /** @return the command's or script's timeout in seconds, or {@code null} for the default */
    @CheckForNull
    Integer getTimeout();

    /** @return the COS bucket URL the output is uploaded to, or {@code null} */
    @CheckForNull
    String getOutputCosBucketUrl();

    /** @return the COS key prefix of the uploaded output, or {@code null} */
    @CheckForNull
    String getOutputCosKeyPrefix();

    /** @return whether to wait for every task, printing its output */
    boolean isWaitForCompletion();

    /** @return whether, when waiting, a task that did not succeed fails the step or build */
    boolean isFailOnTaskFailure();

    /** @return the wait timeout in seconds, or {@code null} for one hour */
    @CheckForNull
    Integer getWaitTimeout();

    /** @return whether the agents (and a saved command's parameters) are checked before sending */
    boolean isPreflight();

    /** @return whether instances whose agent is not online are left out instead of failing */
    boolean isSkipOfflineInstances();

    /** @return the saved command (InvokeCommand only), or {@code null} */
    @CheckForNull
    default String getCommandId() {
        return null;
    }

    /** @return the script, sent as written (RunCommand only), or {@code null} */
    @CheckForNull
    default String getScript() {
        return null;
    }

    /** @return SHELL, POWERSHELL or BAT (RunCommand only), or {@code null} for SHELL */
    @CheckForNull
    default String getCommandType() {
        return null;
    }

    /** @return the defaults saved with the command (RunCommand only): a map, JSON text, or {@code null} */
    @CheckForNull
    default Object getDefaultParameters() {
        return null;
    }

    /** @return the command's name (RunCommand only), or {@code null} */
    @CheckForNull
    default String getCommandName() {
        return null;
    }

    /** @return the command's description (RunCommand only), or {@code null} */
    @CheckForNull
    default String getDescription() {
        return null;
    }

    /** @return whether TAT saves the script as a command (RunCommand only) */
    default boolean isSaveCommand() {
        return false;
    }
}
