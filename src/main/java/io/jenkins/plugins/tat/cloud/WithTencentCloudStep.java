package io.jenkins.plugins.tat.cloud;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.auth.AssumedRoleCredentials;
import io.jenkins.plugins.tat.client.auth.CredentialProvider;
import io.jenkins.plugins.tat.client.rules.Regions;
import io.jenkins.plugins.tat.client.rules.Violation;
import io.jenkins.plugins.tat.client.text.Texts;
import io.jenkins.plugins.tat.credentials.CamRole;
import io.jenkins.plugins.tat.forms.ApiKeyFormChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.FailureHandler;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code withTencentCloud}: runs its block with a Tencent Cloud API key (and region) in the
 * environment, for {@code tccli} and the SDKs, and as the default of the TAT steps inside, which
 * may then leave out {@code credentialsId} and {@code region}.
 *
 * <pre>
 * withTencentCloud(credentialsId: 'tencent-deploy', region: 'ap-guangzhou') {
 *     sh 'tccli tat DescribeCommands'
 *     def id = tatInvoke commandId: 'cmd-abcd1234', instanceIds: 'ins-aaaa1111'
 *     tatWait invocationId: id
 * }
 * </pre>
 *
 * <p>The block sets {@code TENCENTCLOUD_SECRET_ID}, {@code TENCENTCLOUD_SECRET_KEY},
 * {@code TENCENTCLOUD_REGION} and, for a temporary key, {@code TENCENTCLOUD_SESSION_TOKEN}
 * ({@link TencentCloudEnvironment}); their values are masked in the block's log. A block inside
 * another takes what it leaves out from the outer one.
 *
 * <p>With {@code role} (and {@code roleSessionName}, {@code durationSeconds}, {@code externalId})
 * the key assumes a CAM role: the steps inside sign with the role's temporary keys, renewed before
 * they expire, and the variables hold the temporary key issued when the block started, with its
 * token.
 */
public final class WithTencentCloudStep extends Step {

    private String credentialsId;
    private String region;
    private String role;
    private String roleSessionName;
    private Integer durationSeconds;
    private String externalId;

    /** A block with no values yet; set them with the setters (Pipeline: named arguments). */
    @DataBoundConstructor
    public WithTencentCloudStep() {}

    /** @return the API key's credentials ID, or {@code null} to take an enclosing block's */
    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    /** @param credentialsId a Tencent Cloud API key, or a username/password credential (SecretId, SecretKey) */
    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    /** @return the region, or {@code null} to take an enclosing block's (or none) */
    @CheckForNull
    public String getRegion() {
        return region;
    }

    /** @param region the region the steps inside act on, e.g. {@code ap-guangzhou} */
    @DataBoundSetter
    public void setRegion(@CheckForNull String region) {
        this.region = Util.fixEmptyAndTrim(region);
    }

    /** @return the CAM role to assume with the key, or {@code null} for the credentials' own (if any) */
    @CheckForNull
    public String getRole() {
        return role;
    }

    /**
     * @param role a CAM role ARN, e.g. {@code qcs::cam::uin/100000000001:roleName/jenkins-deploy}:
     *     the steps inside sign with its temporary keys
     */
    @DataBoundSetter
    public void setRole(@CheckForNull String role) {
        this.role = Util.fixEmptyAndTrim(role);
    }

    /** @return the role's session name, or {@code null} for {@value CamRole#DEFAULT_SESSION_NAME} */
    @CheckForNull
    public String getRoleSessionName() {
        return roleSessionName;
    }

    /** @param roleSessionName 2 to 128 letters, digits or {@code +=,.@_-} */
    @DataBoundSetter
    public void setRoleSessionName(@CheckForNull String roleSessionName) {
        this.roleSessionName = Util.fixEmptyAndTrim(roleSessionName);
    }

    /** @return the temporary keys' life in seconds, or {@code null} for STS's default (7200) */
    @CheckForNull
    public Integer getDurationSeconds() {
        return durationSeconds;
    }

    /** @param durationSeconds 1 to 43200 */
    @DataBoundSetter
    public void setDurationSeconds(@CheckForNull Integer durationSeconds) {
        this.durationSeconds = durationSeconds;
    }

    /** @return the external ID the role's trust policy asks for, or {@code null} */
    @CheckForNull
    public String getExternalId() {
        return externalId;
    }

    /** @param externalId the external ID the role's trust policy asks for */
    @DataBoundSetter
    public void setExternalId(@CheckForNull String externalId) {
        this.externalId = Util.fixEmptyAndTrim(externalId);
    }

