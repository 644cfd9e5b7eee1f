package io.jenkins.plugins.tat.client.emulator;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The ID formats of TAT resources (docs/dev/protocol.md §5) and the error code the service answers for a
 * malformed one (docs/dev/protocol.md §3.2). Lengths are not checked strictly: the docs promise 8 or 10
 * characters after the prefix but the official examples show both, so "8 or more" is accepted.
 */
enum TatIds {
    COMMAND("cmd-", "InvalidParameterValue.InvalidCommandId"),
    INVOCATION("inv-", "InvalidParameterValue.InvalidInvocationId"),
    INVOCATION_TASK("invt-", "InvalidParameterValue.InvalidInvocationTaskId"),
    /** CVM {@code ins-}, Lighthouse {@code lhins-} or TAT managed {@code rins-} instances. */
    INSTANCE("(?:ins|lhins|rins)-", "InvalidParameterValue.InvalidInstanceId");

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pattern pattern;
    private final String malformedCode;

    TatIds(String prefixRegex, String malformedCode) {
        this.pattern = Pattern.compile(prefixRegex + "[a-z0-9]{8,}");
        this.malformedCode = malformedCode;
    }

    boolean isWellFormed(String id) {
        return id != null && pattern.matcher(id).matches();
    }

    /** Throws the service's "malformed id" error unless {@code id} is well formed. */
    void requireWellFormed(String field, String id) {
        if (!isWellFormed(id)) {
            throw new TatApiError(malformedCode, field + " `" + id + "` is not a valid "
                    + name().toLowerCase(Locale.ROOT).replace('_', ' ') + " ID.");
        }
    }

    /** A fresh ID such as {@code inv-8xgjrytm}: the prefix and 8 random lower-case letters or digits. */
    static String random(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 8; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
