package io.jenkins.plugins.tat.client;

import java.util.Objects;

/**
 * The API processed a request and answered with an error envelope
 * ({@code {"Response":{"Error":{"Code","Message"},"RequestId"}}}, docs/dev/protocol.md §3).
 *
 * <p>Match on {@link #errorCode()}: the server's message text can change and is localised by
 * {@code X-TC-Language}.
 */
public final class TencentCloudApiException extends TatException {

    private static final long serialVersionUID = 1L;

    /** @serial the action that failed */
    private final String action;
    /** @serial the API error code */
    private final String errorCode;
    /** @serial the server's own message */
    private final String apiMessage;
    /** @serial the RequestId the server gave, for Tencent Cloud support */
    private final String requestId;

    /**
     * @param action the API action, e.g. {@code InvokeCommand}
     * @param errorCode the API error code, e.g. {@code ResourceNotFound.CommandNotFound}
     * @param apiMessage the server's message
     * @param requestId the server's RequestId, or {@code null} if none came
     */
    public TencentCloudApiException(String action, String errorCode, String apiMessage, String requestId) {
        super(action + " failed: " + errorCode + ": " + Objects.toString(apiMessage, "")
                + " (RequestId: " + Objects.toString(requestId, "none") + ")", null);
        this.action = action;
        this.errorCode = errorCode;
        this.apiMessage = apiMessage;
        this.requestId = requestId;
    }

    /** @return the API action that failed */
    public String action() {
        return action;
    }

    /** @return the API error code, e.g. {@code AuthFailure.SignatureFailure} */
    public String errorCode() {
        return errorCode;
    }

    /** @return the server's message, as sent (may be localised) */
    public String apiMessage() {
        return apiMessage;
    }

    /** @return the RequestId of the failed request, or {@code null} */
    public String requestId() {
        return requestId;
    }
}
