package com.example.backupjob;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.stub.admin.StubSetup;
import com.example.csbs.stub.backup.BackupOutcome;
import com.example.csbs.stub.backup.NextBackups;
import com.example.csbs.stub.journal.StubJournal;
import com.example.csbs.stub.junit.CsbsStub;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Tests running at the same time, each with a stub of its own set up its own way: one's setup and
 * requests never show in another's (this module's JUnit configuration runs classes in parallel too).
 */
@Execution(ExecutionMode.CONCURRENT)
@CsbsStub(perMethod = true, backupDuration = "PT0S")
class ParallelTeamsTest {

    /** Each test waits here until all of them run, so that they really overlap. */
    private static final CountDownLatch ALL_RUNNING = new CountDownLatch(3);

    @Test
    void backupsThatSucceed(URI csbs, StubJournal journal) throws Exception {
        overlap();
        assertThat(runDaily(csbs)).isEmpty();
        assertThat(journal.requests()).hasSize(3);
    }

    @Test
    void backupsThatFail(URI csbs, StubSetup setup, StubJournal journal) throws Exception {
        setup.setNextBackups(NextBackups.endingAs(BackupOutcome.error(6007, "No volume attached")));
        overlap();
        assertThat(runDaily(csbs)).containsExactlyInAnyOrder(
                "server1: No volume attached", "server2: No volume attached");
        assertThat(journal.requests()).hasSize(3);
    }

    @Test
    void aTokenThatWasRotated(URI csbs, StubSetup setup) throws Exception {
        setup.putToken(NightlyBackupTest.PROJECT, "rotated-token", false);
        overlap();
        NightlyBackup job = new NightlyBackup(csbs, NightlyBackupTest.PROJECT, "rotated-token", 100);
        assertThat(job.failedBackups(job.run("daily"))).isEmpty();
    }

    private static void overlap() throws InterruptedException {
        ALL_RUNNING.countDown();
        assertThat(ALL_RUNNING.await(60, TimeUnit.SECONDS)).as("the other tests run at the same time").isTrue();
    }

    private static java.util.List<String> runDaily(URI csbs) throws Exception {
        NightlyBackup job = new NightlyBackup(csbs, NightlyBackupTest.PROJECT, NightlyBackupTest.TOKEN, 100);
        UUID checkpoint = job.run("daily");
        return job.failedBackups(checkpoint);
    }
}
