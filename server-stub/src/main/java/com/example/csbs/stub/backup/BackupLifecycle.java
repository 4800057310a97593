package com.example.csbs.stub.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The state machine of a backup, as a function of the stub's clock: nothing runs in the
 * background, a backup's status is worked out whenever it is read, so a test moves the clock
 * instead of sleeping.
 *
 * <pre>
 * created ── first tenth of the backup duration ──► waiting_protect (progress 0)
 *         ── until the duration has passed ───────► protecting (progress rising 10..99)
 *         ── then ────────────────────────────────► available (100), or error after half the duration
 * delete  ── first fifth of the delete duration ──► waiting_delete
 *         ── until the duration has passed ───────► deleting
 *         ── then ────────────────────────────────► gone (404 CSBS.3001)
 * </pre>
 */
public final class BackupLifecycle {

    /** Long enough that a consumer's polling loop really loops, short enough for tests. */
    public static final Duration DEFAULT_BACKUP_DURATION = Duration.ofSeconds(3);
    public static final Duration DEFAULT_DELETE_DURATION = Duration.ofSeconds(1);

    private final Duration backupDuration;
    private final Duration deleteDuration;

    public BackupLifecycle(Duration backupDuration, Duration deleteDuration) {
        this.backupDuration = requireNotNegative(backupDuration, "backup duration");
        this.deleteDuration = requireNotNegative(deleteDuration, "delete duration");
    }

    public static BackupLifecycle defaults() {
        return new BackupLifecycle(DEFAULT_BACKUP_DURATION, DEFAULT_DELETE_DURATION);
    }

    public Duration backupDuration() {
        return backupDuration;
    }

    public Duration deleteDuration() {
        return deleteDuration;
    }

    /** What a backup looks like at {@code now}; {@code null} once its deletion has completed. */
    public BackupState stateAt(Instant now, Instant createdAt, BackupOutcome outcome, Instant deleteRequestedAt) {
        return stateAt(now, createdAt, outcome, deleteRequestedAt, backupDuration);
    }

    /**
     * The same for a backup that takes its own time to end ({@link NextBackups#duration()}); {@code null}
     * is the lifecycle's backup duration.
     */
    public BackupState stateAt(Instant now, Instant createdAt, BackupOutcome outcome, Instant deleteRequestedAt,
                               Duration ownDuration) {
        Duration backupDuration = ownDuration != null ? ownDuration : this.backupDuration;
        // An error ends the backup half-way, with the progress it had reached.
        Duration toEnd = outcome.isError() ? backupDuration.dividedBy(2) : backupDuration;
        Instant finishedAt = createdAt.plus(toEnd);
        int finalProgress = outcome.isError() ? progressAt(toEnd, backupDuration) : 100;
        if (deleteRequestedAt != null) {
            Duration deleting = Duration.between(deleteRequestedAt, now);
            if (deleting.compareTo(deleteDuration) >= 0) {
                return null;
            }
            Instant deletingFrom = deleteRequestedAt.plus(deleteDuration.dividedBy(5));
            return now.isBefore(deletingFrom)
                    ? new BackupState(BackupStatus.WAITING_DELETE, finalProgress, deleteRequestedAt, finishedAt)
                    : new BackupState(BackupStatus.DELETING, finalProgress, deletingFrom, finishedAt);
        }
        Duration elapsed = Duration.between(createdAt, now);
        if (elapsed.compareTo(toEnd) >= 0) {
            return new BackupState(outcome.status(), finalProgress, finishedAt, finishedAt);
        }
        if (elapsed.compareTo(backupDuration.dividedBy(10)) < 0) {
            return new BackupState(BackupStatus.WAITING_PROTECT, 0, createdAt, null);
        }
        int progress = progressAt(elapsed, backupDuration); // at least 10: the first tenth was waiting_protect
        // Modified when the progress last moved a whole percent.
        Instant updatedAt = createdAt.plus(backupDuration.multipliedBy(progress).dividedBy(100));
        return new BackupState(BackupStatus.PROTECTING, progress, updatedAt, null);
    }

    private static int progressAt(Duration elapsed, Duration backupDuration) {
        if (backupDuration.isZero()) {
            return 0;
        }
        return (int) Math.min(99, elapsed.toNanos() * 100 / backupDuration.toNanos());
    }

    private static Duration requireNotNegative(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was " + duration);
        }
        return duration;
    }

    /**
     * A backup's status at one moment.
     *
     * @param updatedAt  when the status or progress last changed
     * @param finishedAt when the backup ended (available or error), {@code null} while it is being created
     */
    public record BackupState(BackupStatus status, int progress, Instant updatedAt, Instant finishedAt) {
    }
}
