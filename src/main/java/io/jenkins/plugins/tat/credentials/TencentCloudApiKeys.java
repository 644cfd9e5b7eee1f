package io.jenkins.plugins.tat.credentials;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.auth.CredentialProvider;
import io.jenkins.plugins.tat.client.rules.Violation;
import io.jenkins.plugins.tat.client.text.Texts;
import io.jenkins.plugins.tat.config.TatClientFactory;
import java.util.Collections;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.springframework.security.core.Authentication;

/**
 * Finds the API key a build step names, in the two forms the plugin accepts: a
 * {@link TencentCloudCredentials} or a username/password credential whose username is the
 * SecretId and whose password is the SecretKey. Also fills and checks the credentials field of
 * the step forms.
 */
@Restricted(NoExternalUse.class)
public final class TencentCloudApiKeys {

    /** What the credentials field may select. */
    static final CredentialsMatcher API_KEYS = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(TencentCloudCredentials.class),
            CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));

    private TencentCloudApiKeys() {}

    /**
     * Looks up the key for a build, records its use, and hands its secret to the client library;
     * with the CAM role the credentials name, as the role's renewing temporary keys.
     *
     * @param run the build
     * @param credentialsId the credentials ID (a {@code ${PARAM}} reference to a credentials
     *     parameter is resolved by the credentials plugin)
     * @return the key for the client
     * @throws AbortException if no such credentials exist for the build, or they are of another
     *     kind, or the key or its role is malformed; the message never contains the SecretKey
     */
    @NonNull
    public static CredentialProvider forRun(@NonNull Run<?, ?> run, @CheckForNull String credentialsId)
            throws AbortException {
        return forRun(run, credentialsId, null, null);
    }

    /**
     * Like {@link #forRun(Run, String)}, with a role that replaces the credentials' own (a
     * {@code withTencentCloud} block's {@code role}).
     *
     * @param run the build
     * @param credentialsId the credentials ID
     * @param role the role to assume, or {@code null} for the credentials' own, if any
     * @param region the steps' region, for STS's Region parameter, or {@code null}
     * @return a fixed key, or the role's renewing temporary keys (STS is asked when a request
     *     needs one, not here)
     * @throws AbortException if no such credentials exist for the build, or they are of another
     *     kind, or the key or the role is malformed; the message never contains the SecretKey
     */
    @NonNull
    public static CredentialProvider forRun(@NonNull Run<?, ?> run, @CheckForNull String credentialsId,
            @CheckForNull CamRole role, @CheckForNull String region) throws AbortException {
        String id = Util.fixEmptyAndTrim(credentialsId);
        if (id == null) {
            throw new AbortException(Messages.TencentCloudApiKeys_Required());
        }
        StandardCredentials found = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run,
                Collections.emptyList());
        if (found == null) {
            throw new AbortException(Messages.TencentCloudApiKeys_NotFound(Texts.shorten(id)));
        }
        ApiKey key = toClientKey(found, id);
        CredentialsProvider.track(run, found);
        return withRole(key, role != null ? role : roleOf(found), id, region);
    }

    /**
     * The client a build's step uses: the API key of {@code credentialsId} as the build may use it
     * ({@link #forRun(Run, String, CamRole, String)}), or the temporary keys of the CAM role it names
     * or the step names, in {@code region}. The one place where every step (tatInvoke, tatRun,
     * tatWait and the freestyle build steps, when sending, waiting, resuming or cancelling) resolves
     * its key and region; the client is made by {@link TatClientFactory#create}.
     *
     * @param run the build
     * @param credentialsId the credentials ID the step was given (or its {@code withTencentCloud} block's)
     * @param role the CAM role of the step's {@code withTencentCloud} block, or {@code null}
     * @param region the region the step was given
     * @return a client
     * @throws AbortException if the key cannot be used, or the region or the saved endpoint is malformed
     */
    @NonNull
    public static TatClient clientForRun(@NonNull Run<?, ?> run, @CheckForNull String credentialsId,
            @CheckForNull CamRole role, @CheckForNull String region) throws AbortException {
        return TatClientFactory.create(forRun(run, credentialsId, role, region), region);
    }

    /**
     * @param found credentials that hold an API key
     * @return the role they name, or {@code null}
     */
    @CheckForNull
    public static CamRole roleOf(@NonNull StandardCredentials found) {
        return found instanceof TencentCloudCredentials apiKey ? apiKey.getAssumeRole() : null;
    }

    private static CredentialProvider withRole(ApiKey key, @CheckForNull CamRole role, String id,
            @CheckForNull String region) throws AbortException {
        if (role == null) {
            return key;
        }
        List<Violation> violations = role.violations();
        if (!violations.isEmpty()) {
            throw new AbortException(Messages.TencentCloudApiKeys_BadRole(Texts.shorten(id),
                    new InvalidRequestException("CAM role", violations).getMessage()));
        }
        return TatClientFactory.temporaryKeys(key, role.toRequest(), region);
    }

    /**
     * The choices of a credentials field, for a user allowed to see them: Item/Extended Read or
     * Credentials/Use Item on the job, Overall/Administer outside a job (the credentials plugin's
     * consumer guide). Anyone else gets the current value alone, so the list reveals no ID.
     *
     * @param item the job or folder, or {@code null} at the top level
     * @param credentialsId the current value, kept in the list
     * @return the choices
     */
    @NonNull
    public static ListBoxModel fillItems(@CheckForNull Item item, @CheckForNull String credentialsId) {
        StandardListBoxModel result = new StandardListBoxModel();
        String current = Util.fixNull(credentialsId);
        if (!canList(item)) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(authenticationFor(item), item, StandardCredentials.class, Collections.emptyList(), API_KEYS)
                .includeCurrentValue(current);
    }

    /**
     * Checks a credentials field: it must name an API key the job can use. As the credentials
     * plugin's consumer guide ({@code docs/consumer.adoc}) has it, those who may not list the
     * job's credentials get no verdict at all, so the check cannot tell them whether an ID exists;
     * and the check lists (names and IDs) rather than looks up, so it never loads a secret.
     *
     * @param item the job or folder, or {@code null} at the top level
     * @param value the credentials ID
     * @return the outcome; {@link FormValidation#ok()} for those who may not see the credentials
     */
    @NonNull
    public static FormValidation check(@CheckForNull Item item, @CheckForNull String value) {
        if (!canList(item)) {
            return FormValidation.ok();
        }
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            return FormValidation.error(Messages.TencentCloudApiKeys_Required());
        }
        if (id.startsWith("${") && id.endsWith("}")) {
            return FormValidation.warning(Messages.TencentCloudApiKeys_Expression());
        }
        boolean listed = !CredentialsProvider.listCredentialsInItem(StandardCredentials.class, item, authenticationFor(item),
                Collections.emptyList(), CredentialsMatchers.allOf(API_KEYS, CredentialsMatchers.withId(id))).isEmpty();
        return listed ? FormValidation.ok() : FormValidation.error(Messages.TencentCloudApiKeys_NotFound(Texts.shorten(id)));
    }

    /**
     * Finds a key for a form action (such as checking a command) with the job's authentication,
     * so that a form never uses a key the job could not use. The caller checks permissions first.
     *
     * @param item the job or folder, or {@code null} at the top level
     * @param credentialsId the credentials ID
     * @param region the region of the form, for STS when the credentials name a role
     * @return the key (a role's temporary keys if the credentials name one), or {@code null} if
     *     the job cannot use such credentials
     * @throws AbortException if the credentials exist but the key or its role is malformed
     */
    @CheckForNull
    public static CredentialProvider forForm(@CheckForNull Item item, @CheckForNull String credentialsId,
            @CheckForNull String region) throws AbortException {
        String id = Util.fixEmptyAndTrim(credentialsId);
        StandardCredentials found = id == null ? null : find(item, id);
        if (found == null) {
            return null;
        }
        return withRole(toClientKey(found, id), roleOf(found), id, region);
    }

    /**
     * Hands a stored key to the client library: the one place where a SecretKey is decrypted, at
     * the moment a request is about to be signed or a build's environment is given the key.
     *
     * @param found the credentials, already looked up (and tracked) for the build or form
     * @param id their ID, for messages
     * @return the key
     * @throws AbortException if the credentials are of another kind or the key is malformed
     */
    @NonNull
    public static ApiKey toClientKey(@NonNull StandardCredentials found, @NonNull String id)
            throws AbortException {
        String secretId;
        Secret secretKey;
        if (found instanceof TencentCloudCredentials apiKey) {
            secretId = apiKey.getSecretId();
            secretKey = apiKey.getSecretKey();
        } else if (found instanceof StandardUsernamePasswordCredentials usernamePassword) {
            secretId = usernamePassword.getUsername();
            secretKey = usernamePassword.getPassword();
        } else {
            throw new AbortException(Messages.TencentCloudApiKeys_WrongKind(Texts.shorten(id), found.getClass().getSimpleName()));
        }
        try {
            // The one place the SecretKey leaves its Secret: into the key the signer uses.
            return new ApiKey(secretId, secretKey.getPlainText());
        } catch (InvalidRequestException e) {
            // The violations name the field (SecretId, SecretKey) and never echo its value.
            throw new AbortException(Messages.TencentCloudApiKeys_Malformed(id, e.getMessage()));
        }
    }

    @CheckForNull
    private static StandardCredentials find(@CheckForNull Item item, @NonNull String id) {
        List<StandardCredentials> matches = CredentialsProvider.lookupCredentialsInItem(StandardCredentials.class, item,
                authenticationFor(item), Collections.emptyList());
        return matches.stream().filter(c -> id.equals(c.getId()) && API_KEYS.matches(c)).findFirst().orElse(null);
    }

    /** Who may see which credentials a job can use: the gate of the credentials plugin's consumer guide. */
    private static boolean canList(@CheckForNull Item item) {
        return item == null
                ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    private static Authentication authenticationFor(@CheckForNull Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }
}
