package com.example.csbs.client.sdk;

import com.example.csbs.client.ApiException;

/** 403: the token may not do this (CSBS.9009: another project's token, all_tenants without an administrator's). */
public class ForbiddenException extends CsbsException {
    private static final long serialVersionUID = 1L;

    ForbiddenException(String operationId, int attempts, ApiException answer) {
        super(operationId, attempts, answer);
    }
}
