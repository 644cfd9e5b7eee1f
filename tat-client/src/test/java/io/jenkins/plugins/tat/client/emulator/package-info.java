/**
 * The TAT emulator: an imitation of Tencent Cloud TAT (API 2020-10-28) over real HTTP on
 * 127.0.0.1, for testing clients without the cloud. Start with {@link
 * io.jenkins.plugins.tat.client.emulator.TatEmulator}. The wire protocol it follows is
 * {@code docs/dev/protocol.md}; section numbers below refer to it.
 *
 * <h2>Pointing a client at it</h2>
 * <ul>
 *   <li>{@code java.net.http}: POST to {@code emu.endpoint()}; the Host it sends is
 *       {@code 127.0.0.1:<port>}, so sign that and the service {@code tat}.</li>
 *   <li>The official SDK: {@code HttpProfile.setProtocol("http://")} and
 *       {@code setEndpoint(emu.hostAndPort())}; the SDK then signs the scope service {@code 127},
 *       which the emulator accepts (§6 "Quirk"). Or keep {@code tat.tencentcloudapi.com} as the
 *       endpoint and make the emulator the HTTP proxy (§6 option B); it accepts the absolute-form
 *       request line.</li>
 *   <li>The SDK signs with the real time; with an {@link
 *       io.jenkins.plugins.tat.client.emulator.AdjustableClock} start at {@code Instant.now()} and
 *       stay within the 300 s window.</li>
 * </ul>
 *
 * <h2>Choices where the documentation is silent</h2>
 * <ul>
 *   <li>HTTP: one request per connection, always {@code Connection: close}. Only {@code POST /}
 *       without a query is served; anything else is HTTP 200 {@code UnsupportedProtocol}. An
 *       unreadable HTTP request is HTTP 400, a body over 10 MB HTTP 413 (plain text).</li>
 *   <li>Order of checks: injected faults, throttle, method and path, signature, X-TC-Version,
 *       X-TC-Action, X-TC-Region, body, then the action's own checks.</li>
 *   <li>Headers: missing X-TC-Timestamp, X-TC-Version, X-TC-Action or X-TC-Region is
 *       {@code MissingParameter}; a non-numeric X-TC-Timestamp is {@code InvalidParameterValue}.
 *       A missing or unparsable Authorization, a signed header that was not sent, or SignedHeaders
 *       without content-type and host is {@code AuthFailure.InvalidAuthorization}. A scope date
 *       other than the UTC date of the timestamp, or a scope service other than {@code tat} or
 *       the first label of Host, is {@code AuthFailure.SignatureFailure} (§8 open question 1). An
 *       X-TC-Token sent with a long-term key is {@code AuthFailure.TokenFailure}.</li>
 *   <li>Body: empty counts as {@code {}}; not a JSON object is {@code InvalidParameter}; an
 *       unknown field is {@code UnknownParameter}; a field of the wrong JSON type is
 *       {@code InvalidParameter}.</li>
 *   <li>InvokeCommand: an empty InstanceIds is {@code MissingParameter}; an instance listed twice
 *       is {@code InvalidParameterValue}; any mix of {@code ins-}, {@code lhins-} and {@code rins-}
 *       is {@code InvalidParameterValue.InconsistentInstance}; the Parameters checks run in the
 *       order given in {@code InvokeParameters}; undeclared parameter keys are accepted.</li>
 *   <li>Describe*: more than 100 IDs, Limit outside [1, 100] or a negative Offset is
 *       {@code InvalidParameterValue}; a filter without a name or values is
 *       {@code InvalidParameterValue.InvalidFilter}; a malformed ID (also as an ID filter value)
 *       gets that kind's {@code Invalid*Id} code; a well-formed unknown ID matches nothing.
 *       Results are in creation order. Invocations and tasks are per region; commands are
 *       visible in every region. Hidden output is {@code ""}.</li>
 *   <li>CancelInvocation: no or an empty InstanceIds cancels every task; cancelling finished
 *       tasks succeeds and changes nothing; CANCELLING is never reported.</li>
 *   <li>Tasks: ExitCode -1 for TIMEOUT and TERMINATED, 0 while no process has exited; output only
 *       once the command has ended by itself or timed out; InvocationStatus aggregated as in
 *       {@code InvocationStatusRule}; InstanceKind null for managed instances; InvocationSource
 *       always {@code USER}.</li>
 *   <li>Throttling: a separate rolling one-second window per action; refused requests do not
 *       count.</li>
 * </ul>
 */
package io.jenkins.plugins.tat.client.emulator;
