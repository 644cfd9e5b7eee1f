package io.jenkins.plugins.tat.wait;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.fleet.InvocationIdList;
import io.jenkins.plugins.tat.client.rules.Regions;
import io.jenkins.plugins.tat.client.rules.TatIds;
import io.jenkins.plugins.tat.client.rules.Violation;
import io.jenkins.plugins.tat.client.text.Texts;
import io.jenkins.plugins.tat.client.watch.WaitTimeouts;
import io.jenkins.plugins.tat.cloud.TencentCloudContext;
import io.jenkins.plugins.tat.forms.ApiKeyFormChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code tatWait}: waits for an invocation started earlier, for example by {@code tatInvoke} in
 * another stage, prints each instance's output, and returns one map per task:
 * {@code instanceId}, {@code taskId}, {@code status}, {@code exitCode}, {@code output},
 * {@code outputUrl}, {@code errorInfo}, {@code dropped}, {@code invocationId}. It takes several
 * InvocationIds too, comma-separated: what {@code tatInvoke} returns for a fleet sent in batches.
 *
 * <pre>
 * def id = tatInvoke credentialsId: 'tencent', region: 'ap-guangzhou', commandId: 'cmd-abcd1234',
 *                    instanceIds: ['ins-aaaa1111', 'ins-bbbb2222']
 * // ... other work ...
 * def tasks = tatWait credentialsId: 'tencent', region: 'ap-guangzhou', invocationId: id
 * tasks.each { echo "${it.instanceId}: ${it.status}" }
 * </pre>
 */
public final class TatWaitStep extends Step {

    private final String invocationId;
    private String credentialsId;
    private String region;
    private Integer waitTimeout;
    private boolean failOnTaskFailure = true;

    /**
     * @param invocationId the invocation, {@code inv-xxxxxxxx}; or several, comma-separated, as
     *     {@code tatInvoke} returns them for a fleet sent in batches
     */
    @DataBoundConstructor
    public TatWaitStep(String invocationId) {
        this.invocationId = Util.fixEmptyAndTrim(invocationId);
    }

    /**
     * The constructor before {@code credentialsId} and {@code region} became optional setters, as
     * in every other step; for Java callers.
     *
     * @param credentialsId the API key's credentials ID; may be empty inside {@code withTencentCloud}
     * @param region the invocation's region; may be empty inside {@code withTencentCloud}
     * @param invocationId the invocation, or several, comma-separated
     * @deprecated use {@link #TatWaitStep(String)}, {@link #setCredentialsId} and {@link #setRegion}
     */
    @Deprecated
    public TatWaitStep(String credentialsId, String region, String invocationId) {
        this(invocationId);
        setCredentialsId(credentialsId);
        setRegion(region);
    }

    /** @return the credentials ID, or {@code null} to take the enclosing {@code withTencentCloud} block's */
    public String getCredentialsId() {
        return credentialsId;
    }

    /** @param credentialsId the API key's credentials ID; may be empty inside {@code withTencentCloud} */
    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    /** @return the region, or {@code null} to take the enclosing {@code withTencentCloud} block's */
    public String getRegion() {
        return region;
    }

    /** @param region the invocation's region; may be empty inside {@code withTencentCloud} */
    @DataBoundSetter
    public void setRegion(@CheckForNull String region) {
        this.region = Util.fixEmptyAndTrim(region);
    }

    /** @return the invocation */
    public String getInvocationId() {
        return invocationId;
    }

    /** @return the wait timeout in seconds, or {@code null} for the default (one hour) */
    @CheckForNull
    public Integer getWaitTimeout() {
        return waitTimeout;
    }

    /** @param waitTimeout seconds, 1 to 604800; empty for one hour */
    @DataBoundSetter
    public void setWaitTimeout(@CheckForNull Integer waitTimeout) {
        this.waitTimeout = waitTimeout;
    }

    /** @return whether a task that did not succeed fails the step */
    public boolean isFailOnTaskFailure() {
        return failOnTaskFailure;
    }

    /** @param failOnTaskFailure whether a task that did not succeed fails the step (default true) */
    @DataBoundSetter
    public void setFailOnTaskFailure(boolean failOnTaskFailure) {
        this.failOnTaskFailure = failOnTaskFailure;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        // Cheap checks on the CPS thread, so that a typo fails at once and names its field.
        TencentCloudContext scope = TencentCloudContext.resolve(context, credentialsId, region);
        List<Violation> violations = new ArrayList<>();
        if (scope.getCredentialsId() == null) {
            violations.add(new Violation("credentialsId", Messages.TatWaitStep_CredentialsRequired(), "MissingParameter"));
        }
        Regions.check(scope.getRegion()).ifPresent(violations::add);
        List<String> ids = InvocationIdList.parse(invocationId);
        if (invocationId == null) {
            violations.add(new Violation("invocationId", Messages.TatWaitStep_InvocationIdRequired(), "MissingParameter"));
        } else {
            // Quotes each value shortened, invisible characters written out.
            violations.addAll(InvocationIdList.check("invocationId", ids));
        }
        WaitTimeouts.check(waitTimeout == null ? null : waitTimeout.longValue()).ifPresent(violations::add);
        if (!violations.isEmpty()) {
            throw new AbortException(new InvalidRequestException("tatWait arguments", violations).getMessage());
        }
        return InvocationWaitExecution.waitOnly(context, scope, ids,
                WaitTimeouts.of(waitTimeout == null ? null : waitTimeout.longValue()).toSeconds(), failOnTaskFailure);
    }

    /** The step's descriptor; the API key, region and wait timeout checks come from {@link ApiKeyFormChecks}. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor implements ApiKeyFormChecks {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "tatWait";
        }

        /** Inside {@code withTencentCloud}, credentialsId and region may be left empty. */
        @Override
        @Restricted(NoExternalUse.class)
        public boolean fieldsMayComeFromEnclosingBlock() {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TatWaitStep_DisplayName();
        }

        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            Object id = namedArgs.get("invocationId");
            return id instanceof String s ? s : null;
        }

        /**
         * A syntax check: it reads the typed value only, so it answers everyone who can reach the
         * form (see the {@code io.jenkins.plugins.tat.forms} package documentation).
         *
         * @param value the invocation ID
         * @return the check
         */
        @POST
        @Restricted(NoExternalUse.class)
        @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
        public FormValidation doCheckInvocationId(@QueryParameter String value) {
            String text = Util.fixEmptyAndTrim(value);
            if (text == null || text.contains("$")) {
                return FormValidation.ok();
            }
            for (String id : InvocationIdList.parse(text)) {
                if (!TatIds.isInvocationId(id)) {
                    return FormValidation.error(Messages.TatWaitStep_NotAnInvocationId(Texts.shorten(id)));
                }
            }
            return FormValidation.ok();
        }
    }
}
