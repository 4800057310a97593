package com.example.csbs.stub.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.http.CsbsException;
import com.example.csbs.stub.model.CheckpointParam;
import com.example.csbs.stub.model.CheckpointReq;
import com.example.csbs.stub.model.CheckpointResp;
import com.example.csbs.stub.model.ExecuteBackupPolicyRequest;
import com.example.csbs.stub.model.Resource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The backup operations without HTTP: a fixed clock makes the timestamps exact. */
class BackupResourceTest {

    private static final String PROJECT = "b942cc8342734d15bcb246babb1953cf";
    private static final UUID BACKUP_POLICY = UUID.fromString("6a6cda7e-7b89-4b14-8e5c-3b6821a97d2c");
    private static final UUID DAILY_POLICY = UUID.fromString("62171999-3df1-42f7-9513-6f9b1bea4744");
    private static final UUID EMPTY_POLICY = UUID.fromString("11111111-2222-4333-8444-555555555555");

    private final BackupDataSet dataSet = new BackupDataSet(List.of(
            BackupDataSet.embeddedDefault().project(PROJECT).map(project -> new BackupDataSet.Project(project.id(),
                    project.token(), false, concat(project.policies(), new BackupDataSet.Policy(EMPTY_POLICY.toString(),
                            "empty", null, null, null, List.of(), null, null)))).orElseThrow()));
    private final Clock clock = Clock.fixed(Instant.parse("2016-12-06T21:20:29.898823Z"), ZoneOffset.UTC);
    private final BackupStore store = new BackupStore(BackupStore.DEFAULT_CAPACITY, clock, new BackupLifecycle(Duration.ZERO, Duration.ZERO));
    private final BackupResource backups = new BackupResource(dataSet, store, StubOptions.defaults());

    @Test
    void executesLikeThePagesExampleAndCreatesOneBackupPerResource() {
        CheckpointResp created = backups.executeBackupPolicy(PROJECT, BackupResource.CSBS_PROVIDER_ID,
                request(BACKUP_POLICY, new CheckpointParam())).getCheckpoint();

        assertThat(created.getCreatedAt()).isEqualTo("2016-12-06T21:20:29.898823");
        assertThat(created.getStatus()).isEqualTo(CheckpointResp.StatusEnum.PROTECTING);
        assertThat(created.getResourceGraph()).isNull();
        assertThat(created.getExtraInfo()).isEqualTo("{\"created_by\": \"manual\"}");
        assertThat(created.getProtectionPlan().getResources()).extracting(Resource::getName).containsExactly("server0");
        assertThat(store.select(view -> view.backup().checkpointId().equals(created.getId())))
                .singleElement()
                .satisfies(view -> {
                    assertThat(view.backup().resource().name()).isEqualTo("server0");
                    assertThat(view.status()).isEqualTo(BackupStatus.AVAILABLE);
                    assertThat(view.backup().createdAt()).isEqualTo(clock.instant());
                });
    }

    @Test
    void nullResourcesMeanEveryResourceOfThePolicy() {
        CheckpointResp created = backups.executeBackupPolicy(PROJECT, BackupResource.CSBS_PROVIDER_ID,
                request(DAILY_POLICY, new CheckpointParam().autoTrigger(null).resources(null))).getCheckpoint();

        assertThat(created.getProtectionPlan().getResources()).extracting(Resource::getName).containsExactly("server1", "server2");
        assertThat(store.select(view -> true)).allSatisfy(view -> assertThat(view.backup().autoTrigger()).isFalse());
    }

    @Test
    void refusesUnknownPoliciesEmptyPoliciesAndOtherProvidersAndStoresNothing() {
        assertError(() -> backups.executeBackupPolicy(PROJECT, BackupResource.CSBS_PROVIDER_ID,
                request(UUID.randomUUID(), new CheckpointParam())), 404, "CSBS.3000");
        assertError(() -> backups.executeBackupPolicy(PROJECT, BackupResource.CSBS_PROVIDER_ID,
                request(EMPTY_POLICY, new CheckpointParam())), 500, "CSBS.6032");
        assertError(() -> backups.executeBackupPolicy(PROJECT, UUID.randomUUID().toString(),
                request(BACKUP_POLICY, new CheckpointParam())), 400, "CSBS.9001");
        assertThat(store.checkpointCount()).isZero();
    }

    @Test
    void timeFiltersIncludeABackupCreatedExactlyAtTheirBoundsThoughTheClockIsFinerThanShown() {
        // Nanoseconds on the clock; created_at shows microseconds.
        Clock fine = Clock.fixed(Instant.parse("2016-12-06T21:20:29.898823456Z"), ZoneOffset.UTC);
        BackupStore fineStore = new BackupStore(BackupStore.DEFAULT_CAPACITY, fine, new BackupLifecycle(Duration.ZERO, Duration.ZERO));
        BackupResource fineBackups = new BackupResource(dataSet, fineStore, StubOptions.defaults());
        String shown = fineBackups.executeBackupPolicy(PROJECT, BackupResource.CSBS_PROVIDER_ID,
                request(BACKUP_POLICY, new CheckpointParam())).getCheckpoint().getCreatedAt();
        assertThat(shown).isEqualTo("2016-12-06T21:20:29.898823");

        assertThat(listedBetween(fineBackups, shown, null)).as("start_time = created_at").isEqualTo(1);
        assertThat(listedBetween(fineBackups, null, shown)).as("end_time = created_at").isEqualTo(1);
        assertThat(listedBetween(fineBackups, shown, shown)).as("both = created_at").isEqualTo(1);
        assertThat(listedBetween(fineBackups, "2016-12-06T21:20:29.898824", null)).as("start_time 1 µs later").isZero();
        assertThat(listedBetween(fineBackups, null, "2016-12-06T21:20:29.898822")).as("end_time 1 µs earlier").isZero();
        assertThat(listedBetween(fineBackups, null, "2016-12-06T21:20:29")).as("end_time in whole seconds, earlier").isZero();
    }

    /** The backups listed between the bounds; the count with the same bounds must say the same. */
    private static int listedBetween(BackupResource resource, String startTime, String endTime) {
        int listed = resource.listBackups(PROJECT, null, null, null, null, null, null, null, null, null, startTime, endTime,
                null, null, null, null, null, null).getCheckpointItems().size();
        long counted = resource.countBackups(PROJECT, null, null, null, null, null, null, startTime, endTime, null, null, null,
                null, null).getCount();
        assertThat(counted).as("count between %s and %s", startTime, endTime).isEqualTo(listed);
        return listed;
    }

    private static void assertError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CsbsException.class, error -> {
            assertThat(error.status()).isEqualTo(status);
            assertThat(error.errorCode()).isEqualTo(code);
        });
    }

    private static ExecuteBackupPolicyRequest request(UUID policyId, CheckpointParam parameters) {
        return new ExecuteBackupPolicyRequest().checkpoint(new CheckpointReq().planId(policyId).parameters(parameters));
    }

    private static <T> List<T> concat(List<T> list, T element) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(element)).toList();
    }
}
