package io.jenkins.plugins.tat.cloud;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Which API key and region the TAT steps use: the values a step names itself, else those of the
 * innermost {@code withTencentCloud} block around it. A block passes its values to the steps
 * inside as this object ({@code BodyInvoker.withContext}), so they survive a controller restart
 * with the Pipeline's state: it holds IDs and names only, never a secret.
 *
 * <p>{@link #resolve} is the one place every TAT step asks; a step that gives
 * {@code credentialsId} or {@code region} itself overrides the block's value for that field alone.
 */
@Restricted(NoExternalUse.class)
public final class TencentCloudContext implements Serializable {

    private static final long serialVersionUID = 1L;

    @CheckForNull
    private final String credentialsId;
    @CheckForNull
    private final String region;

    private TencentCloudContext(@CheckForNull String credentialsId, @CheckForNull String region) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
        this.region = Util.fixEmptyAndTrim(region);
    }

    /**
     * @param credentialsId the API key's credentials ID, or {@code null}
     * @param region the region, or {@code null}
     * @return the values
     */
    @NonNull
    public static TencentCloudContext of(@CheckForNull String credentialsId, @CheckForNull String region) {
        return new TencentCloudContext(credentialsId, region);
    }

    /**
     * What a step uses: its own values, and for what it leaves out, those of the
     * {@code withTencentCloud} block it runs in, if any.
     *
     * @param context the step's context
     * @param credentialsId the step's {@code credentialsId}, or {@code null}
     * @param region the step's {@code region}, or {@code null}
     * @return the values to use; either may still be {@code null}, for the step's checks to report
     * @throws IOException if the context cannot be read
     * @throws InterruptedException if interrupted meanwhile
     */
    @NonNull
    public static TencentCloudContext resolve(@NonNull StepContext context, @CheckForNull String credentialsId,
            @CheckForNull String region) throws IOException, InterruptedException {
        return of(credentialsId, region).within(context.get(TencentCloudContext.class));
    }

    /**
     * @param outer the values of an enclosing block, or {@code null}
     * @return these values, completed with the outer ones where these are missing
     */
    @NonNull
    public TencentCloudContext within(@CheckForNull TencentCloudContext outer) {
        if (outer == null) {
            return this;
        }
        return new TencentCloudContext(credentialsId != null ? credentialsId : outer.credentialsId,
                region != null ? region : outer.region);
    }

    /** @return the credentials ID, or {@code null} */
    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    /** @return the region, or {@code null} */
    @CheckForNull
    public String getRegion() {
        return region;
    }

    @Override
    public String toString() {
        return "TencentCloudContext[" + credentialsId + ", " + region + "]";
    }
}
