package com.example.csbs.contract;

import static com.example.csbs.contract.Contract.PROJECT_ID;
import static com.example.csbs.contract.LayerStub.BROKEN_REASON;
import static com.example.csbs.contract.LayerStub.DAILY;
import static com.example.csbs.contract.LayerStub.FAILING;
import static com.example.csbs.contract.LayerStub.listBackups;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.example.csbs.client.model.CheckpointItem;
import com.example.csbs.client.model.CheckpointItemExtendInfo;
import com.example.csbs.client.model.CreateBackupPolicyRequest;
import com.example.csbs.client.model.CreateRestorationRequest;
import com.example.csbs.client.model.OperationDefinitionReq;
import com.example.csbs.client.model.PolicyCreate;
import com.example.csbs.client.model.PolicyParamReq;
import com.example.csbs.client.model.PolicyResp;
import com.example.csbs.client.model.ResourceReq;
import com.example.csbs.client.model.RestoreParam;
import com.example.csbs.client.model.RestoreReq;
import com.example.csbs.client.model.RestoreTarget;
import com.example.csbs.client.model.RestoreVolumeMapping;
import com.example.csbs.client.model.ScheduledOperationCreate;
import com.example.csbs.client.model.Trigger;
import com.example.csbs.client.model.TriggerProperties;
import com.example.csbs.client.model.VolumeBackup;
import com.example.csbs.client.sdk.Csbs;
import com.example.csbs.client.sdk.NotFoundException;
import com.example.csbs.client.sdk.Retries;
import com.example.csbs.client.sdk.WaitFailedException;
import com.example.csbs.client.sdk.WaitTimeoutException;
import com.example.csbs.client.sdk.Waiting;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The layer's waiters against a stub on a clock that the waits move (nothing sleeps): until the backups
 * of a checkpoint are available, until backups are gone, until a restore is done, until a policy has a
 * status; each with its success, its failure and its timeout, the polls counted in the stub's journal.
 */
class LayerWaitersTest {

    private static final Duration BACKUP = Duration.ofSeconds(100);
    private static final Duration DELETE = Duration.ofSeconds(20);
    private static final Duration RESTORE = Duration.ofSeconds(50);
    private static final Waiting TEN_MINUTES_EVERY_5S = Waiting.atMost(Duration.ofMinutes(10)).pollingEvery(Duration.ofSeconds(5));

    private final LayerStub stub = new LayerStub(options -> options.withBackupDuration(BACKUP)
            .withDeleteDuration(DELETE).withRestoreDuration(RESTORE));
    private final Csbs csbs = stub.csbs(Retries.none(), TEN_MINUTES_EVERY_5S);

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void waitsUntilEveryBackupOfTheCheckpointIsAvailable() throws Exception {
        UUID checkpoint = stub.execute(csbs, DAILY);

        List<CheckpointItem> backups = csbs.waitUntilBackupsAvailable(PROJECT_ID, checkpoint);

        assertThat(backups).hasSize(2).allSatisfy(backup -> {
            assertThat(backup.getStatus()).isEqualTo(CheckpointItem.StatusEnum.AVAILABLE);
            assertThat(backup.getCheckpointId()).isEqualTo(checkpoint.toString());
        });
        // Polled every 5 s on the stub's clock until the 100 s had passed: 21 listings, 20 pauses.
        assertThat(stub.pauses).hasSize(20).containsOnly(Duration.ofSeconds(5));
        assertThat(stub.clock.instant()).isEqualTo(LayerStub.T0.plus(BACKUP));
        assertThat(stub.requests(listBackups())).hasSize(21)
                .allSatisfy(request -> assertThat(request.queryParameter("checkpoint_id")).hasValue(checkpoint.toString()));
    }

