package com.example.csbs.client.sdk;

import com.example.csbs.client.ApiException;

/** 405: the path has no such method (APIGW.0101). */
public class MethodNotAllowedException extends CsbsException {
    private static final long serialVersionUID = 1L;

    MethodNotAllowedException(String operationId, int attempts, ApiException answer) {
        super(operationId, attempts, answer);
    }
}
