package com.example.csbs.contract.check;

import static com.example.csbs.contract.check.Checker.check;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.contract.check.Checker.Run;
import com.example.csbs.contract.check.WrongCsbs.Fault;
import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.StubServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checks of meaning (issue 19) against services whose one fault is in what an answer means (see
 * {@link WrongMeanings}): each is caught by exactly the checks that can see it, with a message naming the rule in the
 * spec's words; the correct services (the stub with another project's backups in it, and one that breaks an explicit
 * sort's ties otherwise) pass every check.
 */
class MeaningChecksTest {

    private static StubServer stub;

    @BeforeAll
    static void startStub() {
        stub = Checker.stubWithBackups(Checker.AT_ONCE);
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    // Correct services.

    @Test
    void theStubWithAnotherProjectsBackupsPassesReadOnly() {
        Run run = check(stub.baseUri(), readOnlyOptions());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        // Only what a read-only run cannot judge is skipped, each saying why.
        assertThat(run.out()).filteredOn(line -> line.startsWith("SKIP")).containsExactly(
                "SKIP  listBackups: filter policy_id -> the run's backups of the policy, not the others: a backup does not show its"
                        + " policy: only backups the run made can be judged (--lifecycle makes some)",
                "SKIP  countBackups: filter policy_id -> counts the run's backups of the policy, not the others: a backup does not"
                        + " show its policy: only backups the run made can be judged (--lifecycle makes some)",
                "SKIP  listBackupPolicies: sort by status -> the same items, in status order, asc, desc and without direction:"
                        + " the project's 3 policies all have the same status: no order to see",
                "SKIP  createRestoration: a backup in error -> 400 CSBS.4000: restores only the run's own backups: needs"
                        + " --lifecycle and --failing-plan",
                "SKIP  queryBackupsByTags: tags -> the backups it keeps, each with its tags; total_count their number: no backup"
                        + " of the project carries a tag (--lifecycle tags its own)",
                "SKIP  queryBackupsByTags: tags_any -> the backups it keeps, each with its tags; total_count their number: no"
                        + " backup of the project carries a tag (--lifecycle tags its own)",
                "SKIP  queryBackupsByTags: not_tags -> the backups it keeps, each with its tags; total_count their number: no"
                        + " backup of the project carries a tag (--lifecycle tags its own)",
                "SKIP  queryBackupsByTags: not_tags_any -> the backups it keeps, each with its tags; total_count their number: no"
                        + " backup of the project carries a tag (--lifecycle tags its own)");
    }

    @Test
    void theStubPassesALifecycleRunWithEveryMeaningCheck() {
        try (StubServer fresh = StubServer.start("127.0.0.1", 0, com.example.csbs.stub.data.BackupDataSet.embeddedDefault(),
                StubOptions.defaults().withBackupDuration(Duration.ofMillis(1500)).withDeleteDuration(Duration.ofMillis(1500)))) {
            Checker.execute(fresh.baseUri(), Checker.OTHER_PROJECT, Checker.OTHER_TOKEN, Checker.OTHER_PLAN);
            Run run = check(fresh.baseUri(), Checker.meaningLifecycle("--wait-timeout", "30s"));

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).as(run.toString()).filteredOn(line -> line.startsWith("SKIP")).containsExactly(
                    "SKIP  listBackupPolicies: sort by status -> the same items, in status order, asc, desc and without direction:"
                            + " the project's 3 policies all have the same status: no order to see");
            assertThat(run.checks()).contains(
                    "PASS  deleteBackup: a backup being made -> 400 CSBS.2003",
                    "PASS  createRestoration: a backup in error -> 400 CSBS.4000",
                    "PASS  deleteBackup: this project's checkpoint through the other project -> 404 CSBS.3001, and it stays",
                    "PASS  lifecycle: clean-up -> nothing the run made is left");
        }
    }

