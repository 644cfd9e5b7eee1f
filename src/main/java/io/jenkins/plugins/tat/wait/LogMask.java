package io.jenkins.plugins.tat.wait;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.console.ConsoleLogFilter;
import hudson.model.AbstractBuild;
import hudson.model.BuildableItemWithBuildWrappers;
import hudson.model.Run;
import hudson.tasks.BuildWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.credentialsbinding.impl.SecretBuildWrapper;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Masks text the way a step's build log masks it: the text goes through the log filters the
 * step runs under ({@code withCredentials}, {@code withTencentCloud}: the same
 * {@link ConsoleLogFilter} their blocks hand their steps), into memory instead of the log. Used
 * for the output tails the build page keeps in {@code build.xml}, which must hold no more than the
 * log shows.
 */
@Restricted(NoExternalUse.class)
final class LogMask {

    private static final Logger LOGGER = Logger.getLogger(LogMask.class.getName());
    /** What a tail becomes when the filters cannot be applied: better nothing than a secret. */
    static final String UNMASKABLE = "[output not kept: it could not be masked]";

    private LogMask() {}

    /**
     * @param filter the step's log filters, or {@code null} when it runs under none
     * @param run the build
     * @return the mask; the identity when there is no filter
     */
    @NonNull
    static UnaryOperator<String> of(@CheckForNull ConsoleLogFilter filter, @NonNull Run<?, ?> run) {
        UnaryOperator<String> step = ofStep(filter, run);
        UnaryOperator<String> wrappers = ofBuildWrappers(run);
        return text -> wrappers.apply(step.apply(text));
    }

    /**
     * The masking of a freestyle build's "Use secret text(s) or file(s)" (credentials-binding's
     * build wrapper), whose filter decorates the whole build's log.
     */
    @SuppressWarnings("deprecation")
    private static UnaryOperator<String> ofBuildWrappers(Run<?, ?> run) {
        if (!(run instanceof AbstractBuild<?, ?> build)
                || !(build.getProject() instanceof BuildableItemWithBuildWrappers project)) {
            return UnaryOperator.identity();
        }
        UnaryOperator<String> all = UnaryOperator.identity();
        for (BuildWrapper wrapper : project.getBuildWrappersList()) {
            if (wrapper instanceof SecretBuildWrapper) {
                UnaryOperator<String> before = all;
                all = text -> {
                    String once = before.apply(text);
                    return mask(out -> wrapper.decorateLogger(build, out), run, run.getCharset(), once);
                };
            }
        }
        return all;
    }

    /**
     * A step's filters, applied as Pipeline applies them (DefaultStepContext): through the
     * AbstractBuild form, the one BodyInvoker's merged filter and credentials-binding's implement.
     */
    @NonNull
    @SuppressWarnings("deprecation")
    private static UnaryOperator<String> ofStep(@CheckForNull ConsoleLogFilter filter, @NonNull Run<?, ?> run) {
        if (filter == null) {
            return UnaryOperator.identity();
        }
        Charset charset = run.getCharset();
        return text -> mask(out -> filter.decorateLogger((AbstractBuild<?, ?>) null, out), run, charset, text);
    }

    /** A log filter's decoration of a stream. */
    @FunctionalInterface
    interface Decoration {
        OutputStream decorate(OutputStream out) throws IOException, InterruptedException;
    }

    static String mask(Decoration filter, Run<?, ?> run, Charset charset, String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        ByteArrayOutputStream masked = new ByteArrayOutputStream(text.length() + 16);
        try {
            OutputStream out = filter.decorate(masked);
            // Maskers work line by line: the last line is masked when its end is seen.
            out.write((text + "\n").getBytes(charset));
            out.flush();
            out.close();
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOGGER.log(Level.FINE, "Could not mask an output tail of " + run, e);
            return UNMASKABLE;
        }
        String out = masked.toString(charset);
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }
}
