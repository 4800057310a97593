package com.example.csbs.client.sdk;

import com.example.csbs.client.ApiException;

/** 404: the object does not exist (any more): CSBS.3000 a policy, CSBS.3001 a backup; APIGW.0101 a path of no operation. */
public class NotFoundException extends CsbsException {
    private static final long serialVersionUID = 1L;

    NotFoundException(String operationId, int attempts, ApiException answer) {
        super(operationId, attempts, answer);
    }
}
