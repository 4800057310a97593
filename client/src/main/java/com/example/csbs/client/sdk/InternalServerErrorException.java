package com.example.csbs.client.sdk;

import com.example.csbs.client.ApiException;

/** 500: CSBS failed (CSBS.9999, or the operation's own codes such as CSBS.1001 and CSBS.6032). Idempotent calls are retried on it. */
public class InternalServerErrorException extends CsbsException {
    private static final long serialVersionUID = 1L;

    InternalServerErrorException(String operationId, int attempts, ApiException answer) {
        super(operationId, attempts, answer);
    }
}
