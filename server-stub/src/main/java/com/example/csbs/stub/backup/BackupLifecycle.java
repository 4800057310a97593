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
 * restore ── first tenth of the restore duration ─► waiting_restore (an available backup)
 *         ── until the duration has passed ───────► restoring
 *         ── then ────────────────────────────────► available again (a failed restore: fail_op restore)
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
    // null: as long as a backup, so that a client's wait for a restore loops as its wait for a backup does
    private final Duration restoreDuration;

    /** Restores take as long as backups. */
    public BackupLifecycle(Duration backupDuration, Duration deleteDuration) {
        this(backupDuration, deleteDuration, null);
    }

    /** @param restoreDuration {@code null}: as long as a backup */
    public BackupLifecycle(Duration backupDuration, Duration deleteDuration, Duration restoreDuration) {
        this.backupDuration = requireNotNegative(backupDuration, "backup duration");
        this.deleteDuration = requireNotNegative(deleteDuration, "delete duration");
        this.restoreDuration = restoreDuration == null ? null : requireNotNegative(restoreDuration, "restore duration");
    }

    public static BackupLifecycle defaults() {
        return new BackupLifecycle(DEFAULT_BACKUP_DURATION, DEFAULT_DELETE_DURATION);
    }

    /** How long a restore takes: its own duration if set, else a backup's. */
    public Duration restoreDuration() {
        return restoreDuration != null ? restoreDuration : backupDuration;
    }

    public BackupLifecycle withBackupDuration(Duration duration) {
        return new BackupLifecycle(duration, deleteDuration, restoreDuration);
    }

    public BackupLifecycle withDeleteDuration(Duration duration) {
        return new BackupLifecycle(backupDuration, duration, restoreDuration);
    }

    /** @param duration {@code null}: as long as a backup */
    public BackupLifecycle withRestoreDuration(Duration duration) {
        return new BackupLifecycle(backupDuration, deleteDuration, duration);
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
        return stateAt(now, createdAt, outcome, deleteRequestedAt, ownDuration, null);
    }

    /**
     * The same for a backup that may have been restored from: a restore is only started on an available
     * backup, and a deletion only on a backup not being restored, so the last of them decides.
     */
    public BackupState stateAt(Instant now, Instant createdAt, BackupOutcome outcome, Instant deleteRequestedAt,
                               Duration ownDuration, Restoration restoration) {
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
        if (restoration != null && !now.isBefore(restoration.requestedAt())) {
            return restoreStateAt(now, restoration, finishedAt);
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

    private BackupState restoreStateAt(Instant now, Restoration restoration, Instant finishedAt) {
        Duration duration = restoration.duration() != null ? restoration.duration() : restoreDuration();
        Instant requestedAt = restoration.requestedAt();
        Duration elapsed = Duration.between(requestedAt, now);
        if (elapsed.compareTo(duration) >= 0) {
            return new BackupState(BackupStatus.AVAILABLE, 100, requestedAt.plus(duration), finishedAt,
                    restoration.outcome().isError() ? restoration.outcome() : null);
        }
        Instant restoringFrom = requestedAt.plus(duration.dividedBy(10));
        return now.isBefore(restoringFrom)
                ? new BackupState(BackupStatus.WAITING_RESTORE, 100, requestedAt, finishedAt)
                : new BackupState(BackupStatus.RESTORING, 100, restoringFrom, finishedAt);
    }

    /**
     * Whether a backup not being deleted is still being created ({@code waiting_protect} or
     * {@code protecting}): what {@link #stateAt} would say, without working out the rest of the state.
     */
    public boolean isCreatingAt(Instant now, Instant createdAt, BackupOutcome outcome, Duration ownDuration) {
        Duration backupDuration = ownDuration != null ? ownDuration : this.backupDuration;
        Duration toEnd = outcome.isError() ? backupDuration.dividedBy(2) : backupDuration;
        return now.isBefore(createdAt.plus(toEnd));
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
     * @param updatedAt     when the status or progress last changed
     * @param finishedAt    when the backup ended (available or error), {@code null} while it is being created
     * @param restoreFailed how the last restore from it failed, {@code null} unless it did
     */
    public record BackupState(BackupStatus status, int progress, Instant updatedAt, Instant finishedAt,
                              BackupOutcome restoreFailed) {

        public BackupState(BackupStatus status, int progress, Instant updatedAt, Instant finishedAt) {
            this(status, progress, updatedAt, finishedAt, null);
        }
    }
}
