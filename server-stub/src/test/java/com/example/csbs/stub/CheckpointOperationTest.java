package com.example.csbs.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.csbs.stub.model.CheckpointParam;
import com.example.csbs.stub.model.CheckpointReq;
import com.example.csbs.stub.model.CheckpointResp;
import com.example.csbs.stub.model.ExecuteBackupPolicyRequest;
import com.example.csbs.stub.model.Resource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The operation without HTTP: a fixed clock makes created_at exact. */
class CheckpointOperationTest {

    private static final String PROJECT = "b942cc8342734d15bcb246babb1953cf";
    private static final String PROVIDER = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";
    private static final UUID BACKUP_PLAN = UUID.fromString("6a6cda7e-7b89-4b14-8e5c-3b6821a97d2c");

    private final CheckpointStore store = new CheckpointStore();
    private final CheckpointOperation operation = new CheckpointOperation(BackupDataSet.embeddedDefault(), store,
            Clock.fixed(Instant.parse("2016-12-06T21:20:29.898823Z"), ZoneOffset.UTC));

    @Test
    void createsAndStoresACheckpointLikeThePagesExample() {
        CheckpointResp created = operation.executeBackupPolicy(PROJECT, PROVIDER, request(BACKUP_PLAN)).getCheckpoint();

        assertThat(created.getCreatedAt()).isEqualTo("2016-12-06T21:20:29.898823");
        assertThat(created.getStatus()).isEqualTo(CheckpointResp.StatusEnum.PROTECTING);
        assertThat(created.getResourceGraph()).isNull();
        assertThat(created.getExtraInfo()).isEqualTo("{\"created_by\": \"manual\"}");
        assertThat(created.getProtectionPlan().getResources()).extracting(Resource::getName).containsExactly("server0");
        assertThat(store.find(created.getId())).containsSame(created);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void storesNothingWhenThePlanIsUnknown() {
        assertThatThrownBy(() -> operation.executeBackupPolicy(PROJECT, PROVIDER, request(UUID.randomUUID())))
                .isInstanceOfSatisfying(CsbsException.class, error -> {
                    assertThat(error.status()).isEqualTo(404);
                    assertThat(error.errorCode()).isEqualTo("CSBS.3000");
                });
        assertThat(store.size()).isZero();
    }

    private static ExecuteBackupPolicyRequest request(UUID planId) {
        return new ExecuteBackupPolicyRequest().checkpoint(new CheckpointReq().planId(planId).parameters(new CheckpointParam()));
    }
}
