package com.example.csbs.stub;

import com.example.csbs.stub.admin.StubControl;
import com.example.csbs.stub.backup.BackupLifecycle;
import com.example.csbs.stub.backup.BackupStore;
import com.example.csbs.stub.container.ConnectionLimits;
import com.example.csbs.stub.container.Latency;
import com.example.csbs.stub.http.AdminToken;
import com.example.csbs.stub.http.FaultInjection;
import com.example.csbs.stub.journal.JournalOptions;
import com.example.csbs.stub.policy.PolicyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a stub behaves, beyond its data set: its clock, how long backups take to create and to
 * delete and to restore from, how many checkpoints it keeps and policies a project may have, whether a running manual backup blocks another execution
 * of its policy, the faults it injects, its request journal, and the token its admin API asks for. The command line
 * sets the same things.
 *
 * @param clock                      the stub's one clock; tests pass a clock they move
 * @param lifecycle                  backup and delete durations
 * @param maxCheckpoints             checkpoints kept (with their backups), oldest finished dropped first
 * @param maxPolicies                backup policies a project may have before creating one is refused (CSBS.0001)
 * @param rejectConcurrentExecutions 500 CSBS.1001 for executing a policy while a manual backup of it is being created
 * @param faults                     {@code Prefer: status=N} always; a failure rate if set
 * @param connections                timeouts and the connection limit of the HTTP server
 * @param latency                    how slowly the operations are answered
 * @param journal                    how many requests the request journal keeps (0: off), and how much of a body
 * @param control                    where a test in the same JVM gets the stub's journal and setup; {@code null}: none
 * @param adminToken                 what the admin API asks for ({@code Authorization: Bearer}); {@code null}: nothing,
 *                                   which only a stub on a loopback address may do
 */
public record StubOptions(Clock clock, BackupLifecycle lifecycle, int maxCheckpoints, int maxPolicies,
                          boolean rejectConcurrentExecutions, FaultInjection faults,
                          ConnectionLimits connections, Latency latency,
                          JournalOptions journal, StubControl control, AdminToken adminToken) {

    public StubOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(journal, "journal");
        if (maxCheckpoints < 1) {
            throw new IllegalArgumentException("max checkpoints must be at least 1, was " + maxCheckpoints);
        }
        if (maxPolicies < 1) {
            throw new IllegalArgumentException("max policies must be at least 1, was " + maxPolicies);
        }
    }

    /**
     * The system clock (UTC), backups and restores in 3 s, deletions in 1 s, 1,000 checkpoints, 1,000 policies a project, faults and delays only on
     * request, the default connection limits, a journal of the last 1,000 requests.
     */
    public static StubOptions defaults() {
        return new StubOptions(Clock.systemUTC(), BackupLifecycle.defaults(), BackupStore.DEFAULT_CAPACITY,
                PolicyStore.DEFAULT_MAX_PER_PROJECT, false,
                FaultInjection.onRequest(), ConnectionLimits.defaults(), Latency.NONE, JournalOptions.defaults(), null, null);
    }

    public StubOptions withClock(Clock clock) {
        return new StubOptions(clock, lifecycle, maxCheckpoints, maxPolicies, rejectConcurrentExecutions, faults, connections, latency, journal, control, adminToken);
    }

    /** Zero makes backups available (or failed) at once. */
    public StubOptions withBackupDuration(Duration duration) {
        return new StubOptions(clock, lifecycle.withBackupDuration(duration), maxCheckpoints, maxPolicies,
                rejectConcurrentExecutions, faults, connections, latency, journal, control, adminToken);
    }

    /** Zero makes deleted backups disappear at once. */
    public StubOptions withDeleteDuration(Duration duration) {
        return new StubOptions(clock, lifecycle.withDeleteDuration(duration), maxCheckpoints, maxPolicies,
                rejectConcurrentExecutions, faults, connections, latency, journal, control, adminToken);
    }

    /** Zero makes restored backups available again at once; {@code null}: as long as a backup (the default). */
    public StubOptions withRestoreDuration(Duration duration) {
        return new StubOptions(clock, lifecycle.withRestoreDuration(duration), maxCheckpoints, maxPolicies,
                rejectConcurrentExecutions, faults, connections, latency, journal, control, adminToken);
    }

    public StubOptions withMaxPolicies(int maxPolicies) {
        return new StubOptions(clock, lifecycle, maxCheckpoints, maxPolicies, rejectConcurrentExecutions, faults,
                connections, latency, journal, control, adminToken);
    }

    public StubOptions withMaxCheckpoints(int maxCheckpoints) {
        return new StubOptions(clock, lifecycle, maxCheckpoints, maxPolicies, rejectConcurrentExecutions, faults, connections, latency, journal, control, adminToken);
    }

    public StubOptions withRejectConcurrentExecutions(boolean reject) {
        return new StubOptions(clock, lifecycle, maxCheckpoints, maxPolicies, reject, faults, connections, latency, journal, control, adminToken);
    }

    public StubOptions withFaults(FaultInjection faults) {
        return new StubOptions(clock, lifecycle, maxCheckpoints, maxPolicies, rejectConcurrentExecutions, faults, connections, latency, journal, control, adminToken);
    }

    public StubOptions withConnections(ConnectionLimits connections) {
        return new StubOptions(clock, lifecycle, maxCheckpoints, maxPolicies, rejectConcurrentExecutions, faults, connections, latency, journal, control, adminToken);
    }

    public StubOptions withLatency(Latency latency) {
        return new StubOptions(clock, lifecycle, maxCheckpoints, maxPolicies, rejectConcurrentExecutions, faults, connections, latency, journal, control, adminToken);
    }

    /** The request journal's size (0: off) and body limit. */
    public StubOptions withJournal(JournalOptions journal) {
        return new StubOptions(clock, lifecycle, maxCheckpoints, maxPolicies, rejectConcurrentExecutions, faults, connections, latency, journal, control, adminToken);
    }

    /** The stub hands its journal and setup to this control (which then serves that one stub). */
    public StubOptions withControl(StubControl control) {
        return new StubOptions(clock, lifecycle, maxCheckpoints, maxPolicies, rejectConcurrentExecutions, faults, connections, latency, journal, control, adminToken);
    }

    /**
     * The admin API asks every request for {@code Authorization: Bearer <token>}; {@code null}: for nothing (on a
     * loopback address only). The token does not show in {@link #toString()}.
     *
     * @throws IllegalArgumentException for a blank token, or one with white space or control characters inside
     */
    public StubOptions withAdminToken(String token) {
        return withAdminToken(token == null ? null : AdminToken.of(token));
    }

    /** As {@link #withAdminToken(String)}, with a token made already ({@code AdminToken.fromFile}, say). */
    public StubOptions withAdminToken(AdminToken adminToken) {
        return new StubOptions(clock, lifecycle, maxCheckpoints, maxPolicies, rejectConcurrentExecutions, faults, connections, latency, journal, control, adminToken);
    }
}