    @Test
    void failsAtOnceWhenABackupEndsInErrorWithItsFailReason() throws Exception {
        UUID checkpoint = stub.execute(csbs, FAILING);

        WaitFailedException failed = catchThrowableOfType(WaitFailedException.class,
                () -> csbs.waitUntilBackupsAvailable(PROJECT_ID, checkpoint));

        assertThat(failed.waiter()).isEqualTo("backups_available");
        assertThat(failed.reasons()).isNotEmpty().allSatisfy(reason -> assertThat(reason).endsWith(": " + BROKEN_REASON));
        assertThat(failed).hasMessageContaining(BROKEN_REASON);
        // A failing backup ends in error at half its duration: the wait stopped there, not at its timeout.
        assertThat(stub.clock.instant()).isEqualTo(LayerStub.T0.plus(BACKUP.dividedBy(2)));
    }

    @Test
    void givesUpAtItsTimeoutWithOneLastPollAtTheDeadline() throws Exception {
        UUID checkpoint = stub.execute(csbs, DAILY);

        WaitTimeoutException timedOut = catchThrowableOfType(WaitTimeoutException.class,
                () -> csbs.withWaiting(Waiting.atMost(Duration.ofSeconds(42)).pollingEvery(Duration.ofSeconds(10)))
                        .waitUntilBackupsAvailable(PROJECT_ID, checkpoint));

        assertThat(timedOut).hasMessageContaining("backups of checkpoint " + checkpoint).hasMessageContaining("PT42S");
        assertThat(timedOut.polls()).isEqualTo(6);   // at 0, 10, 20, 30, 40 and 42 s
        assertThat(stub.pauses).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(2));
        assertThat(stub.requests(listBackups())).hasSize(6);
    }

    @Test
    void waitsUntilDeletedBackupsAnswer404() throws Exception {
        UUID checkpoint = stub.execute(csbs, DAILY);
        List<String> ids = csbs.waitUntilBackupsAvailable(PROJECT_ID, checkpoint).stream().map(CheckpointItem::getId).toList();
        csbs.backups().deleteBackup(PROJECT_ID, Csbs.PROVIDER_ID, checkpoint, null);
        var deletedFrom = stub.clock.instant();

        csbs.waitUntilBackupsDeleted(PROJECT_ID, ids);

        assertThat(stub.clock.instant()).isEqualTo(deletedFrom.plus(DELETE));
        for (String id : ids) {
            NotFoundException gone = catchThrowableOfType(NotFoundException.class,
                    () -> csbs.backups().getBackup(PROJECT_ID, UUID.fromString(id)));
            assertThat(gone.errorCode()).hasValue("CSBS.3001");
        }
    }

    @Test
    void aDeletionWaitGivesUpAtItsTimeout() throws Exception {
        UUID checkpoint = stub.execute(csbs, DAILY);
        List<String> ids = csbs.waitUntilBackupsAvailable(PROJECT_ID, checkpoint).stream().map(CheckpointItem::getId).toList();
        csbs.backups().deleteBackup(PROJECT_ID, Csbs.PROVIDER_ID, checkpoint, null);

        WaitTimeoutException timedOut = catchThrowableOfType(WaitTimeoutException.class, () -> csbs
                .withWaiting(Waiting.atMost(Duration.ofSeconds(10)).pollingEvery(Duration.ofSeconds(5)))
                .waitUntilBackupsDeleted(PROJECT_ID, ids));

        assertThat(timedOut.waiter()).isEqualTo("backup_deleted");
        assertThat(timedOut).hasMessageContaining("deletion of backup " + ids.get(0));
    }

    @Test
    void waitsUntilARestoreIsDoneAndFailsWhenItFailed() throws Exception {
        UUID checkpoint = stub.execute(csbs, DAILY);
        CheckpointItem backup = csbs.waitUntilBackupsAvailable(PROJECT_ID, checkpoint).get(0);
        var restoredFrom = stub.clock.instant();

        csbs.restores().createRestoration(PROJECT_ID, restoreOntoItsServer(checkpoint, backup));
        CheckpointItem restored = csbs.waitUntilRestored(PROJECT_ID, UUID.fromString(backup.getId()));

        assertThat(restored.getStatus()).isEqualTo(CheckpointItem.StatusEnum.AVAILABLE);
        assertThat(stub.clock.instant()).isEqualTo(restoredFrom.plus(RESTORE));

        // Asked to fail (Prefer: restore=error on that one request): available again, with fail_op restore.
        var failingClient = stub.apiClient(Contract.TOKEN);
        failingClient.addDefaultHeader("Prefer", "restore=error");
        Csbs.over(failingClient).restores().createRestoration(PROJECT_ID, restoreOntoItsServer(checkpoint, backup));
        WaitFailedException failed = catchThrowableOfType(WaitFailedException.class,
                () -> csbs.waitUntilRestored(PROJECT_ID, UUID.fromString(backup.getId())));
        assertThat(failed.waiter()).isEqualTo("backup_restored");
        assertThat(failed.reasons()).containsExactly(backup.getId() + ": restore failed: the stub was asked for a failed restore");
        assertThat(csbs.backups().getBackup(PROJECT_ID, UUID.fromString(backup.getId())).getCheckpointItem()
                .getExtendInfo().getFailOp()).isEqualTo(CheckpointItemExtendInfo.FailOpEnum.RESTORE);
    }

    @Test
    void waitsUntilAPolicyHasAStatusOrGivesUp() throws Exception {
        PolicyResp created = csbs.policies().createBackupPolicy(PROJECT_ID, scheduledPolicy()).getPolicy();
        UUID id = UUID.fromString(created.getId());

        assertThat(csbs.waitUntilPolicyStatus(PROJECT_ID, id, "enabled").getStatus()).isEqualTo("enabled");
        assertThat(stub.pauses).isEmpty();

        WaitTimeoutException timedOut = catchThrowableOfType(WaitTimeoutException.class, () -> csbs
                .withWaiting(Waiting.atMost(Duration.ofSeconds(30)).pollingEvery(Duration.ofSeconds(10)))
                .waitUntilPolicyStatus(PROJECT_ID, id, "disabled"));
        assertThat(timedOut.polls()).isEqualTo(4);
        assertThat(timedOut.waiter()).isEqualTo("policy_status");
    }

    static CreateRestorationRequest restoreOntoItsServer(UUID checkpoint, CheckpointItem backup) {
        RestoreTarget target = new RestoreTarget().serverId(UUID.fromString(backup.getResourceId()));
        for (VolumeBackup disk : backup.getExtendInfo().getVolumeBackups()) {
            target.addVolumesItem(new RestoreVolumeMapping().backupId(UUID.fromString(disk.getId()))
                    .volumeId(UUID.fromString(disk.getSourceVolumeId())));
        }
        return new CreateRestorationRequest().restore(new RestoreReq()
                .providerId(RestoreReq.ProviderIdEnum.FC4D5750_22E7_4798_8A46_F48F62C4C1DA)
                .checkpointId(checkpoint)
                .parameters(new RestoreParam().checkpointItemId(UUID.fromString(backup.getId())).powerOn(true).targets(target)));
    }

    static CreateBackupPolicyRequest scheduledPolicy() {
        return new CreateBackupPolicyRequest().policy(new PolicyCreate()
                .name("layer-waiters")
                .providerId(PolicyCreate.ProviderIdEnum.FC4D5750_22E7_4798_8A46_F48F62C4C1DA)
                .parameters(new PolicyParamReq())
                .addResourcesItem(new ResourceReq().id(UUID.fromString("0f5a3c2e-1b4d-4e6f-8a9b-0c1d2e3f4a5b")).name("server")
                        .type(ResourceReq.TypeEnum.OS_NOVA_SERVER))
                .addScheduledOperationsItem(new ScheduledOperationCreate()
                        .enabled(true)
                        .operationType(ScheduledOperationCreate.OperationTypeEnum.BACKUP)
                        .operationDefinition(new OperationDefinitionReq().maxBackups(3))
                        .trigger(new Trigger().properties(new TriggerProperties().pattern(
                                "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=3;BYMINUTE=0"
                                        + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")))));
    }
}
