package io.jenkins.plugins.tat.client.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The emulated STS (API 2018-08-13, service {@code sts}): AssumeRole issues a temporary key for a
 * registered role (docs/dev/protocol.md §9) and registers it with the accounts, so that TAT accepts it, with
 * its token only, until it expires on the server clock.
 *
 * <p>Error codes. The parameter rules are §9's; the codes are AssumeRole's in the Go SDK
 * (TencentCloud/tencentcloud-sdk-go, {@code tencentcloud/sts/v20180813/client.go}, docs/dev/protocol.md
 * §0), the pairing of rule and code is inferred:
 * <ul>
 *   <li>a required field missing: {@code MissingParameter};</li>
 *   <li>a malformed RoleArn, RoleSessionName or ExternalId: {@code InvalidParameter.ParamError};</li>
 *   <li>DurationSeconds outside 1 to 43200: {@code InvalidParameter.OverTimeError};</li>
 *   <li>a role that does not exist: {@code InternalError.GetRoleError} ("role not exist", as real
 *       callers report it);</li>
 *   <li>a key the role does not trust, a temporary key, or a wrong external ID:
 *       {@code UnauthorizedOperation}.</li>
 * </ul>
 */
final class StsService {

    static final String SERVICE = "sts";
    static final String API_VERSION = "2018-08-13";

    private static final Set<String> FIELDS = Set.of("RoleArn", "RoleSessionName", "DurationSeconds", "ExternalId",
            "Policy", "Tags", "SourceIdentity");
    private static final String NAME = "[\\w+=,.@-]{1,128}";
    private static final Pattern ROLE_ARN = Pattern.compile(
            "qcs::cam::uin/[0-9]{1,20}:(roleName/" + NAME + "|role/(tencentcloudServiceRole(Name)?/)?" + NAME + ")");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,128}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,128}");
    private static final String KEY_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Accounts accounts;
    private final Map<String, EmulatedRole> roles = new ConcurrentHashMap<>();
    private final List<IssuedKey> issued = new ArrayList<>();

    StsService(Accounts accounts) {
        this.accounts = accounts;
    }

    void add(EmulatedRole role) {
        roles.put(role.roleArn(), role);
    }

    synchronized List<IssuedKey> issued() {
        return List.copyOf(issued);
    }

    /** Ends every issued key's life now, as revoking a role's sessions would. */
    synchronized void revokeAll(Instant now) {
        for (IssuedKey key : issued) {
            accounts.find(key.secretId()).filter(a -> a.expiresAt().isAfter(now)).ifPresent(a -> accounts.add(
                    new Accounts.Account(a.secretId(), a.secretKey(), a.sessionToken(), a.roleArn(), now)));
        }
    }

    /**
     * Runs an STS action for a caller whose signature was verified.
     *
     * @throws TatApiError for a request STS would refuse
     */
    ObjectNode execute(String action, ObjectNode body, String callerSecretId, Instant now) {
        if (!"AssumeRole".equals(action)) {
            throw new TatApiError("InvalidAction", "The action `" + action + "` does not exist in STS " + API_VERSION
                    + " (the emulator implements [AssumeRole]).");
        }
        ActionParams params = new ActionParams(body, FIELDS);
        String roleArn = required(params, "RoleArn");
        String sessionName = required(params, "RoleSessionName");
        if (!ROLE_ARN.matcher(roleArn).matches()) {
            throw new TatApiError("InvalidParameter.ParamError", "RoleArn `" + roleArn + "` is not a role ARN.");
        }
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw new TatApiError("InvalidParameter.ParamError", "RoleSessionName must be 2 to 128 of [\\w+=,.@-].");
        }
        long duration = params.integer("DurationSeconds").orElse(7200L);
        if (duration < 1 || duration > 43200) {
            throw new TatApiError("InvalidParameter.OverTimeError", "DurationSeconds " + duration
                    + " is out of range; at most 43200.");
        }
        String externalId = params.string("ExternalId").orElse(null);
        if (externalId != null && !EXTERNAL_ID.matcher(externalId).matches()) {
            throw new TatApiError("InvalidParameter.ParamError", "ExternalId must be 2 to 128 of [\\w+=,.@:/-].");
        }
        String policy = params.string("Policy").orElse(null);
        if (policy != null) {
            checkPolicy(policy);
        }
        EmulatedRole role = roles.get(roleArn);
        if (role == null) {
            throw new TatApiError("InternalError.GetRoleError", "role not exist");
        }
        Accounts.Account caller = accounts.find(callerSecretId).orElseThrow();
        if (caller.isTemporary() || !role.trusts(callerSecretId)) {
            throw new TatApiError("UnauthorizedOperation", "you are not authorized to perform operation (sts:AssumeRole),"
                    + " resource (" + roleArn + ") has no permission");
        }
        if (role.externalId() != null && !role.externalId().equals(externalId)) {
            throw new TatApiError("UnauthorizedOperation", "the ExternalId does not match the role's trust policy");
        }

        // ExpiredTime is in whole seconds; the key expires exactly then.
        Instant expiresAt = Instant.ofEpochSecond(now.getEpochSecond() + duration);
        Accounts.Account key = new Accounts.Account("AKIDtmp" + random(25), random(32), random(96), roleArn, expiresAt);
        accounts.add(key);
        synchronized (this) {
            issued.add(new IssuedKey(key.secretId(), key.secretKey(), key.sessionToken(), roleArn, sessionName, callerSecretId,
                    now, expiresAt));
        }
        ObjectNode fields = TatJson.object();
        fields.putObject("Credentials").put("Token", key.sessionToken()).put("TmpSecretId", key.secretId())
                .put("TmpSecretKey", key.secretKey());
        fields.put("ExpiredTime", expiresAt.getEpochSecond());
        fields.put("Expiration", expiresAt.toString());
        return fields;
    }

    /** Policy: URL-encoded CAM policy JSON, an object without a principal (docs/dev/protocol.md §9). */
    private static void checkPolicy(String encoded) {
        com.fasterxml.jackson.databind.JsonNode policy;
        try {
            policy = TatJson.MAPPER.readTree(java.net.URLDecoder.decode(encoded, java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException | IllegalArgumentException e) {
            policy = null;
        }
        if (policy == null || !policy.isObject() || !policy.has("statement")) {
            throw new TatApiError("InvalidParameter.StrategyFormatError", "Policy is not a URL-encoded CAM policy.");
        }
        if (policy.toString().contains("\"principal\"")) {
            throw new TatApiError("InvalidParameter.StrategyFormatError", "Policy must not contain principal.");
        }
    }

    private static String required(ActionParams params, String field) {
        return params.string(field).filter(v -> !v.isEmpty())
                .orElseThrow(() -> new TatApiError("MissingParameter", "The required parameter `" + field + "` is missing."));
    }

    private static String random(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(KEY_CHARACTERS.charAt(RANDOM.nextInt(KEY_CHARACTERS.length())));
        }
        return text.toString();
    }
}
