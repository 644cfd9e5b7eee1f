package io.jenkins.plugins.tat.client.emulator;

/**
 * A business error the emulated service answers with HTTP 200 and
 * {@code {"Response":{"Error":{"Code":...,"Message":...},"RequestId":...}}} (docs/dev/protocol.md §3).
 */
final class TatApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    TatApiError(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The API error code, e.g. {@code ResourceNotFound.CommandNotFound}. */
    String code() {
        return code;
    }
}
