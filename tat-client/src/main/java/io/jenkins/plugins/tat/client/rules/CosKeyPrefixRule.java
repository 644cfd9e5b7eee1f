package io.jenkins.plugins.tat.client.rules;

import io.jenkins.plugins.tat.client.text.PathLookAlikes;
import io.jenkins.plugins.tat.client.text.TextShapes;
import io.jenkins.plugins.tat.client.text.Texts;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule of {@code OutputCOSKeyPrefix}, the "directory" in the bucket that the output goes to.
 *
 * <p>The API's rules (docs/dev/protocol.md §4.1): at most 60 characters, {@code /} separates
 * directories, no leading {@code /}, no {@code //}, no {@code ..} segment. Ours, on top:
 * <ul>
 *   <li>not blank, not only spaces, no space at either end, and no control, format, bidi or
 *       other invisible character: the prefix is shown in the console, in TaskResult.OutputUrl
 *       and in the build log, where none of these can be seen;</li>
 *   <li>no {@code \}, {@code %}, {@code ?} or {@code #}: the TAT agent puts the prefix into the
 *       upload URL as it is, without encoding it (Tencent/tat-agent {@code src/network/cos/object.rs},
 *       {@code src/executor/proc.rs} {@code object_name}), and URL parsers, the agent's among
 *       them (WHATWG URL Standard), read {@code \} as {@code /} and {@code %2e%2e} as {@code ..};
 *       {@code %2F} becomes a {@code /} in COS; {@code ?} and {@code #} end the path, so the
 *       object would land elsewhere than the key the agent signed;</li>
 *   <li>no look-alike of {@code /} or {@code ..} ({@link PathLookAlikes}).</li>
 * </ul>
 * "Characters" are Unicode code points: the API does not say whether it counts bytes, UTF-16
 * units or code points, and a Chinese prefix of 60 characters is a reasonable thing to want. A
 * server that counts bytes answers InvalidOutputCOSKeyPrefix itself.
 */
final class CosKeyPrefixRule {

    static final String FIELD = "OutputCOSKeyPrefix";
    static final String CODE = "InvalidParameterValue.InvalidOutputCOSKeyPrefix";

    private CosKeyPrefixRule() {}

    /**
     * @param prefix the prefix, or {@code null} when not given
     * @return every violation, or an empty list
     */
    static List<Violation> check(String prefix) {
        if (prefix == null) {
            return List.of();
        }
        if (prefix.isEmpty()) {
            return List.of(violation("is empty; give a prefix such as logs/deploy, or leave it out"));
        }
        if (TextShapes.isAllSpace(prefix)) {
            return List.of(violation("is only spaces; give a prefix such as logs/deploy, or leave it out"));
        }
        List<Violation> violations = new ArrayList<>();
        String shown = "'" + Texts.shorten(prefix) + "'";
        int length = prefix.codePointCount(0, prefix.length());
        if (length > InvokeCommandRules.MAX_COS_KEY_PREFIX) {
            violations.add(violation("has " + length + " characters; at most " + InvokeCommandRules.MAX_COS_KEY_PREFIX
                    + " are allowed"));
        }
        if (Texts.hasInvisible(prefix)) {
            violations.add(violation(shown + " contains a control, format or other invisible character (shown as \\u"
                    + " followed by its code); only visible characters are allowed"));
        } else if (TextShapes.hasSpaceAtEnd(prefix)) {
            violations.add(violation(shown + " starts or ends with a space, which cannot be seen; remove it"));
        }
        violations.addAll(pathRules(prefix, shown));
        violations.addAll(urlRules(prefix, shown));
        PathLookAlikes.slash(prefix).ifPresent(cp -> violations.add(violation(shown + " contains "
                + PathLookAlikes.codePointName(cp) + ", which looks like '/' but is not a directory separator; use '/'"
                + " or another character")));
        PathLookAlikes.dotDot(prefix).ifPresent(cp -> violations.add(violation(shown + " contains "
                + PathLookAlikes.codePointName(cp) + ", which reads as '..' without being one; use plain '.' characters")));
        return violations;
    }

    /** The API's own rules. */
    private static List<Violation> pathRules(String prefix, String shown) {
        List<Violation> violations = new ArrayList<>();
        if (prefix.startsWith("/")) {
            violations.add(violation(shown + " must not start with '/'"));
        }
        if (prefix.contains("//")) {
            violations.add(violation(shown + " must not contain '//'"));
        }
        if (List.of(prefix.split("/", -1)).contains("..")) {
            violations.add(violation(shown + " must not contain a '..' segment"));
        }
        return violations;
    }

    /** What the unencoded upload URL would read differently. */
    private static List<Violation> urlRules(String prefix, String shown) {
        List<Violation> violations = new ArrayList<>();
        if (prefix.indexOf('\\') >= 0) {
            violations.add(violation(shown + " contains '\\'; separate directories with '/' (the upload URL would"
                    + " read '\\' as '/')"));
        }
        if (prefix.indexOf('%') >= 0) {
            violations.add(violation(shown + " contains '%'; the TAT agent does not encode the prefix, so the upload"
                    + " URL would read %2F as '/' and %2e%2e as '..'"));
        }
        if (prefix.indexOf('?') >= 0 || prefix.indexOf('#') >= 0) {
            violations.add(violation(shown + " contains '?' or '#'; the TAT agent does not encode the prefix, so the"
                    + " upload URL would end there and the output land under another key"));
        }
        return violations;
    }

    private static Violation violation(String message) {
        return new Violation(FIELD, message, CODE);
    }
}
