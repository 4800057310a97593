package com.example.csbs.client.sdk;

import com.example.csbs.client.ApiException;

/** 401: the token is missing or not valid (the API gateway's APIGW.0301). */
public class UnauthorizedException extends CsbsException {
    private static final long serialVersionUID = 1L;

    UnauthorizedException(String operationId, int attempts, ApiException answer) {
        super(operationId, attempts, answer);
    }
}
