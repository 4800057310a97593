package com.example.csbs.client.sdk;

/**
 * No answer came: the connection was refused or broken, or the call's timeout passed
 * ({@link CallTimeoutException}). Idempotent calls are retried on it; for the others, whether CSBS
 * did what was asked is unknown.
 */
public class CsbsConnectionException extends CsbsException {
    private static final long serialVersionUID = 1L;

    CsbsConnectionException(String operationId, int attempts, Throwable cause) {
        super((operationId == null ? "CSBS" : operationId) + ": no answer"
                + (attempts > 1 ? " (after " + attempts + " attempts)" : "") + ": " + cause, operationId, attempts, cause);
    }
}
