package io.jenkins.plugins.tat.client.rules;

import io.jenkins.plugins.tat.client.api.InstanceKind;
import io.jenkins.plugins.tat.client.api.InvokeCommandRequest;
import io.jenkins.plugins.tat.client.text.Texts;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules InvokeCommand's fields must follow, one method per field, so that a request
 * ({@link InvokeCommandRequest#validate()}) and a form field check in the Jenkins plugin use the
 * same code.
 *
 * <p>Sources: the machine-readable API definition (tccli {@code api.json} of 2026-06-01) and the
 * InvokeCommand page, both listed in docs/dev/protocol.md §0 and summarised in §4.1; error codes from the
 * Go SDK's per-action list (docs/dev/protocol.md §3.2). Each method returns every violation it finds, or an
 * empty list.
 */
public final class InvokeCommandRules {

    /** Most instances one InvokeCommand may target (docs/dev/protocol.md §4.1; an older intl page said 100). */
    public static final int MAX_INSTANCES = 200;
    /** Smallest Timeout, in seconds. */
    public static final long MIN_TIMEOUT = 1;
    /** Largest Timeout, in seconds (one day). */
    public static final long MAX_TIMEOUT = 86_400;
    /** Longest OutputCOSKeyPrefix, in characters (docs/dev/protocol.md §4.1). */
    public static final int MAX_COS_KEY_PREFIX = 60;
    /**
     * Longest Username, in characters. The API states no limit, so the cap is the longest sign-in
     * name of the systems TAT runs commands on: a Windows user principal name
     * ({@code user@domain}), at most 1024 characters (the {@code userPrincipalName} attribute's
     * rangeUpper, [MS-ADA3] §2.349,
     * https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-ada3/1f730d08-4f9a-44fc-b638-a5d4a7f19bc3).
     * Every shorter form fits: a Linux user name has at most 32 characters ({@code useradd(8)}),
     * a Windows local user name at most 20 ({@code sAMAccountName},
     * https://learn.microsoft.com/en-us/windows/win32/adschema/a-samaccountname), and
     * <code>DOMAIN&#92;user</code> at most 15 + 1 + 20 (NetBIOS domain names have at most 15 bytes,
     * https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-2000-server/cc961556(v=technet.10)).
     */
    public static final int MAX_USERNAME = 1024;
    /**
     * Longest WorkingDirectory, in characters. The API states no limit, so the cap is the longest
     * path of the systems TAT runs commands on: a Windows extended-length path ({@code \\?\}
     * prefix), about 32,767 UTF-16 units ("Maximum Path Length Limitation",
     * https://learn.microsoft.com/en-us/windows/win32/fileio/maximum-file-path-limitation). Linux
     * accepts at most 4096 bytes, its terminating NUL included ({@code PATH_MAX},
     * {@code linux/limits.h}), and Windows 260 characters unless long paths are enabled: both fit.
     */
    public static final int MAX_WORKING_DIRECTORY = 32_767;

    private static final InstanceTextRule USERNAME = new InstanceTextRule("Username", "InvalidParameter.InvalidUsername",
            MAX_USERNAME, "a user name", "root", "the longest Windows sign-in name, user@domain; Linux user names"
            + " have at most 32");
    private static final InstanceTextRule WORKING_DIRECTORY = new InstanceTextRule("WorkingDirectory",
            "InvalidParameterValue.InvalidWorkingDirectory", MAX_WORKING_DIRECTORY, "a directory", "/root",
            "the longest Windows path, with the \\\\?\\ prefix; Linux paths have at most 4096 bytes");

    private InvokeCommandRules() {}

    /**
     * {@code CommandId}: required, of the form {@code cmd-xxxxxxxx}.
     *
     * @param commandId the value, may be {@code null}
     * @return the violations
     */
    public static List<Violation> commandId(String commandId) {
        if (commandId == null || commandId.isBlank()) {
            return List.of(new Violation("CommandId", "is required: the ID of a saved TAT command, e.g. cmd-abcd1234",
                    "MissingParameter"));
        }
        if (!TatIds.isCommandId(commandId)) {
            return List.of(new Violation("CommandId", "'" + Texts.shorten(commandId)
                    + "' is not a command ID; expected cmd- followed by 8 lower-case letters or digits, e.g. cmd-abcd1234",
                    "InvalidParameterValue.InvalidCommandId"));
        }
        return List.of();
    }

    /**
     * {@code InstanceIds}: 1 to 200 IDs, each {@code ins-}, {@code lhins-} or {@code rins-}
     * followed by lower-case letters and digits; none blank, none twice, and all of one kind
     * (CVM, Lighthouse and managed instances cannot be mixed in one call).
     *
     * @param instanceIds the IDs, may be {@code null}
     * @return the violations
     */
    public static List<Violation> instanceIds(List<String> instanceIds) {
        return instanceIds(instanceIds, MAX_INSTANCES);
    }

    /**
     * {@code InstanceIds} of a fleet that is sent in batches: the rules of
     * {@link #instanceIds(List)} but any number of IDs (each batch then carries at most
     * {@link #MAX_INSTANCES}; see {@code fleet.InstanceBatches}). IDs must be unique across the
     * whole list, so that no instance is in two batches, and of one kind.
     *
     * @param instanceIds the IDs, may be {@code null}
     * @return the violations
     */
    public static List<Violation> fleetInstanceIds(List<String> instanceIds) {
        return instanceIds(instanceIds, Integer.MAX_VALUE);
    }

    private static List<Violation> instanceIds(List<String> instanceIds, int maxInstances) {
        List<Violation> violations = new ArrayList<>();
        if (instanceIds == null || instanceIds.isEmpty()) {
            violations.add(new Violation("InstanceIds",
                    "is required: at least one instance ID, e.g. ins-abcd1234 (CVM), lhins-abcd1234 (Lighthouse) or rins-abcd1234 (managed)",
                    "MissingParameter"));
            return violations;
        }
        if (instanceIds.size() > maxInstances) {
            violations.add(new Violation("InstanceIds", "has " + instanceIds.size() + " instances; one invocation may target at most "
                    + MAX_INSTANCES + ", so split them over several invocations", "InvalidParameterValue.LimitExceeded"));
        }
        Set<String> seen = new HashSet<>();
        Set<InstanceKind> kinds = EnumSet.noneOf(InstanceKind.class);
        for (int i = 0; i < instanceIds.size(); i++) {
            String id = instanceIds.get(i);
            String field = "InstanceIds[" + i + "]";
            if (id == null || id.isBlank()) {
                violations.add(new Violation(field, "is empty; remove it or give an instance ID",
                        "InvalidParameterValue.InvalidInstanceId"));
            } else if (!TatIds.isInstanceId(id)) {
                violations.add(new Violation(field, "'" + Texts.shorten(id)
                        + "' is not a TAT instance ID; expected ins-, lhins- or rins- followed by 8 lower-case letters or digits",
                        "InvalidParameterValue.InvalidInstanceId"));
            } else {
                if (!seen.add(id)) {
                    // No documented code for a repeated ID; the generic one is what we mirror.
                    violations.add(new Violation(field, "'" + Texts.shorten(id) + "' is listed more than once",
                            "InvalidParameterValue"));
                }
                InstanceKind.of(id).ifPresent(kinds::add);
            }
        }
        if (kinds.size() > 1) {
            violations.add(new Violation("InstanceIds", "mixes instance kinds ("
                    + kinds.stream().map(k -> k.prefix() + "…").collect(Collectors.joining(", "))
                    + "); CVM, Lighthouse and managed instances must be invoked separately",
                    "InvalidParameterValue.InconsistentInstance"));
        }
        return violations;
    }

    /**
     * {@code Timeout}: when given, 1 to 86400 seconds.
     *
     * @param timeout seconds, or {@code null} for the command's own timeout
     * @return the violations
     */
    public static List<Violation> timeout(Long timeout) {
        if (timeout != null && (timeout < MIN_TIMEOUT || timeout > MAX_TIMEOUT)) {
            return List.of(new Violation("Timeout", timeout + " is out of range; it must be " + MIN_TIMEOUT + " to "
                    + MAX_TIMEOUT + " seconds", "InvalidParameterValue.Range"));
        }
        return List.of();
    }

    /**
     * {@code Username}: when given, not blank, at most {@value #MAX_USERNAME} characters, no
     * control, format, bidi or other invisible character and no space at either end (see
     * {@link InstanceTextRule}). Windows forms such as <code>DOMAIN&#92;deploy</code> are accepted. (The
     * user must exist on the instance; only the agent can tell, and reports
     * {@code UserNotExists} for the task.)
     *
     * @param username the user, or {@code null} for the command's default
     * @return the violations
     */
    public static List<Violation> username(String username) {
        return USERNAME.check(username);
    }

    /**
     * {@code WorkingDirectory}: when given, not blank, at most {@value #MAX_WORKING_DIRECTORY}
     * characters, no control, format, bidi or other invisible character and no space at either
     * end (see {@link InstanceTextRule}). Windows paths such as <code>C:&#92;Program Files&#92;app</code>
     * are accepted. (The directory must exist on the instance; the agent reports
     * {@code DirectoryNotExists} otherwise.)
     *
     * @param workingDirectory the directory, or {@code null} for the command's default
     * @return the violations
     */
    public static List<Violation> workingDirectory(String workingDirectory) {
        return WORKING_DIRECTORY.check(workingDirectory);
    }

    /**
     * {@code OutputCOSBucketUrl}: when given, the https URL of a COS bucket and nothing more,
     * {@code https://<bucket>-<appid>.cos.<region>.myqcloud.com} (or the bucket's global
     * acceleration domain {@code .cos.accelerate.myqcloud.com}): no user info, port, path, query,
     * fragment or trailing {@code /}. See {@link CosBucketUrlRule} for why.
     *
     * @param url the bucket URL, or {@code null}
     * @return the violations
     */
    public static List<Violation> outputCosBucketUrl(String url) {
        return CosBucketUrlRule.check(url);
    }

    /**
     * {@code OutputCOSKeyPrefix}: when given, 1 to {@value #MAX_COS_KEY_PREFIX} visible
     * characters, not only spaces, not starting with {@code /}, without {@code //} and without a
     * {@code ..} segment (docs/dev/protocol.md §4.1); and without {@code \}, {@code %}, {@code ?}, {@code #} or a
     * look-alike of {@code /} or {@code ..}. See {@link CosKeyPrefixRule} for why.
     *
     * @param prefix the key prefix, or {@code null}
     * @return the violations
     */
    public static List<Violation> outputCosKeyPrefix(String prefix) {
        return CosKeyPrefixRule.check(prefix);
    }
}
