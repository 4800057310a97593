package com.example.csbs.contract.check;

import static com.example.csbs.contract.check.Checker.EVERY_KIND;
import static com.example.csbs.contract.check.Checker.PROJECT;
import static com.example.csbs.contract.check.Checker.check;
import static com.example.csbs.contract.check.Checker.lifecycle;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.contract.check.Checker.Run;
import com.example.csbs.contract.check.WrongCsbs.Answer;
import com.example.csbs.contract.check.WrongCsbs.Fault;
import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.StubServer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checker against deliberately wrong services, one fault each (see {@link Services}): each is caught by exactly
 * the checks that can see its fault, with a message that names it; every other check passes.
 */
class WrongServicesTest {

    private static final String CASES = Integer.toString(EVERY_KIND);
    private static final String EXAMPLE_RESOURCES = "[7a32a8b5-7977-4e24-b5da-e0eb457db75b, b2b433bf-7dd6-4a74-aa8f-85673dfbda48]";

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
    void anInvalidBodyAccepted() {
        Run run = checkLifecycle(Services.ACCEPTS_AN_INVALID_BODY, "--executions", "0", "--max-cases", CASES);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "executeBackupPolicy: generated invalid requests -> 400 or 404 with the CSBS body");
        assertThat(run.failure("executeBackupPolicy: generated invalid requests -> 400 or 404 with the CSBS body"))
                .contains("cases failed, e.g. status 200, expected 400 or 404 because the spec refuses the request:"
                        + " [Path '/checkpoint/parameters/auto_trigger'] Instance type")
                .contains("mutation: wrong type at checkpoint.parameters.auto_trigger");
        assertThat(run.checks()).contains("PASS  lifecycle: clean-up -> nothing the run made is left");
    }

    @Test
    void aServerErrorForABadTime() {
        Run run = checkReadOnly(Services.SERVER_ERROR_ON_A_BAD_TIME);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "listBackups: generated invalid requests -> 400 or 404 with the CSBS body",
                "countBackups: generated invalid requests -> 400 or 404 with the CSBS body");
        assertThat(run.failures()).allSatisfy(line -> assertThat(line).containsPattern(
                "cases failed, e.g. status 500, expected 400 or 404 because the spec refuses the request: .*(start|end)_time"));
    }

    @Test
    void aServerErrorForAWrongType() {
        Run run = checkReadOnly(Services.SERVER_ERROR_ON_A_WRONG_TYPE);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "executeBackupPolicy: generated invalid requests -> 400 or 404 with the CSBS body");
        assertThat(run.failures().get(0)).contains("e.g. status 500, expected 400 or 404 because the spec refuses the request:"
                + " [Path '/checkpoint/plan_id'] Instance type (");
    }

    @Test
    void unknownFieldsRefused() {
        Run run = checkReadOnly(Services.REJECTS_UNKNOWN_FIELDS, "0");

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "executeBackupPolicy: tolerance: unknown fields -> 404 CSBS.3000");
        assertThat(run.failure("executeBackupPolicy: tolerance: unknown fields -> 404 CSBS.3000")).endsWith(
                ": status 400, expected 404 CSBS.3000 because a body with unknown fields is valid, and its plan does not exist"
                        + " (body: {\"error_code\":\"CSBS.9001\",\"error_msg\":\"Parameter verification failed: unknown field\"})");
    }

    @Test
    void nullForOptionalFieldsRefused() {
        Run run = checkReadOnly(Services.REJECTS_NULL_FOR_OPTIONAL_FIELDS, "0");

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "executeBackupPolicy: tolerance: null for the optional auto_trigger and resources -> 404 CSBS.3000");
        assertThat(run.failures().get(0)).contains(": status 400, expected 404 CSBS.3000 because a body with null for the"
                + " optional auto_trigger and resources is valid, and its plan does not exist");
    }

    @Test
    void anotherProjectInPolicies() {
        Run run = checkReadOnly(Services.ANOTHER_PROJECT_ID, "0");

        // Every check that reads the policies sees it.
        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "listBackupPolicies: page example GET /v1/{project_id}/policies -> 200",
                "getBackupPolicy: page example GET /v1/{project_id}/policies/{policy_id} -> 200",
                "listBackupPolicies: filter name -> every item that fits, nothing else",
                "listBackupPolicies: default order -> created_at descending, ties by id",
                "listBackupPolicies: sort by created_at -> the same items, in created_at order, asc, desc and without direction",
                "listBackupPolicies: sort by name -> the same items, in name order, asc, desc and without direction",
                "listBackupPolicies: sort by id -> the same items, in id order, asc, desc and without direction",
                "listBackupPolicies: sort by status -> the same items, in status order, asc, desc and without direction");
        assertThat(run.failures().get(0)).endsWith(": policies[0].project_id is 0123456789abcdef0123456789abcdef, expected the"
                + " project of the path, " + PROJECT + "; policies[1].project_id is 0123456789abcdef0123456789abcdef, expected the"
                + " project of the path, " + PROJECT + "; policies[2].project_id is 0123456789abcdef0123456789abcdef, expected the"
                + " project of the path, " + PROJECT);
    }

    @Test
    void otherResourcesBackedUp() {
        Run run = checkLifecycle(Services.BACKS_UP_ONE_RESOURCE_ONLY, "--executions", "3", "--max-cases", "0", "--wait-timeout", "300ms");

        // The executions that make the read checks' backups too.
        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "executeBackupPolicy: the lifecycle's plan, for the read checks -> 200",
                "lifecycle: the backups of the lifecycle's plan, for the read checks -> each available or in error",
                "executeBackupPolicy: the lifecycle's plan, again, for the read checks -> 200",
                "lifecycle: the backups of the lifecycle's plan, again, for the read checks -> each available or in error",
                "executeBackupPolicy: documented request -> 200",
                "lifecycle: the backups of the checkpoint -> one per resource, each available",
                "lifecycle: generated executions -> 200, backed up as asked, available, deleted");
        assertThat(run.failure("executeBackupPolicy: documented request -> 200")).isEqualTo(
                "FAIL  executeBackupPolicy: documented request -> 200: checkpoint.protection_plan.resources have the ids"
                        + " [7a32a8b5-7977-4e24-b5da-e0eb457db75b], expected the requested " + EXAMPLE_RESOURCES);
        assertThat(run.failure("lifecycle: the backups of the checkpoint -> one per resource, each available"))
                .matches(".*: the backups of checkpoint [0-9a-f-]{36} are \\{[0-9a-f-]{36}=available} after --wait-timeout 300 ms;"
                        + " expected one available backup for each of \\[7a32a8b5-7977-4e24-b5da-e0eb457db75b,"
                        + " b2b433bf-7dd6-4a74-aa8f-85673dfbda48]");
        assertThat(run.checks()).contains("PASS  lifecycle: clean-up -> nothing the run made is left");
    }

    @Test
    void aCountThatDisagreesWithItsListing() {
        Run run = checkReadOnly(Services.COUNT_ONE_TOO_MANY, "0");

        // Every count is one too many: the page examples', each filter's and the count by a backup's status.
        java.util.List<String> expected = new java.util.ArrayList<>(java.util.List.of(
                "countBackups: page example GET /v1/{project_id}/checkpoint_items/count -> 200",
                "countBackups: page example GET /v1/{project_id}/checkpoint_items/count?status=error -> 200"));
        for (String filter : java.util.List.of("status", "name", "resource_name", "resource_id", "checkpoint_id", "resource_type",
                "start_time", "end_time", "az", "image_type", "ip")) {
            expected.add("countBackups: filter " + filter + " -> the number of checkpoint_items that fit");
        }
        expected.add("getBackup, listBackups, countBackups: a backup's status -> the same status in each");
        assertThat(run.failedChecks()).as(run.toString()).containsExactlyElementsOf(expected);
        assertThat(run.failures().get(0)).endsWith(": count is 10, but listBackups with the same filters lists 9");
        assertThat(run.failures().get(1)).endsWith(": count is 2, but listBackups with the same filters lists 1");
    }

    @Test
    void pagesThatRepeatABackup() {
        Run run = checkReadOnly(Services.PAGE_REPEATS_THE_MARKER, "0");

        assertThat(run.failedChecks()).as(run.toString()).containsExactly("listBackups: paging by marker -> each item once");
        assertThat(run.failure("listBackups: paging by marker -> each item once"))
                .matches("FAIL .*: page 2 repeats ([0-9a-f-]{36}), already on page 1; .*");
    }

    @Test
    void pagesThatSkipABackup() {
        Run run = checkReadOnly(Services.PAGE_SKIPS_A_BACKUP, "0");

        assertThat(run.failedChecks()).as(run.toString()).containsExactly("listBackups: paging by marker -> each item once");
        assertThat(run.failure("listBackups: paging by marker -> each item once"))
                .matches("FAIL .*: the pages skip \\[[0-9a-f-]{36}(, [0-9a-f-]{36})*] of the 9 that the whole listing has");
    }

    @Test
    void backupsThatNeverBecomeAvailable() {
        try (StubServer never = Checker.stubWithBackups(StubOptions.defaults().withBackupDuration(Duration.ofDays(1)))) {
            Run run = check(never.baseUri(), lifecycle("--executions", "1", "--max-cases", "0", "--wait-timeout", "300ms"));

            assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                    "lifecycle: the backups of the lifecycle's plan, for the read checks -> each available or in error",
                    "lifecycle: the backups of the lifecycle's plan, again, for the read checks -> each available or in error",
                    "lifecycle: the backups of the checkpoint -> one per resource, each available",
                    "lifecycle: generated executions -> 200, backed up as asked, available, deleted",
                    "lifecycle: the resource's backup by checkpoint_id -> one backup, available",
                    "lifecycle: clean-up -> nothing the run made is left");
            assertThat(run.failures().get(0)).matches(".*: the backups of checkpoint [0-9a-f-]{36} are"
                    + " \\{[0-9a-f-]{36}=waiting_protect, [0-9a-f-]{36}=waiting_protect} after --wait-timeout 300 ms;"
                    + " expected one available backup for each of \\[7a32a8b5-7977-4e24-b5da-e0eb457db75b,"
                    + " b2b433bf-7dd6-4a74-aa8f-85673dfbda48]");
            assertThat(run.failures().get(5)).matches(".*: the backups of checkpoint [0-9a-f-]{36} are \\{.*=waiting_protect}"
                    + " after --wait-timeout 300 ms; expected each available or in error; the run made checkpoints it could not delete:"
                    + " \\[[0-9a-f-]{36}(, [0-9a-f-]{36}){4}]; delete them by hand");
        }
    }

    @Test
    void deletionsThatNeverHappen() {
        Run run = checkLifecycle(Services.NEVER_DELETES, "--executions", "1", "--max-cases", "0", "--wait-timeout", "300ms");

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "deleteBackup: page example DELETE /v1/{project_id}/providers/{provider_id}/checkpoints/{checkpoint_id}"
                        + "?checkpoint_items={checkpoint_items_id} -> 200, then only that backup goes",
                "deleteBackup: page example DELETE /v1/{project_id}/providers/{provider_id}/checkpoints/{checkpoint_id}"
                        + " -> 200, then every backup of the checkpoint goes",
                "lifecycle: generated executions -> 200, backed up as asked, available, deleted",
                "deleteBackup: the resource's backup, until gone -> 200, then gone",
                "getBackup, listBackups, countBackups: a deleted backup -> 404 CSBS.3001, not listed, not counted",
                "lifecycle: clean-up -> nothing the run made is left");
        assertThat(run.failures().get(0)).matches(".*: after --wait-timeout 300 ms, deleted backups still answer 200:"
                + " \\{[0-9a-f-]{36}=available}; expected 404 CSBS.3001 \\(or the status deleted\\)");
    }

    @Test
    void errorsWithoutTheCsbsBody() {
        Run run;
        try (WrongCsbs wrong = WrongCsbs.inFrontOf(stub.baseUri(), Services.ERRORS_NOT_CSBS)) {
            run = check(wrong.baseUri(), "--max-cases", "0");
        }

        String notCsbs = ": response is not valid against the spec: [Object has missing required properties ([\"error_code\",\"error_msg\"])]";
        assertThat(run.failures()).as(run.toString()).hasSize(21 + 16 + 4 + 12).allSatisfy(line -> assertThat(line).endsWith(notCsbs));
        // 12 of them tag management's (6 per kind).
        assertThat(run.failures()).contains("FAIL  executeBackupPolicy: missing X-Auth-Token -> 401 APIGW.0301" + notCsbs,
                "FAIL  deleteBackupTag: unknown backup -> 404 CSBS.3001" + notCsbs,
                "FAIL  listBackups: limit 0 -> 400 CSBS.9001" + notCsbs,
                "FAIL  executeBackupPolicy: tolerance: unknown fields -> 404 CSBS.3000" + notCsbs);
    }

    @Test
    void anUnknownStatusAccepted() {
        Run run = checkReadOnly(Services.ACCEPTS_AN_UNKNOWN_STATUS);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "countBackups: unknown status -> 400 CSBS.9001",
                "listBackups: generated invalid requests -> 400 or 404 with the CSBS body",
                "countBackups: generated invalid requests -> 400 or 404 with the CSBS body");
        assertThat(run.failure("countBackups: unknown status -> 400 CSBS.9001"))
                .isEqualTo("FAIL  countBackups: unknown status -> 400 CSBS.9001: status 200, expected 400 CSBS.9001 (body: {\"count\":9})");
    }

    @Test
    void aFilterIgnored() {
        Run run = checkReadOnly(Services.IGNORES_THE_NAME_FILTER, "0");

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "listBackups: page example GET /v1/{project_id}/checkpoint_items?name=backup&status=error&limit=2 -> 200",
                "listBackups: filter name -> every item that fits, nothing else",
                "countBackups: filter name -> the number of checkpoint_items that fit");
        assertThat(run.failures().get(0)).matches(".*: checkpoint_items\\[0] \\(id [0-9a-f-]{36}\\) has name \"manualbk_[0-9a-f]{4}\","
                + " which does not contain \\(ignoring case\\) name=backup");
    }

    @Test
    void aTimeOutsideTheSpecsPattern() {
        Run run = checkReadOnly(Services.TIMES_WITH_AN_OFFSET, "0");

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "getBackup: page example GET /v1/{project_id}/checkpoint_items/{checkpoint_item_id} -> 200",
                "getBackup, listBackups, countBackups: a backup's status -> the same status in each");
        assertThat(run.failures().get(0)).matches(".*: response is not valid against the spec: \\[\\[Path '/checkpoint_item/created_at']"
                + " ECMA 262 regex .* does not match input string \"[0-9T:.-]+Z\"]");
    }

    // The faults of the checkpoint an execution answers (schema and semantics): the documented request sees them.

    @Test
    void aCheckpointWithoutARequiredField() {
        Run run = checkLifecycle(onCheckpoint(checkpoint -> checkpoint.remove("id")), "--executions", "0", "--max-cases", "0");

        assertThat(run.failure("executeBackupPolicy: documented request -> 200")).isEqualTo(
                "FAIL  executeBackupPolicy: documented request -> 200: response is not valid against the spec:"
                        + " [[Path '/checkpoint'] Object has missing required properties ([\"id\"])]");
    }

    @Test
    void aCheckpointFieldOfTheWrongType() {
        Run run = checkLifecycle(onCheckpoint(checkpoint -> checkpoint.put("created_at", 1480968029)), "--executions", "0", "--max-cases", "0");

        assertThat(run.failure("executeBackupPolicy: documented request -> 200")).isEqualTo(
                "FAIL  executeBackupPolicy: documented request -> 200: response is not valid against the spec:"
                        + " [[Path '/checkpoint/created_at'] Instance type (integer) does not match any allowed"
                        + " primitive type (allowed: [\"string\"])]");
    }

    @Test
    void aCheckpointOfOtherResourcesThanAnswered() {
        Run run = checkLifecycle(onCheckpoint(checkpoint -> ((ArrayNode) checkpoint.path("protection_plan").path("resources")).remove(1)),
                "--executions", "0", "--max-cases", "0");

        assertThat(run.failedChecks()).containsExactly(
                "executeBackupPolicy: the lifecycle's plan, for the read checks -> 200",
                "executeBackupPolicy: the lifecycle's plan, again, for the read checks -> 200",
                "executeBackupPolicy: documented request -> 200");
        assertThat(run.failure("executeBackupPolicy: documented request -> 200")).isEqualTo(
                "FAIL  executeBackupPolicy: documented request -> 200: checkpoint.protection_plan.resources have the ids"
                        + " [7a32a8b5-7977-4e24-b5da-e0eb457db75b], expected the requested " + EXAMPLE_RESOURCES);
    }

    @Test
    void anErrorThatIsNotJson() {
        Run run = checkReadOnly(answer -> answer.status() == 404
                ? new Answer(404, "text/html", "<html><body>\n<h1>Not Found</h1>\n</body></html>")
                : answer, "0");

        assertThat(run.failures()).contains("FAIL  executeBackupPolicy: unknown plan -> 404 CSBS.3000: response is not JSON"
                + " (Content-Type text/html): <html><body> <h1>Not Found</h1> </body></html>");
    }

    @Test
    void anotherErrorCode() {
        Run run = checkReadOnly(answer -> answer.status() == 404 && answer.body().contains("plan not found")
                ? new Answer(404, Services.JSON, "{\"error_code\": \"CSBS.9999\", \"error_msg\": \"executing backup policy failed\"}")
                : answer, "0");

        assertThat(run.failures()).contains("FAIL  executeBackupPolicy: unknown plan -> 404 CSBS.3000: error_code is CSBS.9999,"
                + " expected CSBS.3000");
    }

    @Test
    void anotherStatus() {
        Run run = checkReadOnly(answer -> answer.status() == 415 ? new Answer(400, answer.contentType(), answer.body()) : answer, "0");

        String body = " (body: {\"error_code\":\"CSBS.9001\",\"error_msg\":\"Parameter verification failed: the request"
                + " body must be application/json\"})";
        assertThat(run.failures()).containsExactly(
                "FAIL  executeBackupPolicy: wrong Content-Type -> 415 CSBS.9001: status 400, expected 415 CSBS.9001" + body,
                "FAIL  updateBackupPolicy: wrong Content-Type -> 415 CSBS.9001: status 400, expected 415 CSBS.9001" + body,
                "FAIL  createRestoration: wrong Content-Type -> 415 CSBS.9001: status 400, expected 415 CSBS.9001" + body);
    }

    // The rules of spec 1.3.0's new operations: one wrong service each.

    @Test
    void aPolicyCreatedWith201() {
        Run run = checkLifecycle(Services.CREATES_WITH_201, "--executions", "0", "--max-cases", "0");

        String create = "createBackupPolicy: page example, named by the run -> 200, the policy asked for";
        // The policy the tag checks create sees it too.
        assertThat(run.failedChecks()).as(run.toString()).containsExactly("createBackupPolicy: a policy of the run's own to tag -> 200",
                create);
        assertThat(run.failure(create)).startsWith("FAIL  " + create + ": status 201, expected 200");
        // The policy it made is the run's all the same: read, updated, deleted.
        assertThat(run.checks()).contains("PASS  deleteBackupPolicy: the created policy -> 200, then 404 CSBS.3000",
                "PASS  lifecycle: clean-up -> nothing the run made is left");
    }

    @Test
    void aPolicyCreatedButAnsweredWithoutItsId() {
        Run run = checkLifecycle(Services.CREATES_WITHOUT_THE_ID, "--executions", "0", "--max-cases", "0");

        String create = "createBackupPolicy: page example, named by the run -> 200, the policy asked for";
        // The policy the tag checks create sees it too.
        assertThat(run.failedChecks()).as(run.toString()).containsExactly("createBackupPolicy: a policy of the run's own to tag -> 200",
                create);
        assertThat(run.failure(create)).startsWith("FAIL  " + create + ": response is not valid against the spec:")
                .contains("[Path '/policy'] Object has missing required properties ([\"id\"])");
        // Found by the name the run gave it, the policy is the run's all the same: read, updated, deleted.
        assertThat(run.checks()).contains("PASS  deleteBackupPolicy: the created policy -> 200, then 404 CSBS.3000",
                "PASS  lifecycle: clean-up -> nothing the run made is left");
    }

    @Test
    void anUpdateNotApplied() {
        Run run = checkLifecycle(Services.updateNotApplied(), "--executions", "0", "--max-cases", "0");

        String readBack = "getBackupPolicy: the update read back -> 200, as updated";
        assertThat(run.failedChecks()).as(run.toString()).containsExactly(readBack);
        assertThat(run.failure(readBack)).matches("FAIL  " + Pattern.quote(readBack) + ": policy\\.name is"
                + " \"csbs-contract-check-[0-9a-f]+-policy\", expected \"csbs-contract-check-[0-9a-f]+-updated\"; policy\\.description"
                + " is \".*\", expected \"updated by csbs-contract-check\"");
    }

    @Test
    void aDeletedPolicyKept() {
        Run run = checkLifecycle(Services.KEEPS_DELETED_POLICIES, "--executions", "0", "--max-cases", "0");

        String delete = "deleteBackupPolicy: the created policy -> 200, then 404 CSBS.3000";
        String cleanUp = "lifecycle: clean-up -> nothing the run made is left";
        // Kept, the policy keeps its tags too.
        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "listProjectPolicyTags, queryPoliciesByTags: the tags of a deleted policy -> gone from the project's tags and the query",
                delete, cleanUp);
        assertThat(run.failure(delete)).contains(": status 200, expected 404 CSBS.3000 because the policy was deleted");
        // The lifecycle's policy and the tag checks' one.
        assertThat(run.failure(cleanUp)).matches(".*: the run created backup policies it could not delete: \\[[0-9a-f-]{36}, [0-9a-f-]{36}];"
                + " delete them by hand");
    }

    @Test
    void aResourcesBackupNotReadableByTheIdAnswered() {
        Run run = checkLifecycle(Services.protectIdNotAnItem(), "--executions", "0", "--max-cases", "0");

        String byId = "getBackup: the ID backupResource answered -> 200, the resource's backup, available";
        assertThat(run.failedChecks()).as(run.toString()).containsExactly(byId,
                "lifecycle: the backup restoring, then available -> waiting_restore or restoring, then available");
        assertThat(run.failure(byId)).contains(": status 404, expected 200");
    }

    @Test
    void aRestorationOfABackupBeingMadeAccepted() {
        Run run = checkLifecycle(StubOptions.defaults().withBackupDuration(Duration.ofMillis(500)).withDeleteDuration(Duration.ZERO),
                Services.RESTORES_A_BACKUP_NOT_AVAILABLE, "--executions", "0", "--max-cases", "0");

        String early = "createRestoration: the backup while it is being made -> 400 CSBS.4000";
        assertThat(run.failedChecks()).as(run.toString()).containsExactly(early);
        assertThat(run.failure(early)).matches("FAIL  " + Pattern.quote(early) + ": status 200, expected 400 CSBS.4000 because the"
                + " backup is (waiting_protect|protecting), not available .*");
        assertThat(run.checks()).contains("PASS  lifecycle: clean-up -> nothing the run made is left");
    }

    @Test
    void aQuotaThatCountsNoBackups() {
        Run run = checkLifecycle(Services.QUOTA_USED_COUNTS_NOTHING, "--executions", "0", "--max-cases", "0");

        String counts = "listQuotas: backups used counts the resource's backup -> one more than before";
        assertThat(run.failedChecks()).as(run.toString()).containsExactly(counts);
        assertThat(run.failure(counts)).isEqualTo("FAIL  " + counts + ": the backups quota's used is 0 with the resource's backup"
                + " available, 0 before it: expected 1");
    }

    @Test
    void aCapabilityCheckAnsweredUnderTheOtherList() {
        Run run = checkReadOnly(Services.CAPABILITY_UNDER_THE_OTHER_LIST);

        assertThat(run.failedChecks()).as(run.toString()).containsExactly(
                "checkResourceCapability: page example check_protectable -> 200",
                "checkResourceCapability: tolerance: unknown fields -> 200",
                "checkResourceCapability: generated valid requests -> answered as the spec says");
        assertThat(run.failure("checkResourceCapability: page example check_protectable -> 200"))
                .endsWith(": no protectable list answers check_protectable (the answer has restorable)");
    }

    /** A read-only run with generated cases enough for every mutation kind. */
    private static Run checkReadOnly(Fault fault) {
        return checkReadOnly(fault, CASES);
    }

    private static Run checkReadOnly(UnaryOperator<Answer> fault, String maxCases) {
        return checkReadOnly((request, service) -> fault.apply(service.forward(request)), maxCases);
    }

    private static Run checkReadOnly(Fault fault, String maxCases) {
        return Checker.failing(stub.baseUri(), fault, "--max-cases", maxCases);
    }

    /** A lifecycle run against a fresh stub with backups (available at once) behind the wrong service. */
    private static Run checkLifecycle(Fault fault, String... options) {
        return checkLifecycle(Checker.AT_ONCE, fault, options);
    }

    private static Run checkLifecycle(StubOptions stubOptions, Fault fault, String... options) {
        return Checker.failingOnFresh(stubOptions, fault, lifecycle(options));
    }

    private static Run checkLifecycle(UnaryOperator<Answer> fault, String... options) {
        return checkLifecycle((request, service) -> fault.apply(service.forward(request)), options);
    }

    /** A fault on the execution's answer: its checkpoint edited. */
    private static UnaryOperator<Answer> onCheckpoint(Consumer<ObjectNode> edit) {
        return answer -> {
            if (answer.status() != 200 || answer.json() == null || !answer.json().has("checkpoint")) {
                return answer;
            }
            ObjectNode body = (ObjectNode) answer.json();
            edit.accept((ObjectNode) body.get("checkpoint"));
            return answer.withJson(body);
        };
    }
}
