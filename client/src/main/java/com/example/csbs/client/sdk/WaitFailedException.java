package com.example.csbs.client.sdk;

import java.util.List;

/**
 * A wait ended because what it waited for cannot happen any more: a backup ended in {@code error}, a
 * restore or a deletion failed. {@link #reasons()} holds what the items said ({@code fail_reason}).
 */
public class WaitFailedException extends CsbsException {
    private static final long serialVersionUID = 1L;

    private final String waiter;
    private final List<String> reasons;

    WaitFailedException(String operationId, String waiter, String what, List<String> reasons) {
        super(what + " failed: " + String.join("; ", reasons), operationId, 0, null);
        this.waiter = waiter;
        this.reasons = List.copyOf(reasons);
    }

    /** The name of the spec's waiter (x-csbs-waiters), e.g. {@code backups_available}. */
    public String waiter() {
        return waiter;
    }

    /** What each failed item says: {@code backup ID: fail_reason}. */
    public List<String> reasons() {
        return reasons;
    }
}
