package com.example.csbs.stub.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The request journal of one stub: the last requests it received on CSBS paths, in a ring of fixed
 * size (the oldest dropped), each with the status the stub answered and, when asked, the contract's
 * verdict on it. Recording takes no lock; reading sees every request whose answer has been given.
 * The same journal answers the admin API ({@code /__admin/requests}) and tests in the same JVM.
 */
public final class StubJournal {

    private final JournalOptions options;
    private final AtomicReferenceArray<RecordedRequest> ring;
    // The id of the last request recorded (ids start at 1), and of the last one cleared.
    private final AtomicLong lastId = new AtomicLong();
    private volatile long clearedUpTo;

    public StubJournal(JournalOptions options) {
        this.options = options;
        this.ring = new AtomicReferenceArray<>(options.size());
    }

    /** The options it was made with; {@code size() == 0}: it is off and records nothing. */
    public JournalOptions options() {
        return options;
    }

    public boolean enabled() {
        return options.enabled();
    }

    /** Records a request with the status it was answered with (the journal's filter calls this). */
    void record(Instant receivedAt, String method, String path, String query, Map<String, List<String>> headers,
                byte[] body, boolean bodyTruncated, int status) {
        long id = lastId.incrementAndGet();
        ring.set(slot(id), new RecordedRequest(id, receivedAt, method, path, query, headers, body, bodyTruncated, status));
    }

    /** Every request it holds, oldest first. */
    public List<RecordedRequest> requests() {
        return requestsSince(0);
    }

    /** The requests it holds that were recorded after the one with that id ({@link #lastId()} of an earlier moment). */
    public List<RecordedRequest> requestsSince(long id) {
        long last = lastId.get();
        long first = Math.max(Math.max(id, clearedUpTo), last - options.size()) + 1;
        List<RecordedRequest> held = new ArrayList<>((int) Math.max(0, last - first + 1));
        for (long next = first; next <= last; next++) {
            RecordedRequest request = ring.get(slot(next));
            if (request != null && request.id() == next) { // else overwritten since, or still being written
                held.add(request);
            }
        }
        return held;
    }

    /** The requests it holds for one project (paths {@code /v1/{project_id}/...}), oldest first. */
    public List<RecordedRequest> requests(String projectId) {
        return requests().stream().filter(request -> request.isForProject(projectId)).toList();
    }

    /** The requests it holds that the contract does not allow, oldest first. */
    public List<RecordedRequest> violations() {
        return violationsSince(0);
    }

    /** The requests recorded after the one with that id that the contract does not allow. */
    public List<RecordedRequest> violationsSince(long id) {
        return requestsSince(id).stream().filter(request -> request.contract().isViolation()).toList();
    }

    /**
     * Fails, naming each request and what is wrong with it, if a request it holds violates the contract.
     *
     * @throws ContractViolationError if one does
     */
    public void verifyContract() {
        verifyContractSince(0);
    }

    /** The same, for the requests recorded after the one with that id. */
    public void verifyContractSince(long id) {
        List<RecordedRequest> violations = violationsSince(id);
        if (!violations.isEmpty()) {
            throw new ContractViolationError(violations);
        }
    }

    /** The id of the last request recorded (0 before the first): a mark for {@link #requestsSince(long)}. */
    public long lastId() {
        return lastId.get();
    }

    /** Requests recorded since the stub started or the journal was last cleared. */
    public long recorded() {
        return lastId.get() - clearedUpTo;
    }

    /** Of those, how many were dropped to stay within the journal's size. */
    public long dropped() {
        return Math.max(0, recorded() - options.size());
    }

    /** Drops every request it holds; ids go on from the last one. */
    public synchronized void clear() {
        clearedUpTo = lastId.get();
        for (int i = 0; i < ring.length(); i++) {
            RecordedRequest request = ring.get(i);
            if (request != null && request.id() <= clearedUpTo) {
                ring.compareAndSet(i, request, null);
            }
        }
    }

    /**
     * Drops the requests it holds for one project, leaving other projects' requests; ids go on, and
     * {@link #recorded()} and {@link #dropped()} still count the journal as a whole.
     */
    public synchronized void clear(String projectId) {
        for (int i = 0; i < ring.length(); i++) {
            RecordedRequest request = ring.get(i);
            if (request != null && request.isForProject(projectId)) {
                ring.compareAndSet(i, request, null); // a request recorded since in its place stays
            }
        }
    }

    /** Starts building the contract's validator in the background (once per JVM), so that the first verdict is quick. */
    public static void prepareVerdicts() {
        CsbsContract.warmUpInBackground();
    }

    private int slot(long id) {
        return (int) ((id - 1) % options.size());
    }
}