    @Test
    void aServiceThatBreaksTheTiesOfAnExplicitSortByIdDescendingPasses() {
        try (WrongCsbs correct = WrongCsbs.inFrontOf(stub.baseUri(), WrongMeanings.EXPLICIT_SORT_TIES_BY_ID_DESCENDING)) {
            Run run = check(correct.baseUri(), readOnlyOptions());

            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
    }

    // Filters: nothing missing, nothing extra, counts equal.

    @Test
    void anEndTimeThatLeavesOutTheBackupCreatedAtIt() {
        Run run = readOnly(WrongMeanings.END_TIME_EXCLUSIVE);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "listBackups: filter end_time -> every item that fits, nothing else",
                "countBackups: filter end_time -> the number of checkpoint_items that fit");
        assertThat(run.failure("listBackups: filter end_time -> every item that fits, nothing else")).matches(
                ".*: end_time=[0-9T:.-]+ leaves out \\[[0-9a-f-]{36}.*], which fit the rule: Backups created at or before this time"
                        + " \\(created_at, inclusive\\)");
        assertThat(run.failure("countBackups: filter end_time -> the number of checkpoint_items that fit")).matches(
                ".*: count is \\d+ for end_time=[0-9T:.-]+, but \\d+ of the listed backups fit the rule: Backups created at or"
                        + " before this time \\(created_at, inclusive\\)");
    }

