package io.jenkins.plugins.tat.cloud;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Run;
import io.jenkins.plugins.tat.client.auth.CredentialProvider;
import io.jenkins.plugins.tat.credentials.CamRole;
import io.jenkins.plugins.tat.credentials.TencentCloudApiKeys;
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
 * <p>{@link #resolve} is the one place every TAT step asks, and {@link #credentials} the one way
 * it gets its key; a step that gives {@code credentialsId} or {@code region} itself overrides the
 * block's value for that field (and, for {@code credentialsId}, drops the block's role: a role
 * goes with its key).
 */
@Restricted(NoExternalUse.class)
public final class TencentCloudContext implements Serializable {

    private static final long serialVersionUID = 1L;

    @CheckForNull
    private final String credentialsId;
    @CheckForNull
    private final String region;
    /** A role the block assumes with its key, replacing the credentials' own; {@code null} for theirs. */
    @CheckForNull
    private final CamRole role;

    private TencentCloudContext(@CheckForNull String credentialsId, @CheckForNull String region, @CheckForNull CamRole role) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
        this.region = Util.fixEmptyAndTrim(region);
        this.role = role;
    }

    /**
     * @param credentialsId the API key's credentials ID, or {@code null}
     * @param region the region, or {@code null}
     * @return the values
     */
    @NonNull
    public static TencentCloudContext of(@CheckForNull String credentialsId, @CheckForNull String region) {
        return new TencentCloudContext(credentialsId, region, null);
    }

    /**
     * @param credentialsId the API key's credentials ID, or {@code null}
     * @param region the region, or {@code null}
     * @param role the CAM role to assume with the key, or {@code null}
     * @return the values
     */
    @NonNull
    public static TencentCloudContext of(@CheckForNull String credentialsId, @CheckForNull String region,
            @CheckForNull CamRole role) {
        return new TencentCloudContext(credentialsId, region, role);
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
     * These values, completed with the outer ones where these are missing. A role goes with its
     * key: naming {@code credentialsId} here leaves the outer block's role behind (these values'
     * own role, or the credentials' own, applies); without one, the outer key comes with its role
     * unless a role is named here.
     *
     * @param outer the values of an enclosing block, or {@code null}
     * @return the values to use
     */
    @NonNull
    public TencentCloudContext within(@CheckForNull TencentCloudContext outer) {
        if (outer == null) {
            return this;
        }
        String merged = region != null ? region : outer.region;
        return credentialsId != null ? new TencentCloudContext(credentialsId, merged, role)
                : new TencentCloudContext(outer.credentialsId, merged, role != null ? role : outer.role);
    }

    /**
     * The key to sign with for a build: the credentials looked up for it (and their use recorded),
     * as a fixed key or as the renewing temporary keys of the role, this block's or theirs.
     *
     * @param run the build
     * @return the key
     * @throws AbortException if there is no credentials ID, no such credentials for the build, or
     *     the key or the role is malformed
     */
    @NonNull
    public CredentialProvider credentials(@NonNull Run<?, ?> run) throws AbortException {
        return TencentCloudApiKeys.forRun(run, credentialsId, role, region);
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

    /** @return the role this block assumes, or {@code null} for the credentials' own */
    @CheckForNull
    public CamRole getRole() {
        return role;
    }

    @Override
    public String toString() {
        return "TencentCloudContext[" + credentialsId + ", " + region + (role != null ? ", " + role : "") + "]";
    }
}
