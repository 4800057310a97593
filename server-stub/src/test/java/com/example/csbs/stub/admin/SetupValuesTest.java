package com.example.csbs.stub.admin;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.csbs.stub.backup.BackupOutcome;
import com.example.csbs.stub.backup.BackupStatus;
import com.example.csbs.stub.backup.NextBackups;
import com.example.csbs.stub.data.BackupDataSet.Policy;
import com.example.csbs.stub.data.BackupDataSet.Project;
import com.example.csbs.stub.data.BackupDataSet.ProtectedResource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A setup value the stub refuses throws {@link InvalidSetupException} naming the field, whether the test
 * builds it (the records' own checks) or hands it to {@link StubSetup}: a test's setup code catches one type.
 */
class SetupValuesTest {

    private static final String POLICY_ID = "3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44";
    private static final String RESOURCE_ID = "8b1f5a30-7c2d-4e6f-a1b9-3c4d5e6f7a8b";

    @Test
    void aResourceWhoseIdIsNotAUuid() {
        assertThatThrownBy(() -> new ProtectedResource("db-server-1", "db-server"))
                .isExactlyInstanceOf(InvalidSetupException.class)
                .hasMessage("resource id db-server-1 is not a UUID");
    }

    @Test
    void aResourceWithoutIdOrNameOrOfAnotherType() {
        assertThatThrownBy(() -> new ProtectedResource(null, "db-server"))
                .isExactlyInstanceOf(InvalidSetupException.class).hasMessage("a resource has no id");
        assertThatThrownBy(() -> new ProtectedResource(RESOURCE_ID, null))
                .isExactlyInstanceOf(InvalidSetupException.class).hasMessage("resource " + RESOURCE_ID + " has no name");
        assertThatThrownBy(() -> new ProtectedResource(RESOURCE_ID, "db", "OS::Cinder::Volume", null, null, null, null,
                null, null, null, null))
                .isExactlyInstanceOf(InvalidSetupException.class)
                .hasMessage("resource " + RESOURCE_ID + " has type OS::Cinder::Volume, not OS::Nova::Server");
    }

    @Test
    void aPolicyWhoseIdIsNotAUuidOrWithoutName() {
        assertThatThrownBy(() -> new Policy("nightly", "nightly", List.of()))
                .isExactlyInstanceOf(InvalidSetupException.class).hasMessage("policy id nightly is not a UUID");
        assertThatThrownBy(() -> new Policy(POLICY_ID, " ", List.of()))
                .isExactlyInstanceOf(InvalidSetupException.class).hasMessage("policy " + POLICY_ID + " has no name");
        assertThatThrownBy(() -> new Policy(POLICY_ID, "nightly", List.of()).withResource(null))
                .isExactlyInstanceOf(InvalidSetupException.class).hasMessage("the resource is missing");
        assertThatThrownBy(() -> new Project("b942cc8342734d15bcb246babb1953cf", "token", List.of()).withPolicy(null))
                .isExactlyInstanceOf(InvalidSetupException.class).hasMessage("the policy is missing");
    }

    @Test
    void howTheNextBackupsEnd() {
        assertThatThrownBy(() -> new BackupOutcome(null, null, null))
                .isExactlyInstanceOf(InvalidSetupException.class)
                .hasMessage("backup_outcome.status is required (available or error)");
        assertThatThrownBy(() -> new BackupOutcome(BackupStatus.PROTECTING, null, null))
                .isExactlyInstanceOf(InvalidSetupException.class)
                .hasMessage("backup_outcome.status must be available or error, was protecting");
        assertThatThrownBy(() -> new BackupOutcome(BackupStatus.AVAILABLE, 6007L, null))
                .isExactlyInstanceOf(InvalidSetupException.class)
                .hasMessage("backup_outcome: fail_code and fail_reason go with status error only");
        assertThatThrownBy(() -> NextBackups.endingAs(BackupOutcome.AVAILABLE).withDuration(Duration.ofSeconds(-1)))
                .isExactlyInstanceOf(InvalidSetupException.class)
                .hasMessage("duration must not be negative, was PT-1S");
        assertThatThrownBy(() -> NextBackups.endingAs(BackupOutcome.AVAILABLE).forExecutions(0))
                .isExactlyInstanceOf(InvalidSetupException.class)
                .hasMessage("executions must be at least 1, was 0");
    }
}
