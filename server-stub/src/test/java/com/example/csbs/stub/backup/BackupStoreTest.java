package com.example.csbs.stub.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.http.CsbsException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/** The store on a clock the test moves: creation, the lifecycle, deletion, the bound. */
class BackupStoreTest {

    private static final String PROJECT = "b942cc8342734d15bcb246babb1953cf";
    private static final BackupDataSet.ProtectedResource SERVER1 =
            new BackupDataSet.ProtectedResource("7a32a8b5-7977-4e24-b5da-e0eb457db75b", "server1");
    private static final BackupDataSet.ProtectedResource SERVER2 =
            new BackupDataSet.ProtectedResource("b2b433bf-7dd6-4a74-aa8f-85673dfbda48", "server2");
    private static final BackupDataSet.Policy POLICY = new BackupDataSet.Policy("62171999-3df1-42f7-9513-6f9b1bea4744",
            "daily", null, null, null, List.of(SERVER1, SERVER2), null, null);

    private final MutableClock clock = MutableClock.of(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final BackupStore store = new BackupStore(BackupStore.DEFAULT_CAPACITY, clock,
            new BackupLifecycle(Duration.ofSeconds(10), Duration.ofSeconds(5)));

    @Test
    void anExecutionCreatesOneBackupPerResourceThatBecomesAvailable() {
        Checkpoint checkpoint = execute(null, false);

        assertThat(checkpoint.backups()).extracting(backup -> backup.resource().name()).containsExactly("server1", "server2");
        assertThat(checkpoint.backups()).allSatisfy(backup -> {
            assertThat(backup.checkpointId()).isEqualTo(checkpoint.id());
            assertThat(backup.name()).matches("manualbk_[0-9a-f]{4}");
        });
        assertThat(statuses(checkpoint)).containsOnly(BackupStatus.WAITING_PROTECT);
        clock.add(Duration.ofSeconds(5));
        assertThat(statuses(checkpoint)).containsOnly(BackupStatus.PROTECTING);
        clock.add(Duration.ofSeconds(5));
        assertThat(statuses(checkpoint)).containsOnly(BackupStatus.AVAILABLE);
    }

    @Test
    void theRequestedOutcomeWinsOverTheResources() {
        Checkpoint checkpoint = execute(BackupOutcome.DEFAULT_ERROR, false);
        clock.add(Duration.ofSeconds(5));
        assertThat(statuses(checkpoint)).containsOnly(BackupStatus.ERROR);
    }

    @Test
    void aBackupBeingCreatedCannotBeDeletedAndNothingIsHalfDeleted() {
        Checkpoint checkpoint = execute(null, false);
        assertThatThrownBy(() -> store.delete(PROJECT, checkpoint.id(), null))
                .isInstanceOfSatisfying(CsbsException.class, error -> {
                    assertThat(error.status()).isEqualTo(400);
                    assertThat(error.errorCode()).isEqualTo("CSBS.2003");
                });
        assertThat(statuses(checkpoint)).containsOnly(BackupStatus.WAITING_PROTECT);
    }

    @Test
    void deletingASubsetLeavesTheRestAndTheDeletedGoAfterTheDeleteDuration() {
        Checkpoint checkpoint = execute(null, false);
        clock.add(Duration.ofSeconds(10));
        UUID first = checkpoint.backups().get(0).id();
        UUID second = checkpoint.backups().get(1).id();

        store.delete(PROJECT, checkpoint.id(), List.of(first));
        assertThat(store.find(PROJECT, first)).get().extracting(BackupView::status).isEqualTo(BackupStatus.WAITING_DELETE);
        assertThatThrownBy(() -> store.delete(PROJECT, checkpoint.id(), List.of(first)))
                .isInstanceOfSatisfying(CsbsException.class, error -> assertThat(error.errorCode()).isEqualTo("CSBS.2003"));
        clock.add(Duration.ofSeconds(1));
        assertThat(store.find(PROJECT, first)).get().extracting(BackupView::status).isEqualTo(BackupStatus.DELETING);
        clock.add(Duration.ofSeconds(4));
        assertThat(store.find(PROJECT, first)).isEmpty();
        assertThat(store.find(PROJECT, second)).get().extracting(BackupView::status).isEqualTo(BackupStatus.AVAILABLE);

        store.delete(PROJECT, checkpoint.id(), null); // the rest
        clock.add(Duration.ofSeconds(5));
        assertThat(store.select(view -> true)).isEmpty();
        assertThatThrownBy(() -> store.delete(PROJECT, checkpoint.id(), null))
                .isInstanceOfSatisfying(CsbsException.class, error -> {
                    assertThat(error.status()).isEqualTo(404);
                    assertThat(error.errorCode()).isEqualTo("CSBS.3001");
                });
        assertThat(store.checkpointCount()).isZero();
    }

    @Test
    void aBackupThatWentIsStillKnownAsAPagingMarkerInItsProjectOnly() {
        Checkpoint checkpoint = execute(null, false);
        clock.add(Duration.ofSeconds(10));
        UUID first = checkpoint.backups().get(0).id();
        store.delete(PROJECT, checkpoint.id(), List.of(first));
        clock.add(Duration.ofSeconds(5));

        assertThat(store.find(PROJECT, first)).isEmpty();
        assertThat(store.findMarker(PROJECT, first)).get().satisfies(last -> {
            assertThat(last.backup().id()).isEqualTo(first);
            assertThat(last.status()).isEqualTo(BackupStatus.DELETING);
        });
        assertThat(store.findMarker("another-project", first)).isEmpty();
        assertThat(store.findMarker(PROJECT, UUID.randomUUID())).isEmpty();
    }

    @Test
    void unknownCheckpointsAndBackupsOfAnotherCheckpointAreNotFound() {
        Checkpoint one = execute(null, false);
        Checkpoint other = execute(null, false);
        clock.add(Duration.ofSeconds(10));
        for (Runnable call : List.<Runnable>of(
                () -> store.delete(PROJECT, UUID.randomUUID(), null),
                () -> store.delete("another-project", one.id(), null),
                () -> store.delete(PROJECT, one.id(), List.of(other.backups().get(0).id())))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(CsbsException.class,
                    error -> assertThat(error.errorCode()).isEqualTo("CSBS.3001"));
        }
        assertThat(store.select(view -> view.status() == BackupStatus.AVAILABLE)).hasSize(4);
    }

    @Test
    void aRunningManualBackupRefusesAnotherExecutionOnlyWhenAskedTo() {
        execute(null, true);
        execute(null, false); // the switch is off for this call
        assertThatThrownBy(() -> execute(null, true)).isInstanceOfSatisfying(CsbsException.class, error -> {
            assertThat(error.status()).isEqualTo(500);
            assertThat(error.errorCode()).isEqualTo("CSBS.1001");
        });
        clock.add(Duration.ofSeconds(10));
        execute(null, true);
    }

    @Test
    void aRunningAutomaticBackupRefusesAnotherExecutionWithItsOwnCode() {
        store.execute(new BackupStore.Execution(PROJECT, POLICY, POLICY.resources(), true, null, true));
        assertThatThrownBy(() -> execute(null, true)).isInstanceOfSatisfying(CsbsException.class, error -> {
            assertThat(error.status()).isEqualTo(500);
            assertThat(error.errorCode()).isEqualTo("CSBS.6030");
        });
        clock.add(Duration.ofSeconds(10));
        execute(null, true);
    }

    @Test
    void keepsTheNewestCheckpointsPreferringToDropAFinishedOne() {
        BackupStore small = new BackupStore(3, clock, new BackupLifecycle(Duration.ofSeconds(10), Duration.ZERO));
        Checkpoint oldestRunning = small.execute(execution(null, false));        // available at +10 s
        clock.add(Duration.ofSeconds(1));
        Checkpoint finished = small.execute(execution(BackupOutcome.DEFAULT_ERROR, false)); // error at +6 s
        clock.add(Duration.ofSeconds(6));
        Checkpoint third = small.execute(execution(null, false));
        Checkpoint fourth = small.execute(execution(null, false));

        assertThat(small.checkpointCount()).isEqualTo(3);
        assertThat(small.findCheckpoint(PROJECT, finished.id())).isEmpty();
        assertThat(small.findCheckpoint(PROJECT, oldestRunning.id())).isPresent();
        assertThat(small.findCheckpoint(PROJECT, third.id())).isPresent();
        assertThat(small.findCheckpoint(PROJECT, fourth.id())).isPresent();
        assertThat(small.select(view -> true)).hasSize(6);
    }

    @Test
    void staysBoundedUnderAMillionExecutions() {
        BackupStore small = new BackupStore(100, clock, new BackupLifecycle(Duration.ZERO, Duration.ZERO));
        for (int i = 0; i < 1_000_000; i++) {
            small.execute(execution(null, false));
        }
        assertThat(small.checkpointCount()).isEqualTo(100);
        assertThat(small.select(view -> true)).hasSize(200);
    }

    @Test
    void restoringMakesAnAvailableBackupWaitThenRestoreThenAvailableAgain() {
        Checkpoint checkpoint = execute(null, false);
        UUID backup = checkpoint.backups().get(0).id();
        clock.add(Duration.ofSeconds(10));

        Restoration restoration = store.restore(PROJECT, backup, "f45c477a-57e5-465f-999f-d845083962db", null);

        assertThat(restoration.backupId()).isEqualTo(backup);
        assertThat(status(backup)).isEqualTo(BackupStatus.WAITING_RESTORE); // the first tenth of 10 s
        clock.add(Duration.ofSeconds(1));
        assertThat(status(backup)).isEqualTo(BackupStatus.RESTORING);
        assertThat(store.select(view -> view.status() == BackupStatus.RESTORING)).extracting(view -> view.backup().id())
                .containsExactly(backup);
        clock.add(Duration.ofSeconds(9));
        assertThat(status(backup)).isEqualTo(BackupStatus.AVAILABLE);
        assertThat(status(checkpoint.backups().get(1).id())).as("its sibling was not restored").isEqualTo(BackupStatus.AVAILABLE);
    }

    @Test
    void aBackupBeingRestoredCannotBeDeletedNorRestoredAgain() {
        Checkpoint checkpoint = execute(null, false);
        UUID backup = checkpoint.backups().get(0).id();
        clock.add(Duration.ofSeconds(10));
        store.restore(PROJECT, backup, "f45c477a-57e5-465f-999f-d845083962db", null);

        assertThatThrownBy(() -> store.delete(PROJECT, checkpoint.id(), null))
                .isInstanceOfSatisfying(CsbsException.class, error -> {
                    assertThat(error.status()).isEqualTo(400);
                    assertThat(error.errorCode()).isEqualTo("CSBS.2003");
                });
        assertThatThrownBy(() -> store.restore(PROJECT, backup, "f45c477a-57e5-465f-999f-d845083962db", null))
                .isInstanceOfSatisfying(CsbsException.class, error -> {
                    assertThat(error.status()).isEqualTo(400);
                    assertThat(error.errorCode()).isEqualTo("CSBS.4000");
                });
        clock.add(Duration.ofSeconds(10));
        store.delete(PROJECT, checkpoint.id(), null); // restored: it can go now
        assertThat(status(backup)).isEqualTo(BackupStatus.WAITING_DELETE);
    }

    @Test
    void onlyAnAvailableBackupOfTheProjectIsRestored() {
        Checkpoint creating = execute(null, false);
        UUID backup = creating.backups().get(0).id();
        assertThatThrownBy(() -> store.restore(PROJECT, backup, "server", null))
                .isInstanceOfSatisfying(CsbsException.class, error -> assertThat(error.errorCode()).isEqualTo("CSBS.4000"));
        Checkpoint failed = execute(BackupOutcome.DEFAULT_ERROR, false);
        clock.add(Duration.ofSeconds(10));
        assertThatThrownBy(() -> store.restore(PROJECT, failed.backups().get(0).id(), "server", null))
                .isInstanceOfSatisfying(CsbsException.class, error -> assertThat(error.errorCode()).isEqualTo("CSBS.4000"));
        assertThatThrownBy(() -> store.restore("5d7ea3b1c94e4f0a8b6d2e1f3a9c7b60", backup, "server", null))
                .isInstanceOfSatisfying(CsbsException.class, error -> {
                    assertThat(error.status()).isEqualTo(404);
                    assertThat(error.errorCode()).isEqualTo("CSBS.3001");
                });
    }

    @Test
    void aFailedRestoreEndsAvailableWithItsFailure() {
        Checkpoint checkpoint = execute(null, false);
        UUID backup = checkpoint.backups().get(0).id();
        clock.add(Duration.ofSeconds(10));
        store.restore(PROJECT, backup, "server", BackupOutcome.DEFAULT_RESTORE_ERROR);
        clock.add(Duration.ofSeconds(10));

        BackupView restored = store.find(PROJECT, backup).orElseThrow();
        assertThat(restored.status()).isEqualTo(BackupStatus.AVAILABLE);
        assertThat(restored.restoreFailed().failCode()).isEqualTo(9999L);
        assertThat(restored.restoreFailed().failReason()).startsWith("restore failed");
    }

    @Test
    void protectCreatesOneBackupWhoseIdIsTheCheckpoints() {
        Checkpoint checkpoint = store.protect(new BackupStore.Execution(PROJECT, POLICY, List.of(SERVER1), false, null, false));

        assertThat(checkpoint.backups()).singleElement().satisfies(backup -> {
            assertThat(backup.id()).isEqualTo(checkpoint.id());
            assertThat(backup.checkpointId()).isEqualTo(checkpoint.id());
        });
        assertThat(store.find(PROJECT, checkpoint.id())).get().extracting(BackupView::status)
                .isEqualTo(BackupStatus.WAITING_PROTECT);
        clock.add(Duration.ofSeconds(10));
        store.delete(PROJECT, checkpoint.id(), null);
        clock.add(Duration.ofSeconds(5));
        assertThat(store.find(PROJECT, checkpoint.id())).isEmpty();
    }

    @Test
    void usageCountsTheProjectsBackupsAndTheirSizesInWholeGb() {
        assertThat(store.usage(PROJECT)).isEqualTo(new BackupStore.Usage(0, 0));
        Checkpoint checkpoint = execute(null, false);
        assertThat(store.usage(PROJECT)).isEqualTo(new BackupStore.Usage(2, 0)); // waiting_protect: nothing stored yet
        clock.add(Duration.ofSeconds(5));
        assertThat(store.usage(PROJECT)).isEqualTo(new BackupStore.Usage(2, 10)); // 2 x 5,120 MB at 50 %
        clock.add(Duration.ofSeconds(5));
        assertThat(store.usage(PROJECT)).isEqualTo(new BackupStore.Usage(2, 20)); // a quarter of two 40 GB disks
        assertThat(store.usage("5d7ea3b1c94e4f0a8b6d2e1f3a9c7b60")).isEqualTo(new BackupStore.Usage(0, 0));
        store.delete(PROJECT, checkpoint.id(), null);
        assertThat(store.usage(PROJECT).backups()).as("retained until gone").isEqualTo(2);
        clock.add(Duration.ofSeconds(5));
        assertThat(store.usage(PROJECT)).isEqualTo(new BackupStore.Usage(0, 0));
    }

    @Test
    void anExecutionPastAQuotaIsRefusedWholeWithCsbs9006() {
        BackupDataSet.Quotas threeBackups = new BackupDataSet.Quotas(3, -1);
        store.execute(new BackupStore.Execution(PROJECT, POLICY, POLICY.resources(), false, null, false, threeBackups));

        assertThatThrownBy(() -> store.execute(new BackupStore.Execution(PROJECT, POLICY, POLICY.resources(), false, null,
                false, threeBackups)))
                .isInstanceOfSatisfying(CsbsException.class, error -> {
                    assertThat(error.status()).isEqualTo(400);
                    assertThat(error.errorCode()).isEqualTo("CSBS.9006");
                    assertThat(error.errorMsg()).isEqualTo("Quota exceeded for resources: backups");
                });
        assertThat(store.usage(PROJECT).backups()).as("nothing of it created").isEqualTo(2);
        store.protect(new BackupStore.Execution(PROJECT, POLICY, List.of(SERVER1), false, null, false, threeBackups));
        assertThat(store.usage(PROJECT).backups()).isEqualTo(3);
    }

    @Test
    void anExecutionPastTheCapacityQuotaIsRefused() {
        BackupDataSet.Quotas twentyGb = new BackupDataSet.Quotas(-1, 20);
        store.execute(new BackupStore.Execution(PROJECT, POLICY, POLICY.resources(), false, null, false, twentyGb));
        clock.add(Duration.ofSeconds(10)); // 20 GB used

        assertThatThrownBy(() -> store.protect(new BackupStore.Execution(PROJECT, POLICY, List.of(SERVER1), false, null,
                false, twentyGb)))
                .isInstanceOfSatisfying(CsbsException.class,
                        error -> assertThat(error.errorMsg()).isEqualTo("Quota exceeded for resources: backup_capacity"));
    }

    private BackupStatus status(UUID backup) {
        return store.find(PROJECT, backup).orElseThrow().status();
    }

    private Checkpoint execute(BackupOutcome outcome, boolean rejectWhileRunning) {
        return store.execute(execution(outcome, rejectWhileRunning));
    }

    private static BackupStore.Execution execution(BackupOutcome outcome, boolean rejectWhileRunning) {
        return new BackupStore.Execution(PROJECT, POLICY, POLICY.resources(), false, outcome, rejectWhileRunning);
    }

    private List<BackupStatus> statuses(Checkpoint checkpoint) {
        return checkpoint.backups().stream()
                .map(backup -> store.find(PROJECT, backup.id()).orElseThrow().status())
                .toList();
    }
}
