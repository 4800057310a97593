package com.example.csbs.stub.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.csbs.stub.backup.BackupLifecycle.BackupState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The state machine, as a function of time: every transition at its documented moment. */
class BackupLifecycleTest {

    private static final Instant CREATED = Instant.parse("2026-11-23T10:00:00Z");
    private final BackupLifecycle lifecycle = new BackupLifecycle(Duration.ofSeconds(10), Duration.ofSeconds(5));

    @Test
    void aBackupWaitsThenProtectsWithRisingProgressThenIsAvailable() {
        assertThat(at(0)).isEqualTo(new BackupState(BackupStatus.WAITING_PROTECT, 0, CREATED, null));
        assertThat(at(999).status()).isEqualTo(BackupStatus.WAITING_PROTECT);
        assertThat(at(1_000)).isEqualTo(new BackupState(BackupStatus.PROTECTING, 10, CREATED.plusSeconds(1), null));
        assertThat(at(5_500)).isEqualTo(new BackupState(BackupStatus.PROTECTING, 55, CREATED.plusMillis(5_500), null));
        assertThat(at(9_999).progress()).isEqualTo(99);
        Instant finished = CREATED.plusSeconds(10);
        assertThat(at(10_000)).isEqualTo(new BackupState(BackupStatus.AVAILABLE, 100, finished, finished));
        assertThat(at(3_600_000)).isEqualTo(new BackupState(BackupStatus.AVAILABLE, 100, finished, finished));
    }

    @Test
    void anErrorEndsHalfWayWithTheProgressReached() {
        Instant failed = CREATED.plusSeconds(5);
        assertThat(lifecycle.stateAt(CREATED.plusMillis(4_999), CREATED, BackupOutcome.DEFAULT_ERROR, null).status())
                .isEqualTo(BackupStatus.PROTECTING);
        assertThat(lifecycle.stateAt(failed, CREATED, BackupOutcome.DEFAULT_ERROR, null))
                .isEqualTo(new BackupState(BackupStatus.ERROR, 50, failed, failed));
    }

    @Test
    void aDeletionWaitsThenDeletesThenTheBackupIsGone() {
        Instant deleteAt = CREATED.plusSeconds(60);
        Instant finished = CREATED.plusSeconds(10);
        assertThat(lifecycle.stateAt(deleteAt, CREATED, BackupOutcome.AVAILABLE, deleteAt))
                .isEqualTo(new BackupState(BackupStatus.WAITING_DELETE, 100, deleteAt, finished));
        assertThat(lifecycle.stateAt(deleteAt.plusSeconds(1), CREATED, BackupOutcome.AVAILABLE, deleteAt))
                .isEqualTo(new BackupState(BackupStatus.DELETING, 100, deleteAt.plusSeconds(1), finished));
        assertThat(lifecycle.stateAt(deleteAt.plusMillis(4_999), CREATED, BackupOutcome.AVAILABLE, deleteAt).status())
                .isEqualTo(BackupStatus.DELETING);
        assertThat(lifecycle.stateAt(deleteAt.plusSeconds(5), CREATED, BackupOutcome.AVAILABLE, deleteAt)).isNull();
    }

    @Test
    void zeroDurationsAreImmediate() {
        BackupLifecycle immediate = new BackupLifecycle(Duration.ZERO, Duration.ZERO);
        assertThat(immediate.stateAt(CREATED, CREATED, BackupOutcome.AVAILABLE, null))
                .isEqualTo(new BackupState(BackupStatus.AVAILABLE, 100, CREATED, CREATED));
        assertThat(immediate.stateAt(CREATED, CREATED, BackupOutcome.DEFAULT_ERROR, null))
                .isEqualTo(new BackupState(BackupStatus.ERROR, 0, CREATED, CREATED));
        assertThat(immediate.stateAt(CREATED, CREATED, BackupOutcome.AVAILABLE, CREATED)).isNull();
    }

