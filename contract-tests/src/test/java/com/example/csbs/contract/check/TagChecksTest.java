package com.example.csbs.contract.check;

import static com.example.csbs.contract.check.Checker.check;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.contract.check.Checker.Run;
import com.example.csbs.contract.check.WrongCsbs.Fault;
import com.example.csbs.stub.StubServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tag checks against services with one fault in tag management each (see {@link WrongTags}): each is caught by
 * the checks that can see it, naming the rule; the stub passes every tag check, read-only and with --lifecycle.
 */
class TagChecksTest {

    private static StubServer stub;

    @BeforeAll
    static void startStub() {
        stub = Checker.stubWithBackups(Checker.AT_ONCE);
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @Test
    void theStubPassesEveryTagCheck() {
        Run readOnly = check(stub.baseUri(), "--max-cases", "0");
        Run withLifecycle;
        try (StubServer fresh = Checker.stubWithBackups(Checker.AT_ONCE)) {
            withLifecycle = check(fresh.baseUri(), Checker.meaningLifecycle());
        }

        assertThat(readOnly.exitCode()).as(readOnly.toString()).isZero();
        assertThat(withLifecycle.exitCode()).as(withLifecycle.toString()).isZero();
        // Read-only, the backups carry no tag yet; with --lifecycle every tag check runs.
        assertThat(tagChecks(readOnly)).filteredOn(line -> line.startsWith("SKIP")).allSatisfy(line ->
                assertThat(line).matches("SKIP  queryBackupsByTags: .*: no backup of the project carries a tag \\(--lifecycle tags its own\\)"));
        assertThat(tagChecks(withLifecycle)).hasSizeGreaterThan(30).allSatisfy(line -> assertThat(line).startsWith("PASS"));
    }

    @Test
    void notTagsIgnored() {
        Run run = readOnly(WrongTags.QUERY_IGNORES_NOT_TAGS);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "queryPoliciesByTags: not_tags -> the policies it keeps, each with its tags; total_count their number");
        assertThat(run.failures().get(0)).contains("which the rule leaves out: not_tags [{\"key\":\"team\",\"values\":[\"web\"]}]: a"
                + " resource matches when it has not every entry of not_tags (it is left out only when it has them all)");
    }

