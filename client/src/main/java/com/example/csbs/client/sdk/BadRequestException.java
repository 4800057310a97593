package com.example.csbs.client.sdk;

import com.example.csbs.client.ApiException;

/** 400: the request is not valid (CSBS.9001 and the operation's own codes, e.g. CSBS.2003 for a backup still being created). */
public class BadRequestException extends CsbsException {
    private static final long serialVersionUID = 1L;

    BadRequestException(String operationId, int attempts, ApiException answer) {
        super(operationId, attempts, answer);
    }
}
