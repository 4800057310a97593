package com.example.csbs.stub.journal;

/**
 * How much the request journal keeps.
 *
 * @param size      requests kept, the oldest dropped past it; 0 switches the journal off (load tests)
 * @param bodyLimit bytes of a request body kept; a longer body is kept in part, and its request is not
 *                  checked against the contract
 */
public record JournalOptions(int size, int bodyLimit) {

    /** 1,000 requests, like the store's 1,000 checkpoints: a test's worth, a bounded heap under load. */
    public static final int DEFAULT_SIZE = 1_000;
    /** 64 KiB: an execution naming some 1,500 resources; the CSBS limit is 1 MiB. */
    public static final int DEFAULT_BODY_LIMIT = 64 * 1024;

    public JournalOptions {
        if (size < 0) {
            throw new IllegalArgumentException("journal size must be 0 (off) or more, was " + size);
        }
        if (bodyLimit < 0) {
            throw new IllegalArgumentException("journal body limit must be 0 or more, was " + bodyLimit);
        }
    }

    public static JournalOptions defaults() {
        return new JournalOptions(DEFAULT_SIZE, DEFAULT_BODY_LIMIT);
    }

    /** No journal: nothing recorded, nothing spent on it. */
    public static JournalOptions off() {
        return new JournalOptions(0, DEFAULT_BODY_LIMIT);
    }

    public boolean enabled() {
        return size > 0;
    }
}
