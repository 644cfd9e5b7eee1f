package io.jenkins.plugins.tat.client.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** One API action of the emulated service. */
interface TatAction {

    /** What an action runs with: the store (locked by the caller), the region, the body, the time. */
    record Context(EmulatorState state, String region, ObjectNode body, Instant now) {}

    /** @return the X-TC-Action name, e.g. {@code InvokeCommand} */
    String name();

    /**
     * Validates the request and, if it is valid, applies it.
     *
     * @return the action's response fields, without RequestId
     * @throws TatApiError for a request the service rejects; nothing has been changed then
     */
    ObjectNode execute(Context context);
}
