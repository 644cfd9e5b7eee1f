package io.jenkins.plugins.tat.client.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The path of one request through the emulated service:
 * <ol>
 *   <li>count it as received and take the armed faults for its action ({@link FaultBoard});</li>
 *   <li>a fault that replaces the service answers now (drop, HTTP 500, garbage,
 *       RequestLimitExceeded); then the throttle may refuse it;</li>
 *   <li>the gateway checks: POST to {@code /} only (else UnsupportedProtocol), the TC3 signature
 *       ({@link Tc3SignatureVerifier}), {@code X-TC-Version == 2020-10-28} (missing:
 *       MissingParameter, other: NoSuchVersion), the action (missing: MissingParameter, unknown:
 *       InvalidAction), the region (missing: MissingParameter, unknown: UnsupportedRegion), and
 *       that the body is a JSON object (else InvalidParameter; an empty body counts as {});</li>
 *   <li>the action validates and applies the request under the state lock;</li>
 *   <li>the answer is HTTP 200 with {@code {"Response":{...,"RequestId":"<uuid>"}}}, or with the
 *       error envelope (docs/dev/protocol.md §3); a bug in the emulator answers InternalError.</li>
 * </ol>
 * Authentication comes before the action and region checks so that an unauthenticated caller
 * learns nothing about the API; the real order is not documented.
 */
final class TatApiPipeline implements LoopbackHttpServer.Handler {

    static final String API_VERSION = "2020-10-28";
    /** How long a {@link FaultKind#NO_ANSWER} connection is held: longer than any test waits. */
    private static final java.time.Duration HOLD_SILENT = java.time.Duration.ofMinutes(10);

    private final EmulatorState state;
    private final StsService sts;
    private final InventoryService inventory;
    private final Tc3SignatureVerifier verifier;
    private final FaultBoard faults;
    private final RequestLog log;
    private final Supplier<Instant> clock;
    private final Map<String, TatAction> actions = new LinkedHashMap<>();

    /** The JSON answer of the service, and the error code in it (null on success). */
    private record Answer(String json, String errorCode) {}

    TatApiPipeline(EmulatorState state, Accounts accounts, StsService sts, InventoryService inventory, FaultBoard faults,
            RequestLog log, Supplier<Instant> clock) {
        this.state = state;
        this.sts = sts;
        this.inventory = inventory;
        this.verifier = new Tc3SignatureVerifier(accounts);
        this.faults = faults;
        this.log = log;
        this.clock = clock;
        for (TatAction action : List.of(new InvokeCommandAction(), new DescribeInvocationsAction(),
                new DescribeInvocationTasksAction(), new DescribeCommandsAction(), new CancelInvocationAction(),
                new RunCommandAction(), new DescribeAutomationAgentStatusAction())) {
            actions.put(action.name(), action);
        }
    }

