package com.example.backupjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.example.csbs.stub.journal.ContractViolationError;
import com.example.csbs.stub.journal.StubJournal;
import com.example.csbs.stub.junit.CsbsStub;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * A job configured with a page size of 0 asks CSBS for {@code limit=0}, which the contract does not
 * allow: CSBS answers 400, the job logs it and reports no failed backups, and its test would pass.
 * The stub's contract check fails it, naming the request; JUnit's test kit runs that test here and
 * checks that it fails so.
 */
class ContractViolationTest {

    @Test
    void aTestWhoseCodeSentAnInvalidRequestFailsNamingTheRequest() {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(JobWithPageSizeZero.class))
                .execute()
                .testEvents();

        tests.assertStatistics(stats -> stats.started(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(test("reportsNoFailedBackups"),
                finishedWithFailure(instanceOf(ContractViolationError.class), message(text -> text.startsWith(
                        "1 request sent to the CSBS stub violates the CSBS contract (csbs/openapi.yaml):")
                        && text.contains("limit=0")
                        && text.contains("-> 400")
                        && text.contains("ERROR validation.request.parameter.schema.minimum: [Query parameter 'limit']"
                                + " Numeric instance is lower than the required minimum (minimum: 1, found: 0)")))));
    }

    /** The team's test as it would be written; run only through the test kit above (the build skips nested classes). */
    @CsbsStub
    static class JobWithPageSizeZero {
        @Test
        void reportsNoFailedBackups(URI csbs, StubJournal journal) throws Exception {
            NightlyBackup job = new NightlyBackup(csbs, NightlyBackupTest.PROJECT, NightlyBackupTest.TOKEN, 0);

            UUID checkpoint = job.run("daily");

            assertThat(job.failedBackups(checkpoint)).isEmpty(); // passes: the job hid the 400
            assertThat(journal.requests()).hasSize(3);
        }
    }
}
