package com.example.csbs.client.sdk;

import com.example.csbs.client.ApiException;

/** 413: the request body is over 1 MiB (CSBS.9001). */
public class PayloadTooLargeException extends CsbsException {
    private static final long serialVersionUID = 1L;

    PayloadTooLargeException(String operationId, int attempts, ApiException answer) {
        super(operationId, attempts, answer);
    }
}
