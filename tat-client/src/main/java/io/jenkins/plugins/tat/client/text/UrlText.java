package io.jenkins.plugins.tat.client.text;

/**
 * URLs typed by people, made fit to be quoted: a URL may carry a name and a password before its
 * host ({@code https://user:password@host}), and no message or {@code toString()} may show them.
 */
public final class UrlText {

    private UrlText() {}

    /**
     * @param url a URL as given, possibly malformed
     * @return the URL with everything between {@code ://} (or the start) and its last {@code @}
     *     replaced by {@code ***}; not yet shortened
     */
    public static String withoutUserInfo(String url) {
        int start = url.indexOf("://");
        start = start < 0 ? 0 : start + 3;
        // Up to the last '@' of the whole text: a password may itself hold '/', '?', '#' or '@'.
        int at = url.lastIndexOf('@');
        return at < start ? url : url.substring(0, start) + "***" + url.substring(at);
    }
}