    /** The role the block names, or {@code null}; its other fields go with it. */
    @CheckForNull
    CamRole camRole() {
        if (role == null) {
            return null;
        }
        CamRole camRole = new CamRole(role);
        camRole.setRoleSessionName(roleSessionName);
        camRole.setDurationSeconds(durationSeconds);
        camRole.setExternalId(externalId);
        return camRole;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        List<Violation> violations = new ArrayList<>();
        CamRole camRole = camRole();
        if (camRole != null) {
            // The names of the step's arguments, not of AssumeRole's fields.
            for (Violation v : camRole.violations()) {
                violations.add(new Violation(ARGUMENTS.getOrDefault(v.field(), v.field()), v.message(), v.errorCode()));
            }
        } else if (roleSessionName != null || durationSeconds != null || externalId != null) {
            violations.add(new Violation("role", Messages.WithTencentCloudStep_RoleRequired(), "MissingParameter"));
        }
        if (!violations.isEmpty()) {
            throw new AbortException(new InvalidRequestException("withTencentCloud arguments", violations).getMessage());
        }
        return new Execution(context, TencentCloudContext.of(credentialsId, region, camRole));
    }

    /** AssumeRole's field names and the step's argument names for them. */
    private static final Map<String, String> ARGUMENTS = Map.of("RoleArn", "role", "RoleSessionName", "roleSessionName",
            "DurationSeconds", "durationSeconds", "ExternalId", "externalId");

    /**
     * Looks the key up off the CPS VM thread, then runs the body with the block's context,
     * environment and masking. Nothing of it needs to resume: after a restart the body goes on
     * with what was handed to it, saved with the Pipeline (the secrets encrypted).
     */
    static final class Execution extends GeneralNonBlockingStepExecution {

        private static final long serialVersionUID = 1L;

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
                justification = "Only start() reads it; after a restart the body runs with the contexts it was given.")
        private final transient TencentCloudContext own;

        Execution(StepContext context, TencentCloudContext own) {
            super(context);
            this.own = own;
        }

        @Override
        public boolean start() {
            run(this::startBody);
            return false;
        }

        private void startBody() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            TencentCloudContext scope = own.within(context.get(TencentCloudContext.class));
            check(scope);

            CredentialProvider credentials = scope.credentials(run);
            ApiKey key;
            try {
                key = credentials.current(); // a role's temporary key: asked from STS now
            } catch (TatException e) {
                throw new AbortException(e.getMessage());
            }
            Map<String, String> secrets = TencentCloudEnvironment.variablesOf(key.export());
            Map<String, String> publicValues = TencentCloudEnvironment.regionOf(scope.getRegion());
            String region = scope.getRegion() == null ? Messages.WithTencentCloudStep_NoRegion() : scope.getRegion();
            String masking = secrets.keySet().stream().map(name -> "$" + name).collect(Collectors.joining(", "));
            String id = Texts.shorten(scope.getCredentialsId());
            listener.getLogger().println(credentials instanceof AssumedRoleCredentials role
                    ? Messages.WithTencentCloudStep_StartedWithRole(id, Texts.shorten(role.roleArn()), region, masking)
                    : Messages.WithTencentCloudStep_Started(id, key.maskedSecretId(), region, masking));

            context.newBodyInvoker()
                    .withContexts(scope,
                            EnvironmentExpander.merge(context.get(EnvironmentExpander.class),
                                    new TencentCloudEnvironment(secrets, publicValues)),
                            BodyInvoker.mergeConsoleLogFilters(context.get(ConsoleLogFilter.class),
                                    SecretMasking.logFilter(secrets.values(), run.getCharset())),
                            SecretMasking.failureHandler(context.get(FailureHandler.class), secrets.values()))
                    .withCallback(SecretMasking.endingWith(context, secrets.values()))
                    .start();
        }

        /** The block needs a key, its own or an outer block's; a region it names must be well formed. */
        private static void check(TencentCloudContext scope) throws AbortException {
            List<Violation> violations = new ArrayList<>();
            if (scope.getCredentialsId() == null) {
                violations.add(new Violation("credentialsId", Messages.WithTencentCloudStep_CredentialsRequired(),
                        "MissingParameter"));
            }
            if (scope.getRegion() != null) {
                Regions.check(scope.getRegion()).ifPresent(violations::add);
            }
            if (!violations.isEmpty()) {
                throw new AbortException(new InvalidRequestException("withTencentCloud arguments", violations).getMessage());
            }
        }
    }

    /** The step's descriptor; the credentials list and the region check come from {@link ApiKeyFormChecks}. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor implements ApiKeyFormChecks {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "withTencentCloud";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.WithTencentCloudStep_DisplayName();
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        /** Blank fields are taken from an enclosing block; a blank region sets none. */
        @Override
        @Restricted(NoExternalUse.class)
        public boolean fieldsMayComeFromEnclosingBlock() {
            return true;
        }

        /** Shows the credentials ID in the Pipeline graph: an ID, not a secret. */
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            Object id = namedArgs.get("credentialsId");
            return id instanceof String s ? s : null;
        }
    }
}
