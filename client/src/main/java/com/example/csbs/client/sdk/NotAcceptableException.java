package com.example.csbs.client.sdk;

import com.example.csbs.client.ApiException;

/** 406: the answer cannot be given in the Accept asked for (CSBS.9001). */
public class NotAcceptableException extends CsbsException {
    private static final long serialVersionUID = 1L;

    NotAcceptableException(String operationId, int attempts, ApiException answer) {
        super(operationId, attempts, answer);
    }
}