    @Test
    void aStartTimeThatLeavesOutTheBackupCreatedAtIt() {
        Run run = readOnly(WrongMeanings.START_TIME_EXCLUSIVE);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "listBackups: filter start_time -> every item that fits, nothing else",
                "countBackups: filter start_time -> the number of checkpoint_items that fit");
        assertThat(run.failures()).allSatisfy(line -> assertThat(line)
                .endsWith("fit the rule: Backups created at or after this time (created_at, inclusive)"));
    }

    @Test
    void aNameFilterThatMindsTheCase() {
        Run run = readOnly(WrongMeanings.NAME_FILTER_CASE_SENSITIVE);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "listBackups: filter name -> every item that fits, nothing else",
                "countBackups: filter name -> the number of checkpoint_items that fit");
        assertThat(run.failures()).allSatisfy(line -> assertThat(line)
                .endsWith("fit the rule: backups whose name contains the value, ignoring case"));
    }

    @Test
    void aResourceNameFilterThatMatchesWholeNamesOnly() {
        Run run = readOnly(WrongMeanings.RESOURCE_NAME_WHOLE_ONLY);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "listBackups: filter resource_name -> every item that fits, nothing else",
                "countBackups: filter resource_name -> the number of checkpoint_items that fit");
        assertThat(run.failures()).allSatisfy(line -> assertThat(line).endsWith(
                "fit the rule: backups whose backup object name (extend_info.resource_name) contains the value, ignoring case"));
    }

    @Test
    void aStatusFilterThatDropsABackup() {
        Run run = readOnly(WrongMeanings.STATUS_FILTER_DROPS_THE_LAST);

        // Seen through the filter of each operation, and as the status a backup has in getBackup but not in the listing.
        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "listBackups: filter status -> every item that fits, nothing else",
                "countBackups: filter status -> the number of checkpoint_items that fit",
                "getBackup, listBackups, countBackups: a backup's status -> the same status in each");
        assertThat(run.failure("listBackups: filter status -> every item that fits, nothing else"))
                .contains("which fit the rule: backups in that status (status equal to the value)");
        assertThat(run.failure("getBackup, listBackups, countBackups: a backup's status -> the same status in each"))
                .containsPattern("backup [0-9a-f-]{36} is (available|error) in getBackup but not listed by status=(available|error):"
                        + " a backup has one status");
    }

    @Test
    void anIpFilterThatMatchesTheElasticIpOnly() {
        Run run = readOnly(WrongMeanings.IP_FILTER_EIP_ONLY);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "listBackups: filter ip -> every item that fits, nothing else",
                "countBackups: filter ip -> the number of checkpoint_items that fit");
        assertThat(run.failures()).allSatisfy(line -> assertThat(line).endsWith(
                "fit the rule: Backups whose server has this IP address (backup_data.private_ip or backup_data.eip)"));
    }

    @Test
    void anAzFilterIgnored() {
        Run run = readOnly(WrongMeanings.AZ_FILTER_IGNORED);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "listBackups: filter az -> every item that fits, nothing else",
                "countBackups: filter az -> the number of checkpoint_items that fit");
        assertThat(run.failure("listBackups: filter az -> every item that fits, nothing else"))
                .matches(".*: az=eu-de-0\\d answers \\[.*], which do not fit the rule: backups in that AZ \\(extend_info.resource_az\\)");
    }

    @Test
    void aCountThatIgnoresTheCheckpoint() {
        Run run = readOnly(WrongMeanings.COUNT_IGNORES_CHECKPOINT_ID);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "countBackups: filter checkpoint_id -> the number of checkpoint_items that fit",
                "isolation: the other project's listings and counts -> none of this project's backups or policies");
        assertThat(run.failure("countBackups: filter checkpoint_id -> the number of checkpoint_items that fit"))
                .endsWith("fit the rule: backups of that backup record (checkpoint_id)");
    }

    @Test
    void aPolicyNameFilterThatMatchesParts() {
        Run run = readOnly(WrongMeanings.POLICY_NAME_MATCHES_PARTS);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly("listBackupPolicies: filter name -> every item that fits, nothing else");
        assertThat(run.failures().get(0)).containsPattern("name=\\w+ answers \\[[0-9a-f-]{36}], which do not fit the rule: Exact"
                + " matching based on field name$");
    }

    @Test
    void aPolicyFilterIgnored() {
        Run run = lifecycleRun(Checker.AT_ONCE, WrongMeanings.POLICY_ID_FILTER_IGNORED);

        // The count applies the filter, so it disagrees with the listing that does not.
        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "listBackups: filter policy_id -> the run's backups of the policy, not the others",
                "countBackups: filter policy_id -> counts the run's backups of the policy, not the others");
        assertThat(run.failures().get(0)).endsWith("which do not fit the rule: backups made by the policy policy_id");
        assertThat(run.failures().get(1)).matches(".*: count is \\d+, but listBackups with the same filters lists \\d+");
    }

    // Order.

    @Test
    void backupsOldestFirst() {
        Run run = readOnly(WrongMeanings.DEFAULT_ORDER_ASCENDING);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly("listBackups: default order -> created_at descending, ties by id");
        assertThat(run.failures().get(0)).matches(".*: item \\d+ \\(created_at [0-9T:.-]+\\) comes before item \\d+ \\(created_at [0-9T:.-]+\\):"
                + " Backups are sorted by created_at:desc unless sort says otherwise; ties are broken by id, ascending");
    }

    @Test
    void tiesOfTheDefaultOrderByIdDescending() {
        Run run = readOnly(WrongMeanings.DEFAULT_TIES_BY_ID_DESCENDING);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly("listBackups: default order -> created_at descending, ties by id");
        assertThat(run.failures().get(0)).matches(".*: items \\d+ and \\d+ have the same created_at [0-9T:.-]+ and come in the order of"
                + " their ids [0-9a-f-]{36}, [0-9a-f-]{36}: Backups are sorted by created_at:desc .*ties are broken by id, ascending");
    }

    @Test
    void anAscendingNameSortAnsweredDescending() {
        Run run = readOnly(WrongMeanings.NAME_ASC_IGNORED);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "listBackups: sort by name -> the same items, in name order, asc, desc and without direction");
        assertThat(run.failures().get(0)).contains("sort=name:asc: item ").contains(", but asc is ascending");
    }

    @Test
    void aSortKeyWithoutDirectionAscending() {
        Run run = readOnly(WrongMeanings.NO_DIRECTION_ASCENDING);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "listBackups: sort by created_at -> the same items, in created_at order, asc, desc and without direction");
        assertThat(run.failures().get(0)).contains("sort=created_at: item ")
                .contains("but desc is descending (a key without direction sorts in descending order)");
    }

    @Test
    void aStatusSortIgnored() {
        Run run = readOnly(WrongMeanings.STATUS_SORT_IGNORED);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "listBackups: sort by status -> the same items, in status order, asc, desc and without direction");
        // Sorted by id, the one backup in error is among the others (not together) or at an end (asc is desc).
        assertThat(run.failures().get(0)).containsPattern("equal values are not together|one must be the other reversed");
    }

    @Test
    void policiesOldestFirst() {
        Run run = readOnly(WrongMeanings.POLICIES_DEFAULT_ORDER_ASCENDING);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "listBackupPolicies: default order -> created_at descending, ties by id");
        assertThat(run.failures().get(0)).endsWith(": Backup policies are sorted by created_at:desc unless sort says otherwise, ties"
                + " broken by id");
    }

    // Isolation.

    @Test
    void aTokenAcceptedOnAnotherProjectsPaths() {
        Run run = readOnly(WrongMeanings.TOKEN_NOT_MATCHED_TO_PROJECT);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "isolation: the other project's token on this project's paths -> 403 CSBS.9009");
        assertThat(run.failures().get(0)).contains(": status 200, expected 403 CSBS.9009 because a token of another project is"
                + " answered with 403 CSBS.9009");
    }

    @Test
    void aBackupFoundThroughAnotherProject() {
        Run run = readOnly(WrongMeanings.BACKUP_FOUND_IN_ANY_PROJECT);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "getBackup: this project's backup through the other project -> 404 CSBS.3001");
        assertThat(run.failures().get(0)).contains("status 200, expected 404 CSBS.3001 because the backup is another project's");
    }

    @Test
    void aPolicyFoundThroughAnotherProject() {
        Run run = readOnly(WrongMeanings.POLICY_FOUND_IN_ANY_PROJECT);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "getBackupPolicy: this project's policy through the other project -> 404 CSBS.3000");
    }

    @Test
    void aCheckpointsBackupsListedInAnotherProject() {
        Run run = readOnly(WrongMeanings.CHECKPOINT_FILTER_ACROSS_PROJECTS);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "isolation: the other project's listings and counts -> none of this project's backups or policies");
        assertThat(run.failures().get(0)).contains("the other project's listBackups answers this project's [")
                .contains(": one project never sees another's checkpoint_items");
    }

    @Test
    void allTenantsForAnyone() {
        Run run = readOnly(WrongMeanings.ALL_TENANTS_FOR_ANYONE);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "listBackups: all_tenants=true with the other project's token -> 403 CSBS.9009",
                "countBackups: all_tenants=true with the other project's token -> 403 CSBS.9009",
                "listBackupPolicies: all_tenants=true with the other project's token -> 403 CSBS.9009");
        assertThat(run.failures()).allSatisfy(line -> assertThat(line).contains("because only administrators can query all tenants,"
                + " and the other project's token is not one"));
    }

    @Test
    void aCheckpointDeletedThroughAnotherProject() {
        Run run = lifecycleRun(Checker.AT_ONCE, WrongMeanings.DELETES_IN_ANY_PROJECT);

        String check = "deleteBackup: this project's checkpoint through the other project -> 404 CSBS.3001, and it stays";
        assertThat(run.failedChecks()).as(run.toString()).contains(check);
        assertThat(run.failure(check)).contains("status 200, expected 404 CSBS.3001");
        assertThat(run.checks()).contains("PASS  lifecycle: clean-up -> nothing the run made is left");
    }

    @Test
    void aPolicyExecutedThroughAnotherProject() {
        Run run = lifecycleRun(Checker.AT_ONCE, WrongMeanings.EXECUTES_IN_ANY_PROJECT);

        String check = "executeBackupPolicy: this project's policy through the other project -> 404 CSBS.3000";
        assertThat(run.failedChecks()).as(run.toString()).containsExactly(check);
        assertThat(run.failure(check)).contains("status 200, expected 404 CSBS.3000");
        assertThat(run.checks()).contains("PASS  lifecycle: clean-up -> nothing the run made is left");
    }

    // State rules.

    @Test
    void aBackupInErrorShownAvailableByGetBackup() {
        Run run = lifecycleRun(Checker.AT_ONCE, WrongMeanings.GET_SHOWS_ERROR_AS_AVAILABLE);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "getBackup, listBackups, countBackups: a backup's status -> the same status in each");
        assertThat(run.failures().get(0)).containsPattern("backup [0-9a-f-]{36} is error in listBackups, available in getBackup:"
                + " a backup has one status");
    }

    @Test
    void aBackupInErrorRestored() {
        Run run = lifecycleRun(Checker.AT_ONCE, WrongMeanings.RESTORES_A_BACKUP_IN_ERROR);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly("createRestoration: a backup in error -> 400 CSBS.4000");
        assertThat(run.failures().get(0)).contains("status 200, expected 400 CSBS.4000 because the current backup status (error)"
                + " does not allow restoration");
    }

    @Test
    void deletedBackupsStillListed() {
        Run run = lifecycleRun(Checker.AT_ONCE, WrongMeanings.deletedBackupsStayListed());

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "getBackup, listBackups, countBackups: a deleted backup -> 404 CSBS.3001, not listed, not counted");
        assertThat(run.failures().get(0)).containsPattern("the deleted backup [0-9a-f-]{36} is listed as available, while getBackup"
                + " answers 404: a deleted backup is gone");
    }

    @Test
    void aDeletedPolicyStillListed() {
        Run run = lifecycleRun(Checker.AT_ONCE, WrongMeanings.deletedPoliciesStayListed());

        String check = "listBackupPolicies, executeBackupPolicy: the deleted policy -> not listed; 404 CSBS.3000";
        // The tag checks read each listed policy's tags: the one listed but deleted answers 404.
        assertThat(run.failedChecks()).as(run.toString()).contains(check,
                "listProjectPolicyTags: page example GET /v1/{project_id}/csbs_backup_policy/tags -> 200, the keys and values the"
                        + " policies carry");
        assertThat(run.failure(check)).containsPattern("the deleted policy [0-9a-f-]{36} is still listed");
    }

    @Test
    void aServerPutInTwoPolicies() {
        Run run = lifecycleRun(Checker.AT_ONCE, WrongMeanings.SERVER_IN_TWO_POLICIES);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly("createBackupPolicy: a server already in a policy -> 400 CSBS.6004");
        assertThat(run.checks()).contains("PASS  lifecycle: clean-up -> nothing the run made is left");
    }

    @Test
    void aPolicyNameTakenTwice() {
        Run run = lifecycleRun(Checker.AT_ONCE, WrongMeanings.DUPLICATE_POLICY_NAME_ACCEPTED);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "createBackupPolicy: the name of a policy the project holds -> 400 CSBS.9007");
    }

    @Test
    void aBackupBeingMadeDeleted() {
        Run run = lifecycleRun(slowly(), WrongMeanings.DELETES_A_BACKUP_BEING_MADE, "--wait-timeout", "30s");

        assertThat(run.failedChecks()).as(run.toString()).containsExactly("deleteBackup: a backup being made -> 400 CSBS.2003");
        assertThat(run.failures().get(0)).contains("status 200, expected 400 CSBS.2003 because a backup that is still being created"
                + " cannot be deleted");
    }

    @Test
    void aBackupBeingDeletedDeletedAgain() {
        Run run = lifecycleRun(slowly(), WrongMeanings.DELETES_A_BACKUP_BEING_DELETED, "--wait-timeout", "30s");

        String check = "deleteBackup: a checkpoint again while its backups are being deleted -> 400 CSBS.2003 or 404 CSBS.3001";
        assertThat(run.failedChecks()).as(run.toString()).containsExactly(check);
        assertThat(run.failure(check)).containsPattern("the repeated deletion is answered 200 while the backups are \\[.*(waiting_delete"
                + "|deleting).*]; expected .* because a backup already being deleted cannot be deleted");
    }

    /** A read-only run with the second project's options, no generated cases; it must fail. */
    private static Run readOnly(Fault fault) {
        return Checker.failing(stub.baseUri(), fault, readOnlyOptions());
    }

    private static String[] readOnlyOptions() {
        List<String> options = new ArrayList<>(List.of("--max-cases", "0"));
        options.addAll(Checker.otherProject());
        return options.toArray(String[]::new);
    }

    /** A lifecycle run (with --failing-plan and the second project) against a fresh stub behind the service; it must fail. */
    private static Run lifecycleRun(StubOptions stubOptions, Fault fault, String... more) {
        return Checker.failingOnFresh(stubOptions, fault, Checker.meaningLifecycle(more));
    }

    /** Backups made and deleted slowly enough to be seen being made and being deleted. */
    private static StubOptions slowly() {
        return StubOptions.defaults().withBackupDuration(Duration.ofMillis(1500)).withDeleteDuration(Duration.ofMillis(1500));
    }
}