    @Test
    void tagsAnyReadAsTags() {
        Run run = lifecycleRun(WrongTags.TAGS_ANY_AS_TAGS);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "queryBackupsByTags: tags_any -> the backups it keeps, each with its tags; total_count their number");
        assertThat(run.failures().get(0)).contains("which the rule keeps: tags_any [").contains(": a resource matches when it has at least one of tags_any");
    }

    @Test
    void aCountOneTooMany() {
        Run run = readOnly(WrongTags.COUNT_ONE_TOO_MANY);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "queryPoliciesByTags: tags -> the policies it keeps, each with its tags; total_count their number",
                "queryPoliciesByTags: tags_any -> the policies it keeps, each with its tags; total_count their number",
                "queryPoliciesByTags: not_tags -> the policies it keeps, each with its tags; total_count their number",
                "queryPoliciesByTags: not_tags_any -> the policies it keeps, each with its tags; total_count their number",
                "queryPoliciesByTags: matches -> the policies whose name contains the value; total_count their number",
                "queryBackupsByTags: matches -> the backups whose name contains the value; total_count their number");
        assertThat(run.failures()).allSatisfy(line -> assertThat(line).containsPattern("count's total_count is \\d+, but \\d+ (policies|backups) match"));
    }

    @Test
    void resourcesAnsweredWithoutTheirTags() {
        Run run = readOnly(WrongTags.QUERY_WITHOUT_THE_TAGS);

        assertThat(run.failedChecks()).as(run.toString()).contains(
                "queryPoliciesByTags: tags -> the policies it keeps, each with its tags; total_count their number");
        assertThat(run.failures().get(0)).contains("is answered with the tags {}, but carries {team=web}");
    }

    @Test
    void namesMatchedInTheCaseGiven() {
        Run run = readOnly(WrongTags.MATCHES_CASE_SENSITIVE);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "queryPoliciesByTags: matches -> the policies whose name contains the value; total_count their number",
                "queryBackupsByTags: matches -> the backups whose name contains the value; total_count their number");
        assertThat(run.failures()).allSatisfy(line -> assertThat(line).contains("a non-empty value matches the names that contain it,"
                + " ignoring case"));
    }

    @Test
    void anotherProjectsTagInTheProjectsList() {
        Run run = readOnly(WrongTags.PROJECT_TAGS_OF_ANOTHER_PROJECT);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "listProjectPolicyTags: page example GET /v1/{project_id}/csbs_backup_policy/tags -> 200, the keys and values the"
                        + " policies carry",
                "listProjectBackupTags: page example GET /v1/{project_id}/csbs_backup/tags -> 200, the keys and values the backups carry");
        assertThat(run.failures()).allSatisfy(line -> assertThat(line).contains("other-project-team=[finance]").contains(
                "derived from what exists"));
    }

    @Test
    void tagsThatNeverLeaveTheProjectsList() {
        Run run = lifecycleRun(WrongTags.projectTagsNeverShrink());

        assertThat(run.failedChecks()).as(run.toString()).contains(
                "listProjectPolicyTags, queryPoliciesByTags: the tags of a deleted policy -> gone from the project's tags and the query");
        assertThat(run.failure("listProjectPolicyTags, queryPoliciesByTags: the tags of a deleted policy -> gone from the project's tags"
                + " and the query")).contains("a tag goes when the last policy with it is deleted");
    }

    @Test
    void anEleventhTagAnswered204() {
        Run run = lifecycleRun(WrongTags.ELEVENTH_TAG_ANSWERED_204);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "backup tags: an eleventh tag -> 400 CSBS.7000, nothing added",
                "policy tags: an eleventh tag -> 400 CSBS.7000, nothing added");
        assertThat(run.failures().get(0)).contains("status 204, expected 400 CSBS.7000 because a resource can have up to 10 tags");
    }

    @Test
    void aMissingTagRemovedWith204() {
        Run run = lifecycleRun(WrongTags.MISSING_TAG_REMOVED_WITH_204);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "backup tags: removing a key that is not there -> 404 CSBS.7001, nothing changed",
                "policy tags: removing a key that is not there -> 404 CSBS.7001, nothing changed");
    }

    @Test
    void theKeyActionNotRemovable() {
        Run run = lifecycleRun(WrongTags.ACTION_KEY_NOT_REMOVABLE);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "backup tags: the key action -> 204, then DELETE .../tags/action removes it",
                "policy tags: the key action -> 204, then DELETE .../tags/action removes it");
        assertThat(run.failures().get(0)).contains("status 405, expected 204");
    }

    @Test
    void anExistingKeyRefused() {
        Run run = lifecycleRun(WrongTags.EXISTING_KEY_REFUSED);

        assertThat(run.failedChecks()).as(run.toString()).contains(
                "backup tags: the same key again -> 204, its value replaced, still one tag",
                "policy tags: the same key again -> 204, its value replaced, still one tag");
    }

    @Test
    void aBatchDeleteOfAMissingKeyRefused() {
        Run run = lifecycleRun(WrongTags.BATCH_DELETE_OF_A_MISSING_KEY_REFUSED);

        assertThat(run.failedChecks()).as(run.toString()).contains(
                "backup tags: batch create and delete -> 204 each, the tags as asked; deleting a tag not there is no error",
                "policy tags: batch create and delete -> 204 each, the tags as asked; deleting a tag not there is no error");
    }

    private static List<String> tagChecks(Run run) {
        return run.checks().stream().filter(line -> line.matches("(PASS|FAIL|SKIP) {2}(\\w+Tags?\\w*|policy tags|backup tags|"
                + "listProject\\w+, query\\w+|createBackupPolicy: a policy of the run's own to tag)[:,].*")).toList();
    }

    private static Run readOnly(Fault fault) {
        return Checker.failing(stub.baseUri(), fault, "--max-cases", "0");
    }

    /** A lifecycle run against a fresh stub behind the fault; it must fail. */
    private static Run lifecycleRun(Fault fault) {
        return Checker.failingOnFresh(Checker.AT_ONCE, fault, Checker.meaningLifecycle());
    }
}
