package io.jenkins.plugins.tat.client.rules;

import io.jenkins.plugins.tat.client.text.TextShapes;
import io.jenkins.plugins.tat.client.text.Texts;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rule of {@code OutputCOSBucketUrl}: the bucket the TAT agent uploads each task's full output
 * to. The API says only "must start with https", with the example
 * {@code https://BucketName-123454321.cos.ap-beijing.myqcloud.com} (docs/dev/protocol.md §4.1).
 *
 * <p>What the agent does with the URL decides the rest: it PUTs to the URL text followed by
 * {@code /<prefix>/<invocation>/<task>.log}, and signs that key alone (Tencent/tat-agent,
 * {@code src/network/cos/object.rs} {@code put_object_from_file}, {@code src/executor/proc.rs}
 * {@code object_name}). So the URL must be exactly a scheme and a bucket host:
 * <ul>
 *   <li>{@code https}, written in lower case like every documented example;</li>
 *   <li>no user info: the agent signs its uploads with temporary credentials it fetches itself
 *       (the instance's role, or TAT's; {@code upload_log_cos}), and a password in the URL would
 *       end up in the build's configuration and log;</li>
 *   <li>no explicit port, not even {@code :443}: no documented bucket URL has one, and a port is
 *       where a typo ({@code :99999}) or another service ({@code :22}) would hide;</li>
 *   <li>no path, query or fragment, and no trailing {@code /}: the agent appends {@code /key}
 *       to the text, so a trailing {@code /} makes the path {@code //key} while the signature
 *       covers {@code /key}, and anything else ends up inside the object's URL. Directories
 *       belong in OutputCOSKeyPrefix;</li>
 *   <li>the host a COS bucket domain, in lower case (bucket names are lower case). IP literals
 *       and every other host are refused: the instance's role credentials would be sent there.</li>
 * </ul>
 *
 * <p>Bucket domains accepted, as documented by COS:
 * <ul>
 *   <li>{@code <BucketName-APPID>.cos.<Region>.myqcloud.com}, the default (virtual-hosted style)
 *       domain (COS "PUT Bucket domain", https://www.tencentcloud.com/document/product/436/35868;
 *       COS domain notice, https://www.tencentcloud.com/document/product/436/57456);</li>
 *   <li>{@code <BucketName-APPID>.cos.accelerate.myqcloud.com}, the global acceleration domain
 *       (COS global acceleration overview; SDK "Setting Access Domain Names",
 *       https://www.tencentcloud.com/document/product/436/38073, endpoint suffix
 *       {@code cos.accelerate.myqcloud.com}).</li>
 * </ul>
 * Not accepted: CDN domains ({@code .file.myqcloud.com}, custom CDN domains) and static website
 * domains ({@code cos-website}), which do not take signed PUT uploads; custom origin domains,
 * which cannot be told from any other host; and {@code tencentcos.cn} bucket domains, which the
 * stored COS documentation did not confirm (add them here once a COS page documents them).
 */
final class CosBucketUrlRule {

    static final String FIELD = "OutputCOSBucketUrl";
    static final String CODE = "InvalidParameterValue.InvalidOutputCOSBucketUrl";

    private static final String SCHEME = "https://";
    private static final String RULE = "; expected https://<bucket>-<appid>.cos.<region>.myqcloud.com"
            + " (or .cos.accelerate.myqcloud.com), e.g. https://bucket-1250000000.cos.ap-beijing.myqcloud.com";

    /**
     * {@code BucketName-APPID} as one DNS label: lower-case letters, digits and hyphens, not
     * starting or ending with a hyphen, then {@code -} and the numeric APPID.
     */
    private static final String BUCKET = "[a-z0-9](?:[a-z0-9-]*[a-z0-9])?-[0-9]+";
    /**
     * A COS region: like {@link Regions}, but the last part may hold digits, as in the older
     * {@code ap-beijing-1}.
     */
    private static final String REGION = "[a-z]{2}-[a-z]+(?:-[a-z0-9]+)?";
    private static final Pattern HOST = Pattern.compile(
            "(" + BUCKET + ")\\.cos\\.(?:accelerate|" + REGION + ")\\.myqcloud\\.com");
    /** A DNS label has at most 63 octets (RFC 1035 §2.3.4). */
    private static final int MAX_LABEL = 63;
    private static final Pattern IPV4 = Pattern.compile("[0-9]+(?:\\.[0-9]+){3}");

    private CosBucketUrlRule() {}

    /**
     * @param url the URL, or {@code null} when not given
     * @return the first violation found, or an empty list
     */
    static List<Violation> check(String url) {
        if (url == null) {
            return List.of();
        }
        String problem = problem(url);
        return problem == null ? List.of() : List.of(new Violation(FIELD, problem, CODE));
    }

    private static String problem(String url) {
        if (url.isEmpty()) {
            return "is empty; give the bucket's URL, or leave it out" + RULE;
        }
        if (url.indexOf('@') >= 0) {
            // Not quoted, not even masked: the problem is the credentials themselves. Checked
            // first, anywhere in the text, because a password may hold '/', '?' or '#'.
            return "has user info (a name or password before '@'); a COS bucket URL carries none: the TAT agent"
                    + " signs its uploads with credentials of its own" + RULE;
        }
        String shown = "'" + Texts.shorten(url) + "'";
        if (Texts.hasInvisible(url) || TextShapes.hasSpaceAtEnd(url)) {
            return shown + " contains a space, control, format or other invisible character" + RULE;
        }
        if (!url.startsWith(SCHEME)) {
            return shown + " is not an https URL (written https://, in lower case)" + RULE;
        }
        int end = authorityEnd(url, SCHEME.length());
        String authority = url.substring(SCHEME.length(), end);
        String tail = url.substring(end);
        if (authority.isEmpty()) {
            return shown + " has no host" + RULE;
        }
        if (authority.startsWith("[") || IPV4.matcher(authority.split(":", 2)[0]).matches()) {
            return shown + " names an IP address; only a COS bucket host is accepted" + RULE;
        }
        if (authority.contains(":")) {
            return shown + " gives a port; a COS bucket URL has none (https uses port 443)" + RULE;
        }
        String tailProblem = tailProblem(tail);
        if (tailProblem != null) {
            return shown + tailProblem;
        }
        if (!HOST.matcher(authority).matches()) {
            return shown + (HOST.matcher(authority.toLowerCase(Locale.ROOT)).matches()
                    ? " has upper-case letters in the host; COS bucket names are lower case, write the host so"
                    : " is not a COS bucket host") + RULE;
        }
        String label = authority.substring(0, authority.indexOf('.'));
        if (label.length() > MAX_LABEL) {
            return shown + " has a bucket name and APPID of " + label.length() + " characters; a host name part"
                    + " has at most " + MAX_LABEL + RULE;
        }
        return null;
    }

    private static String tailProblem(String tail) {
        if (tail.isEmpty()) {
            return null;
        }
        if (tail.indexOf('?') >= 0) {
            return " has a query ('?…'); a COS bucket URL ends after the host" + RULE;
        }
        if (tail.indexOf('#') >= 0) {
            return " has a fragment ('#…'); a COS bucket URL ends after the host" + RULE;
        }
        if (tail.equals("/")) {
            return " ends with '/'; leave it out: the TAT agent adds '/' and the object key itself, so the upload"
                    + " path would start with '//'" + RULE;
        }
        return " has a path; a COS bucket URL ends after the host, and directories go in OutputCOSKeyPrefix" + RULE;
    }

    /** Where the authority that starts at {@code start} ends: at the first '/', '\', '?' or '#'. */
    private static int authorityEnd(String url, int start) {
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            // WHATWG URL parsers (the agent's Rust url crate among them) read '\' as '/' in https URLs.
            if (c == '/' || c == '\\' || c == '?' || c == '#') {
                return i;
            }
        }
        return url.length();
    }
}