    @Override
    public HttpReply handle(RawHttpRequest request) {
        Instant receivedAt = clock.get();
        String action = request.header("X-TC-Action").orElse(null);
        log.received(action);
        FaultBoard.Decision decision = faults.take(action);
        Set<FaultKind> struck = EnumSet.noneOf(FaultKind.class);
        if (!decision.delay().isZero()) {
            struck.add(FaultKind.DELAY);
        }
        if (decision.outcome() != null) {
            struck.add(decision.outcome());
        }

        HttpReply reply;
        String errorCode = null;
        FaultKind outcome = decision.outcome();
        if (outcome == FaultKind.DROP_BEFORE_ACTION) {
            reply = new HttpReply.Drop(decision.delay());
        } else if (outcome == FaultKind.HTTP_500) {
            reply = HttpReply.plain(500, "Internal Server Error", "text/plain; charset=utf-8",
                    "500 Internal Server Error (injected by the TAT emulator)").after(decision.delay());
        } else if (outcome == FaultKind.NO_ANSWER) {
            reply = new HttpReply.Drop(HOLD_SILENT); // open and silent until the client gives up
        } else if (outcome == FaultKind.REDIRECT) {
            reply = HttpReply.plain(302, "Found", "text/html; charset=utf-8", "<a href=\"moved\">moved</a>")
                    .withHeader("Location", decision.detail().text()).after(decision.delay());
        } else if (outcome == FaultKind.RAW_ANSWER) {
            reply = HttpReply.json(decision.detail().text()).after(decision.delay());
        } else if (outcome == FaultKind.ENDLESS_BODY) {
            reply = HostileBodies.endless(decision.delay());
        } else if (outcome == FaultKind.HUGE_BODY) {
            reply = HostileBodies.huge(decision.detail().bytes(), decision.detail().declared(), decision.delay());
        } else if (outcome == FaultKind.GARBAGE_BODY) {
            reply = HttpReply.plain(200, "OK", "text/html; charset=utf-8",
                    "<html><body>upstream gateway error (injected by the TAT emulator)</body></html>")
                    .after(decision.delay());
        } else {
            Answer answer;
            if (outcome == FaultKind.REQUEST_LIMIT_EXCEEDED) {
                answer = error(new TatApiError("RequestLimitExceeded", "Your request rate is over the limit (injected)."));
            } else if (outcome == FaultKind.API_ERROR) {
                String message = decision.errorMessage() != null ? decision.errorMessage()
                        : "Injected " + decision.errorCode() + " (TAT emulator).";
                answer = error(new TatApiError(decision.errorCode(), message));
            } else if (!faults.admit(action, receivedAt)) {
                struck.add(FaultKind.THROTTLED);
                answer = error(new TatApiError("RequestLimitExceeded",
                        "Requests for " + action + " exceed the per-second limit; retry later."));
            } else {
                answer = serve(request, action, receivedAt);
            }
            errorCode = answer.errorCode();
            if (outcome == FaultKind.DROP_AFTER_ACTION) {
                reply = new HttpReply.Drop(decision.delay());
            } else if (outcome == FaultKind.SLOW_BODY) {
                reply = HostileBodies.slow(answer.json(), decision.detail().pace(), decision.delay());
            } else {
                reply = HttpReply.json(answer.json()).after(decision.delay());
            }
        }
        log.record(new RecordedRequest(action, receivedAt, request.lowerCasedHeaders(), request.bodyText(),
                errorCode, struck));
        return reply;
    }

    private Answer serve(RawHttpRequest request, String actionName, Instant now) {
        try {
            if (!"POST".equals(request.method()) || !"/".equals(request.path()) || request.hasQuery()) {
                throw new TatApiError("UnsupportedProtocol", "The TAT emulator serves `POST /` with a JSON body only, not `"
                        + request.method() + " " + request.target() + "`.");
            }
            if (isSts(request)) {
                return serveSts(request, actionName, now);
            }
            String scope = Tc3SignatureVerifier.scopeService(request).orElse("");
            if (InventoryService.serves(scope)) {
                return serveInventory(request, scope, actionName, now);
            }
            Tc3SignatureVerifier.Caller caller = verifier.verify(request, now);
            String version = requiredHeader(request, "X-TC-Version");
            if (!API_VERSION.equals(version)) {
                throw new TatApiError("NoSuchVersion", "TAT has no API version `" + version + "`; use " + API_VERSION + ".");
            }
            requiredHeader(request, "X-TC-Action");
            if (InventoryService.REGISTER_INSTANCES.equals(actionName)) {
                String region = requiredHeader(request, "X-TC-Region");
                synchronized (state) {
                    if (!state.regions.contains(region)) {
                        throw new TatApiError("UnsupportedRegion", "TAT is not available in region `" + region + "`.");
                    }
                }
                ObjectNode fields = inventory.describeRegisterInstances(region, parseBody(request), caller.secretId());
                log.executed(actionName);
                return success(fields);
            }
            TatAction action = actions.get(actionName);
            if (action == null) {
                throw new TatApiError("InvalidAction", "The action `" + actionName + "` does not exist in TAT "
                        + API_VERSION + " (the emulator implements " + actions.keySet() + ").");
            }
            String region = requiredHeader(request, "X-TC-Region");
            ObjectNode body = parseBody(request);
            ObjectNode fields;
            synchronized (state) {
                if (!state.regions.contains(region)) {
                    throw new TatApiError("UnsupportedRegion", "TAT is not available in region `" + region + "`.");
                }
                fields = action.execute(new TatAction.Context(state, region, body, now));
            }
            log.executed(actionName);
            return success(fields);
        } catch (TatApiError e) {
            return error(e);
        } catch (RuntimeException e) {
            // A bug in the emulator: answer like the service would, and keep the cause visible.
            return error(new TatApiError("InternalError", "TAT emulator failure: " + e));
        }
    }

