package com.example.csbs.client.sdk;

import com.example.csbs.client.ApiException;

/** 503: CSBS is unavailable for now (CSBS.9998). Idempotent calls are retried on it. */
public class ServiceUnavailableException extends CsbsException {
    private static final long serialVersionUID = 1L;

    ServiceUnavailableException(String operationId, int attempts, ApiException answer) {
        super(operationId, attempts, answer);
    }
}
