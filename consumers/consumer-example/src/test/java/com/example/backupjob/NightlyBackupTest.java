package com.example.backupjob;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.stub.admin.StubSetup;
import com.example.csbs.stub.backup.BackupOutcome;
import com.example.csbs.stub.backup.NextBackups;
import com.example.csbs.stub.data.BackupDataSet.Policy;
import com.example.csbs.stub.data.BackupDataSet.ProtectedResource;
import com.example.csbs.stub.journal.RecordedRequest;
import com.example.csbs.stub.journal.StubJournal;
import com.example.csbs.stub.junit.CsbsStub;
import com.example.csbs.stub.junit.InjectStub;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The nightly backup job against a CSBS stub of its own for each test. Every request the job sends is
 * checked against the CSBS contract: a test fails if one is not valid, even if the job carried on.
 */
@CsbsStub(perMethod = true, backupDuration = "PT0S") // backups end at once
class NightlyBackupTest {

    static final String PROJECT = "b942cc8342734d15bcb246babb1953cf"; // the stub's demo project
    static final String TOKEN = "csbs-demo-token";                     // and its IAM token

    @InjectStub
    URI csbs;
    @InjectStub
    StubSetup setup;
    @InjectStub
    StubJournal journal;

    NightlyBackup job;

    @BeforeEach
    void nightlyPolicyWithTwoServers() {
        setup.putPolicy(PROJECT, new Policy("3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44", "nightly", List.of(
                new ProtectedResource("8b1f5a30-7c2d-4e6f-a1b9-3c4d5e6f7a8b", "db-server"),
                new ProtectedResource("9c2a6b41-8d3e-4f70-b2ca-4d5e6f7a8b9c", "web-server"))));
        job = new NightlyBackup(csbs, PROJECT, TOKEN, 100);
    }

    @Test
    void executesTheNightlyPolicy() throws Exception {
        UUID checkpoint = job.run("nightly");

        assertThat(job.failedBackups(checkpoint)).isEmpty();
        RecordedRequest execution = journal.requests().stream()
                .filter(request -> request.method().equals("POST"))
                .findFirst().orElseThrow();
        assertThat(execution.body()).contains("\"plan_id\":\"3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44\"");
        assertThat(execution.status()).isEqualTo(200);
    }

    @Test
    void reportsEveryBackupThatFailed() throws Exception {
        setup.setNextBackups(NextBackups.endingAs(BackupOutcome.error(6007, "No volume attached")));

        UUID checkpoint = job.run("nightly");

        assertThat(job.failedBackups(checkpoint)).containsExactlyInAnyOrder(
                "db-server: No volume attached", "web-server: No volume attached");
    }
}
