package com.example.csbs.client.sdk;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.time.Duration;
import org.glassfish.jersey.client.ClientProperties;

/**
 * Sets the timeouts of the request being sent to the timeout of the call the layer is making on this
 * thread. The generated ApiClient has only client-wide timeouts, and the layer sends through the caller's
 * ApiClient as it is, so the timeout of one call travels beside it (the call is sent on this thread).
 */
final class CallTimeoutFilter implements ClientRequestFilter {

    static final CallTimeoutFilter INSTANCE = new CallTimeoutFilter();
    private static final ThreadLocal<Duration> CURRENT = new ThreadLocal<>();

    private CallTimeoutFilter() {
    }

    static void set(Duration timeout) {
        CURRENT.set(timeout);
    }

    static void clear() {
        CURRENT.remove();
    }

    @Override
    public void filter(ClientRequestContext request) {
        Duration timeout = CURRENT.get();
        if (timeout != null) {
            int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            request.setProperty(ClientProperties.CONNECT_TIMEOUT, millis);
            request.setProperty(ClientProperties.READ_TIMEOUT, millis);
        }
    }
}
