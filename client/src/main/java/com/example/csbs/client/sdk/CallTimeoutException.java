package com.example.csbs.client.sdk;

/** The answer did not come within the call's timeout ({@link Csbs#withCallTimeout}). */
public class CallTimeoutException extends CsbsConnectionException {
    private static final long serialVersionUID = 1L;

    CallTimeoutException(String operationId, int attempts, Throwable cause) {
        super(operationId, attempts, cause);
    }
}
