package io.jenkins.plugins.tat.invoke;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.tat.TatInvocationAction;
import io.jenkins.plugins.tat.client.Endpoints;
import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.InvokeCommandRequest;
import io.jenkins.plugins.tat.client.InvokeCommandResponse;
import io.jenkins.plugins.tat.client.Regions;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.Violation;
import io.jenkins.plugins.tat.config.TatClients;
import io.jenkins.plugins.tat.credentials.TencentCloudApiKeys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What both front ends do to invoke a command: check the request, look up the API key, call
 * InvokeCommand, log, and attach a {@link TatInvocationAction}. Every failure ends in an
 * {@link AbortException} whose message names the field and the rule, or gives the API's error
 * code, message and RequestId.
 */
@Restricted(NoExternalUse.class)
public final class TatInvoker {

    private TatInvoker() {}

    /**
     * A started invocation, and the client that started it (for waiting on it).
     *
     * @param invocationId the InvocationId
     * @param client the client
     * @param action the action recorded on the build
     */
    @Restricted(NoExternalUse.class)
    public record Started(String invocationId, TatClient client, TatInvocationAction action) {}

    /**
     * Invokes a command for a build.
     *
     * @param run the build
     * @param listener its log
     * @param spec what to invoke; Pipeline values as given, freestyle values already expanded
     * @return the started invocation
     * @throws AbortException if a value breaks a rule (nothing is sent), the credentials cannot be
     *     used, or the API refuses the call or gives no usable answer
     * @throws InterruptedException if the build is aborted meanwhile
     */
    @NonNull
    public static Started invoke(@NonNull Run<?, ?> run, @NonNull TaskListener listener, @NonNull InvocationSpec spec)
            throws IOException, InterruptedException {
        // Check the request before anything else, so that a mistake fails fast and names its
        // field, without a credentials look-up or a network call.
        InvokeCommandRequest request = spec.toRequest();
        List<Violation> violations = new ArrayList<>();
        Regions.check(spec.getRegion()).ifPresent(violations::add);
        violations.addAll(request.validate());
        if (!violations.isEmpty()) {
            throw new AbortException(new InvalidRequestException("tatInvoke arguments", violations).getMessage());
        }
        TatClient client = TatClients.create(
                TencentCloudApiKeys.forRun(run, spec.getCredentialsId(), spec.getRole(), spec.getRegion()), spec.getRegion());

        int instances = request.instanceIds().size();
        listener.getLogger().println(Messages.TatInvoker_Invoking(spec.getCommandId(), instances, spec.getRegion()));
        InvokeCommandResponse response;
        try {
            response = client.invokeCommand(request);
        } catch (TatException e) {
            throw new AbortException(Messages.TatInvoker_Failed(TatClients.explain(e, client)));
        }
        listener.getLogger().println(Messages.TatInvoker_Started(response.invocationId(), response.requestId(), TatInvocationAction.ENV_VAR));

        TatInvocationAction action = new TatInvocationAction(response.invocationId(), spec.getRegion(), spec.getCommandId(),
                response.requestId(), instances, Endpoints.consoleUrl(client.endpoint(), spec.getRegion()));
        run.addAction(action);
        return new Started(response.invocationId(), client, action);
    }
}
