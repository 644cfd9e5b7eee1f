package io.jenkins.plugins.tat.cloud;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Functions;
import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import hudson.util.Secret;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.credentialsbinding.masking.SecretPatterns;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.FailureHandler;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Masks a block's secrets as {@code withCredentials} does, with the credentials-binding plugin's
 * own machinery: {@link SecretPatterns} matches each secret in every form its pattern factories
 * know (as it is, shell-quoted, base64…), and the block's log goes through its
 * {@link SecretPatterns.MaskingOutputStream}. A failure is masked too: on the flow node of every
 * step inside the block, which the build keeps in its folder ({@link #failureHandler}), and as it
 * leaves the block, whose message the build prints after the block's log filter is gone
 * ({@link #endingWith}).
 *
 * <p>The pattern is kept as a {@link Secret}, encrypted in {@code program.dat}: it contains the
 * secrets themselves.
 */
@Restricted(NoExternalUse.class)
public final class SecretMasking {

    private SecretMasking() {}

    /**
     * @param secrets the values to mask
     * @param charset the build log's character set
     * @return a filter for the block's log
     */
    @NonNull
    public static ConsoleLogFilter logFilter(@NonNull Collection<String> secrets, @NonNull Charset charset) {
        return new Filter(pattern(secrets), charset.name());
    }

    /**
     * The block's callback: it ends the step as the body ended, with the secrets masked in a
     * failure's message and in those of its causes and suppressed exceptions, before the build
     * prints it or records it on the step. The steps inside the block are masked by
     * {@link #failureHandler}.
     *
     * @param step the {@code withTencentCloud} step's context
     * @param secrets the values to mask
     * @return the callback
     */
    @NonNull
    public static BodyExecutionCallback endingWith(@NonNull StepContext step, @NonNull Collection<String> secrets) {
        return new Callback(step, pattern(secrets));
    }

    /**
     * The block's failure handler: Pipeline asks it for the failure of every step inside the block
     * before it records the failure on the step's flow node ({@code ErrorAction}, written to the
     * build's {@code workflow-completed/flowNodeStore.xml}) and before the failure travels up
     * through the enclosing blocks; it returns the failure with the block's secrets masked. The
     * callback ({@link #endingWith}) masks only what leaves the block, after the nodes inside it
     * have recorded theirs. credentials-binding's {@code withCredentials} masks the same way.
     *
     * @param outer the enclosing blocks' handler, or {@code null}
     * @param secrets the values to mask
     * @return a handler that masks the secrets, then lets the enclosing blocks' handler see the failure
     */
    @NonNull
    public static FailureHandler failureHandler(@CheckForNull FailureHandler outer, @NonNull Collection<String> secrets) {
        return FailureHandler.merge(outer, new Handler(pattern(secrets)));
    }

    private static Secret pattern(Collection<String> secrets) {
        return Secret.fromString(SecretPatterns.getAggregateSecretPattern(secrets).pattern());
    }

    /**
     * The pattern matching the block's secrets. It is kept as a {@link Secret} because it spells
     * them out, so that the Pipeline's saved state holds it encrypted (as credentials-binding's
     * {@code BindingStep} keeps its own); it is decrypted only to mask.
     */
    private static Pattern compile(Secret pattern) {
        return Pattern.compile(pattern.getPlainText());
    }

    private static final class Filter extends ConsoleLogFilter implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Secret pattern;
        private final String charsetName;

        Filter(Secret pattern, String charsetName) {
            this.pattern = pattern;
            this.charsetName = charsetName;
        }

        @Override
        public OutputStream decorateLogger(Run ignored, OutputStream logger) {
            return new SecretPatterns.MaskingOutputStream(logger, () -> compile(pattern), charsetName);
        }
    }

    private static final class Callback extends BodyExecutionCallback {
        private static final long serialVersionUID = 1L;
        private final StepContext step;
        private final Secret pattern;

        Callback(StepContext step, Secret pattern) {
            this.step = step;
            this.pattern = pattern;
        }

        @Override
        public void onSuccess(StepContext context, Object result) {
            step.onSuccess(result);
        }

        @Override
        public void onFailure(StepContext context, Throwable failure) {
            Pattern secrets = compile(pattern);
            step.onFailure(secrets.pattern().isEmpty() ? failure : MaskedException.of(failure, secrets, new HashSet<>()));
        }
    }

    private static final class Handler implements FailureHandler {
        private static final long serialVersionUID = 1L;
        private final Secret pattern;

        Handler(Secret pattern) {
            this.pattern = pattern;
        }

        @NonNull
        @Override
        public Throwable handle(@NonNull StepContext context, @NonNull Throwable failure) {
            Pattern secrets = compile(pattern);
            return secrets.pattern().isEmpty() ? failure : MaskedException.of(failure, secrets, new HashSet<>());
        }
    }

    /**
     * A failure whose text held a secret, with the secret masked in its message and in those of
     * its causes and suppressed exceptions; the stack traces are kept.
     */
    static final class MaskedException extends Exception {
        private static final long serialVersionUID = 1L;

        private MaskedException(String message) {
            super(message);
        }

        static Throwable of(Throwable failure, Pattern pattern, Set<Throwable> seen) {
            if (!seen.add(failure)) {
                return new Exception("(a cycle of causes)");
            }
            if (!pattern.matcher(Functions.printThrowable(failure)).find()) {
                return failure;
            }
            String message = pattern.matcher(Objects.requireNonNullElse(failure.getMessage(), "")).replaceAll("****");
            // An AbortException stays one, so that the build still prints its message alone.
            Exception masked = failure instanceof AbortException ? new AbortException(message) : new MaskedException(message);
            masked.setStackTrace(failure.getStackTrace());
            if (failure.getCause() != null) {
                masked.initCause(of(failure.getCause(), pattern, seen));
            }
            for (Throwable suppressed : failure.getSuppressed()) {
                masked.addSuppressed(of(suppressed, pattern, seen));
            }
            return masked;
        }
    }
}
