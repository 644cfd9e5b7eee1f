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
import io.jenkins.plugins.tat.client.Regions;
import io.jenkins.plugins.tat.client.TencentCloudCredential;
import io.jenkins.plugins.tat.client.Texts;
import io.jenkins.plugins.tat.client.Violation;
import io.jenkins.plugins.tat.credentials.TencentCloudApiKeys;
import io.jenkins.plugins.tat.forms.ApiKeyFormChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
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
 */
public final class WithTencentCloudStep extends Step {

    private String credentialsId;
    private String region;

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

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(context, TencentCloudContext.of(credentialsId, region));
    }

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

            TencentCloudCredential key = TencentCloudApiKeys.forRun(run, scope.getCredentialsId());
            Map<String, String> secrets = TencentCloudEnvironment.variablesOf(key.export());
            Map<String, String> publicValues = TencentCloudEnvironment.regionOf(scope.getRegion());
            listener.getLogger().println(Messages.WithTencentCloudStep_Started(Texts.shorten(scope.getCredentialsId()),
                    key.maskedSecretId(), scope.getRegion() == null ? Messages.WithTencentCloudStep_NoRegion() : scope.getRegion(),
                    secrets.keySet().stream().map(name -> "$" + name).collect(Collectors.joining(", "))));

            context.newBodyInvoker()
                    .withContexts(scope,
                            EnvironmentExpander.merge(context.get(EnvironmentExpander.class),
                                    new TencentCloudEnvironment(secrets, publicValues)),
                            BodyInvoker.mergeConsoleLogFilters(context.get(ConsoleLogFilter.class),
                                    SecretMasking.logFilter(secrets.values(), run.getCharset())))
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
