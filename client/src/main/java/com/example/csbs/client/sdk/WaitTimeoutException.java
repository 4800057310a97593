package com.example.csbs.client.sdk;

import java.time.Duration;

/** A wait ran out of time ({@link Waiting#timeout()}) before what it waited for happened. */
public class WaitTimeoutException extends CsbsException {
    private static final long serialVersionUID = 1L;

    private final String waiter;
    private final int polls;

    WaitTimeoutException(String operationId, String waiter, String what, Duration timeout, int polls) {
        super(what + " not done in " + timeout + " (" + polls + " polls)", operationId, 0, null);
        this.waiter = waiter;
        this.polls = polls;
    }

    /** The name of the spec's waiter (x-csbs-waiters). */
    public String waiter() {
        return waiter;
    }

    /** How often the wait asked CSBS. */
    public int polls() {
        return polls;
    }
}
