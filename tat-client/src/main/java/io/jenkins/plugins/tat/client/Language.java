package io.jenkins.plugins.tat.client;

/** The language of the API's error messages, sent as {@code X-TC-Language} (docs/dev/protocol.md §1). */
public enum Language {
    /** Simplified Chinese, the API's default. */
    ZH_CN("zh-CN"),
    /** English. */
    EN_US("en-US");

    private final String header;

    Language(String header) {
        this.header = header;
    }

    /** @return the header value, e.g. {@code en-US} */
    public String headerValue() {
        return header;
    }
}
