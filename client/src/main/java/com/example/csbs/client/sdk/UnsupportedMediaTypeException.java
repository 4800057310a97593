package com.example.csbs.client.sdk;

import com.example.csbs.client.ApiException;

/** 415: the request body is not application/json (CSBS.9001). */
public class UnsupportedMediaTypeException extends CsbsException {
    private static final long serialVersionUID = 1L;

    UnsupportedMediaTypeException(String operationId, int attempts, ApiException answer) {
        super(operationId, attempts, answer);
    }
}