    @Test
    void aRestoreWaitsThenRestoresThenTheBackupIsAvailableAgain() {
        BackupLifecycle restoring = new BackupLifecycle(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(20));
        Instant finished = CREATED.plusSeconds(10);
        Instant requested = CREATED.plusSeconds(60);
        Restoration restoration = new Restoration(java.util.UUID.randomUUID(), java.util.UUID.randomUUID(), "server",
                requested, BackupOutcome.AVAILABLE, null);

        assertThat(restoring.stateAt(requested.minusMillis(1), CREATED, BackupOutcome.AVAILABLE, null, null, restoration))
                .isEqualTo(new BackupState(BackupStatus.AVAILABLE, 100, finished, finished));
        assertThat(restoring.stateAt(requested, CREATED, BackupOutcome.AVAILABLE, null, null, restoration))
                .isEqualTo(new BackupState(BackupStatus.WAITING_RESTORE, 100, requested, finished));
        assertThat(restoring.stateAt(requested.plusSeconds(2), CREATED, BackupOutcome.AVAILABLE, null, null, restoration))
                .isEqualTo(new BackupState(BackupStatus.RESTORING, 100, requested.plusSeconds(2), finished));
        assertThat(restoring.stateAt(requested.plusMillis(19_999), CREATED, BackupOutcome.AVAILABLE, null, null, restoration))
                .extracting(BackupState::status).isEqualTo(BackupStatus.RESTORING);
        assertThat(restoring.stateAt(requested.plusSeconds(20), CREATED, BackupOutcome.AVAILABLE, null, null, restoration))
                .isEqualTo(new BackupState(BackupStatus.AVAILABLE, 100, requested.plusSeconds(20), finished, null));
    }

    @Test
    void aFailedRestoreLeavesTheBackupAvailableWithTheRestoresFailure() {
        Instant requested = CREATED.plusSeconds(60);
        BackupOutcome failure = BackupOutcome.error(6014, "Volume(s) not found in target server.");
        Restoration restoration = new Restoration(java.util.UUID.randomUUID(), java.util.UUID.randomUUID(), "server",
                requested, failure, Duration.ofSeconds(4));

        BackupState restored = lifecycle.stateAt(requested.plusSeconds(4), CREATED, BackupOutcome.AVAILABLE, null, null,
                restoration);

        assertThat(restored.status()).isEqualTo(BackupStatus.AVAILABLE);
        assertThat(restored.restoreFailed()).isEqualTo(failure);
        assertThat(lifecycle.stateAt(requested.plusSeconds(3), CREATED, BackupOutcome.AVAILABLE, null, null, restoration)
                .restoreFailed()).as("not before it has ended").isNull();
    }

    @Test
    void restoresTakeAsLongAsBackupsUnlessToldOtherwise() {
        assertThat(lifecycle.restoreDuration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(BackupLifecycle.defaults().restoreDuration()).isEqualTo(BackupLifecycle.DEFAULT_BACKUP_DURATION);
        assertThat(lifecycle.withBackupDuration(Duration.ofSeconds(5)).restoreDuration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(lifecycle.withRestoreDuration(Duration.ZERO).withBackupDuration(Duration.ofSeconds(5)).restoreDuration())
                .isZero();
        assertThatThrownBy(() -> lifecycle.withRestoreDuration(Duration.ofSeconds(-1)))
                .hasMessageContaining("restore duration must not be negative");
    }

    @Test
    void refusesNegativeDurations() {
        assertThatThrownBy(() -> new BackupLifecycle(Duration.ofSeconds(-1), Duration.ZERO))
                .hasMessageContaining("backup duration must not be negative");
    }

    private BackupState at(long millis) {
        return lifecycle.stateAt(CREATED.plusMillis(millis), CREATED, BackupOutcome.AVAILABLE, null);
    }

    @Test
    void isCreatingAtAgreesWithTheStateAtEveryMoment() {
        for (BackupOutcome outcome : java.util.List.of(BackupOutcome.AVAILABLE, BackupOutcome.error(6007, "No volume attached"))) {
            for (Duration own : java.util.Arrays.asList(null, Duration.ofSeconds(3), Duration.ZERO)) {
                for (long millis = 0; millis <= 12_000; millis += 250) {
                    Instant now = CREATED.plusMillis(millis);
                    boolean creating = lifecycle.stateAt(now, CREATED, outcome, null, own).status().isCreating();
                    org.assertj.core.api.Assertions.assertThat(lifecycle.isCreatingAt(now, CREATED, outcome, own))
                            .as("%s, own duration %s, at %d ms", outcome, own, millis).isEqualTo(creating);
                }
            }
        }
    }
}