    /**
     * Whether a request is for STS, served on the same port: its credential scope names
     * {@code sts}, or, when the scope names neither product (the official SDK signs with the first
     * label of a custom endpoint's host, docs/dev/protocol.md §6), its X-TC-Version is STS's.
     */
    private static boolean isSts(RawHttpRequest request) {
        String service = Tc3SignatureVerifier.scopeService(request).orElse("");
        if (service.equals(StsService.SERVICE) || service.equals(Tc3SignatureVerifier.SERVICE)) {
            return service.equals(StsService.SERVICE);
        }
        return request.header("X-TC-Version").map(String::trim).filter(StsService.API_VERSION::equals).isPresent();
    }

    /** STS: the same gateway checks as TAT's, for STS's service and version; then the action. */
    private Answer serveSts(RawHttpRequest request, String actionName, Instant now) {
        Tc3SignatureVerifier.Caller caller = verifier.verify(request, now, StsService.SERVICE);
        String version = requiredHeader(request, "X-TC-Version");
        if (!StsService.API_VERSION.equals(version)) {
            throw new TatApiError("NoSuchVersion", "STS has no API version `" + version + "`; use "
                    + StsService.API_VERSION + ".");
        }
        requiredHeader(request, "X-TC-Action");
        requiredHeader(request, "X-TC-Region");
        ObjectNode fields = sts.execute(actionName, parseBody(request), caller.secretId(), now);
        log.executed(actionName);
        return success(fields);
    }

    /**
     * CVM, Lighthouse and Auto Scaling, chosen by the credential scope: the same gateway checks as
     * TAT's, for the product's service and version; then its listing action.
     */
    private Answer serveInventory(RawHttpRequest request, String service, String actionName, Instant now) {
        Tc3SignatureVerifier.Caller caller = verifier.verify(request, now, service);
        String version = requiredHeader(request, "X-TC-Version");
        if (!InventoryService.version(service).equals(version)) {
            throw new TatApiError("NoSuchVersion", service + " has no API version `" + version + "`; use "
                    + InventoryService.version(service) + ".");
        }
        requiredHeader(request, "X-TC-Action");
        String region = requiredHeader(request, "X-TC-Region");
        ObjectNode fields = inventory.execute(service, actionName, region, parseBody(request), caller.secretId());
        log.executed(actionName);
        return success(fields);
    }

    private static String requiredHeader(RawHttpRequest request, String name) {
        String value = request.header(name).map(String::trim).orElse("");
        if (value.isEmpty()) {
            throw new TatApiError("MissingParameter", "The request is missing the required header " + name + ".");
        }
        return value;
    }

    private static ObjectNode parseBody(RawHttpRequest request) {
        byte[] body = request.body();
        if (body.length == 0) {
            return TatJson.object();
        }
        JsonNode node;
        try {
            node = TatJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new TatApiError("InvalidParameter", "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new TatApiError("InvalidParameter", "The request body is not valid UTF-8 JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new TatApiError("InvalidParameter", "The request body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    private static Answer success(ObjectNode fields) {
        ObjectNode response = TatJson.object();
        response.setAll(fields);
        response.put("RequestId", UUID.randomUUID().toString());
        return new Answer(envelope(response), null);
    }

    private static Answer error(TatApiError error) {
        ObjectNode response = TatJson.object();
        response.putObject("Error").put("Code", error.code()).put("Message", error.getMessage());
        response.put("RequestId", UUID.randomUUID().toString());
        return new Answer(envelope(response), error.code());
    }

    private static String envelope(ObjectNode response) {
        ObjectNode root = TatJson.object();
        root.set("Response", response);
        return TatJson.write(root);
    }
}
