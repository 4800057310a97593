package com.example.csbs.client.sdk;

import com.example.csbs.client.ApiException;

/** 429: too many requests; not in the spec, but a gateway may answer it, and idempotent calls are retried on it. */
public class TooManyRequestsException extends CsbsException {
    private static final long serialVersionUID = 1L;

    TooManyRequestsException(String operationId, int attempts, ApiException answer) {
        super(operationId, attempts, answer);
    }
}
