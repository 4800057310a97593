package com.example.csbs.contract.check;

import com.example.csbs.contract.CsbsSpec;
import com.example.csbs.contract.check.CheckRun.Judged;
import com.example.csbs.contract.check.LifecycleChecks.Execution;
import com.example.csbs.contract.check.ServiceClient.NoResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules the spec states about a backup's life, each its own check, seen through every operation that can show
 * it: a backup being made, or being deleted, cannot be deleted (400 CSBS.2003); only an available backup can be
 * restored (a backup in error: 400 CSBS.4000); a backup has one status, the same in getBackup, listBackups and countBackups; a deleted backup is gone
 * from all three alike. (A deleted policy's rules are the policy lifecycle's. A second execution of a policy whose
 * backups are being made may be refused with 500 CSBS.1001, but need not be: the stub accepts it unless started with
 * --reject-concurrent-executions, so it is not judged.)
 */
final class StateRules {

    static final String GROUP = "state";
    private static final Set<String> BEING_MADE = Set.of("waiting_protect", "protecting");
    private static final Set<String> SETTLED = Set.of("available", "error");
    private static final Set<String> GOING = Set.of("waiting_delete", "deleting");

    private StateRules() {
    }

    /** Right after an execution, while its backups are being made (skipped where they are made at once). */
    static void whileBeingMade(CheckRun run, LifecycleChecks lifecycle, Execution execution) throws InterruptedException {
        Expected busy = Expected.error(400, run.spec.documentedErrorCode("deleteBackup", 400, "item_in_executing"))
                .because("a backup that is still being created cannot be deleted");
        run.check(GROUP, "deleteBackup: a backup being made", busy.describe(), findings -> {
            String backup = beingMade(run, findings, execution.checkpointId());
            Exchange exchange = findings.send(run.service.delete(run.path("deleteBackup", Map.of("provider_id", CsbsSpec.PROVIDER_ID,
                    "checkpoint_id", execution.checkpointId())), Map.of("checkpoint_items", backup)));
            judge(run, findings, exchange, busy);
        });
    }

    /** The first backup of the checkpoint that is being made, as listed now; the check is skipped where none is. */
    private static String beingMade(CheckRun run, Findings findings, String checkpoint) throws NoResponseException, InterruptedException {
        Judged listed = run.sendValid(findings::send, "listBackups", run.service.get(run.path("listBackups", Map.of()),
                Map.of("checkpoint_id", checkpoint)), Map.of(), Expected.status(200));
        findings.problems(listed.exchange(), listed.problems());
        if (!listed.ok(200)) {
            findings.stop();
        }
        List<String> statuses = new ArrayList<>();
        for (JsonNode item : listed.json().path("checkpoint_items")) {
            statuses.add(item.path("status").asText());
            if (BEING_MADE.contains(item.path("status").asText())) {
                return item.path("id").asText();
            }
        }
        findings.skip("the checkpoint's backups are " + statuses + " already: none is being made (a service that backs up at once"
                + " cannot show this rule)");
        return null;
    }

    /** The rules a settled backup shows: one status in every operation; a backup in error is not restored. */
    static void run(CheckRun run, Fixture fixture) throws InterruptedException {
        run.check(GROUP, "getBackup, listBackups, countBackups: a backup's status", "the same status in each", findings -> {
            List<JsonNode> backups = new ArrayList<>(fixture.backups());
            if (backups.isEmpty()) {
                Judged whole = run.sendValid(findings::send, "listBackups", run.service.get(run.path("listBackups", Map.of()), Map.of()),
                        Map.of(), Expected.status(200));
                findings.problems(whole.exchange(), whole.problems());
                if (whole.ok(200)) {
                    whole.json().path("checkpoint_items").forEach(item -> {
                        if (SETTLED.contains(item.path("status").asText()) && backups.size() < 6) {
                            backups.add(item);
                        }
                    });
                }
            }
            if (backups.isEmpty()) {
                findings.skip("the project holds no available backup and none in error" + (run.options.lifecycle() ? "" : " (--lifecycle makes some)"));
            }
            Map<String, String> listedStatus = new LinkedHashMap<>();
            for (JsonNode backup : backups) {
                String id = backup.path("id").asText();
                Judged got = run.sendValid(findings::send, "getBackup", run.service.get(run.path("getBackup", Map.of("checkpoint_item_id", id)),
                        Map.of()), Map.of("checkpoint_item_id", id), Expected.status(200));
                findings.problems(got.exchange(), got.problems());
                if (!got.ok(200)) {
                    continue;
                }
                String status = got.json().at("/checkpoint_item/status").asText();
                listedStatus.put(id.toLowerCase(Locale.ROOT), status);
                Judged byStatus = run.sendValid(findings::send, "listBackups", run.service.get(run.path("listBackups", Map.of()),
                        Map.of("checkpoint_id", backup.path("checkpoint_id").asText())), Map.of(), Expected.status(200));
                findings.problems(byStatus.exchange(), byStatus.problems());
                if (byStatus.ok(200)) {
                    for (JsonNode item : byStatus.json().path("checkpoint_items")) {
                        if (item.path("id").asText().equalsIgnoreCase(id) && !item.path("status").asText().equals(status)) {
                            findings.problem(byStatus.exchange(), "backup " + id + " is " + item.path("status").asText()
                                    + " in listBackups, " + status + " in getBackup: a backup has one status");
                        }
                    }
                }
            }
            // Each status seen: the listing by that status holds those backups, and the count by it is their number.
            for (String status : new java.util.LinkedHashSet<>(listedStatus.values())) {
                Call list = run.service.get(run.path("listBackups", Map.of()), Map.of("status", status));
                Judged listed = run.sendValid(findings::send, "listBackups", list, Map.of(), Expected.status(200));
                findings.problems(listed.exchange(), listed.problems());
                Judged counted = run.sendValid(findings::send, "countBackups", run.service.get(run.path("countBackups", Map.of()),
                        Map.of("status", status)), Map.of(), Expected.status(200));
                findings.problems(counted.exchange(), counted.problems());
                if (!listed.ok(200) || !counted.ok(200)) {
                    continue;
                }
                List<String> ids = Listings.ids(listed.json(), "checkpoint_items");
                listedStatus.forEach((id, seen) -> {
                    if (seen.equals(status) && !ids.contains(id)) {
                        findings.problem(listed.exchange(), "backup " + id + " is " + status + " in getBackup but not listed by status="
                                + status + ": a backup has one status");
                    }
                });
                long count = counted.json().path("count").asLong(-1);
                if (count != ids.size()) {
                    findings.problem(counted.exchange(), "countBackups by status=" + status + " is " + count + ", listBackups by it lists "
                            + ids.size());
                }
            }
        });
        restoreInError(run, fixture);
    }

    /** Only an available backup can be restored: one in error is refused with 400 CSBS.4000. */
    private static void restoreInError(CheckRun run, Fixture fixture) throws InterruptedException {
        Expected refused = Expected.error(400, run.spec.documentedErrorCode("createRestoration", 400, "checkpoint_item_not_available"))
                .because("the current backup status (error) does not allow restoration");
        run.check(GROUP, "createRestoration: a backup in error", refused.describe(), findings -> {
            if (!run.options.lifecycle()) {
                findings.skip("restores only the run's own backups: needs --lifecycle and --failing-plan");
            }
            JsonNode failed = fixture.backups().stream().filter(item -> item.path("status").asText().equals("error")).findFirst().orElse(null);
            if (failed == null) {
                findings.skip("the run made no backup in error (--failing-plan names a policy whose backups fail)");
            }
            ObjectNode body = run.spec.requestExample("createRestoration", null);
            ObjectNode restore = (ObjectNode) body.path("restore");
            restore.put("checkpoint_id", failed.path("checkpoint_id").asText());
            ObjectNode parameters = (ObjectNode) restore.path("parameters");
            parameters.put("checkpoint_item_id", failed.path("id").asText());
            ((ObjectNode) parameters.path("targets")).put("server_id", failed.path("resource_id").asText());
            Exchange exchange = findings.send(run.service.post(run.path("createRestoration", Map.of()), body.toString()));
            judge(run, findings, exchange, refused);
        });
    }

    /**
     * Deleting: the fixture's first checkpoint is deleted; at once deleted again, while its backups are being deleted
     * (400 CSBS.2003; 404 CSBS.3001 once gone); then, gone, each is 404 in getBackup, not listed and not counted.
     */
    static void deletion(CheckRun run, Fixture fixture) throws InterruptedException {
        LifecycleChecks lifecycle = LifecycleChecks.helper(run);
        Fixture.Made made = fixture.present() ? fixture.made().get(0) : null;
        String skipped = made == null ? "the run made no checkpoint to delete" : null;
        Expected again = Expected.error(400, run.spec.documentedErrorCode("deleteBackup", 400, "item_in_executing"))
                .or(404, run.spec.documentedErrorCode("deleteBackup", 404, "checkpoint_item_not_found"))
                .because("a backup already being deleted cannot be deleted");
        List<String> deleted = new ArrayList<>();
        run.check(GROUP, "deleteBackup: a checkpoint again while its backups are being deleted", again.describe(), skipped != null
                ? findings -> findings.skip(skipped) : findings -> {
                    String path = run.path("deleteBackup", Map.of("provider_id", CsbsSpec.PROVIDER_ID, "checkpoint_id", made.checkpointId()));
                    lifecycle.delete(findings, made.checkpointId(), Map.of());
                    deleted.add(made.checkpointId());
                    Exchange repeat = findings.send(run.service.delete(path, Map.of()));
                    List<String> statuses = new ArrayList<>();
                    for (String backup : made.backupIds()) {
                        Exchange got = findings.send(run.service.get(run.path("getBackup", Map.of("checkpoint_item_id", backup)), Map.of()));
                        statuses.add(got.status() == 200 ? Judge.parse(got.body()).at("/checkpoint_item/status").asText() : "gone");
                    }
                    if (repeat.status() == 200 && statuses.stream().anyMatch(GOING::contains)) {
                        findings.problem(repeat, "the repeated deletion is answered 200 while the backups are " + statuses
                                + "; expected " + again.describe() + " because a backup already being deleted cannot be deleted");
                    } else if (repeat.status() != 200) {
                        judge(run, findings, repeat, again);
                    }
                });
        run.check(GROUP, "getBackup, listBackups, countBackups: a deleted backup", "404 CSBS.3001, not listed, not counted",
                deleted.isEmpty() ? findings -> findings.skip(skipped != null ? skipped : "the checkpoint was not deleted") : findings -> {
                    if (!lifecycle.awaitGone(findings, made.backupIds())) {
                        findings.stop();
                    }
                    run.deleted.add(made.checkpointId());
                    Map<String, String> byCheckpoint = Map.of("checkpoint_id", made.checkpointId());
                    Judged listed = run.sendValid(findings::send, "listBackups", run.service.get(run.path("listBackups", Map.of()), byCheckpoint),
                            Map.of(), Expected.status(200));
                    findings.problems(listed.exchange(), listed.problems());
                    long shown = 0;
                    if (listed.ok(200)) {
                        for (JsonNode item : listed.json().path("checkpoint_items")) {
                            // A service may keep a deleted backup listed with the status deleted (the enum has it).
                            if (!item.path("status").asText().equals("deleted")) {
                                shown++;
                                findings.problem(listed.exchange(), "the deleted backup " + item.path("id").asText() + " is listed as "
                                        + item.path("status").asText() + ", while getBackup answers 404: a deleted backup is gone");
                            }
                        }
                    }
                    Judged counted = run.sendValid(findings::send, "countBackups", run.service.get(run.path("countBackups", Map.of()),
                            byCheckpoint), Map.of(), Expected.status(200));
                    findings.problems(counted.exchange(), counted.problems());
                    long listedDeleted = listed.ok(200) ? listed.json().path("checkpoint_items").size() - shown : 0;
                    if (counted.ok(200) && counted.json().path("count").asLong(-1) != shown + listedDeleted) {
                        findings.problem(counted.exchange(), "countBackups counts " + counted.json().path("count").asText()
                                + " backups of the deleted checkpoint " + made.checkpointId() + "; expected " + (shown + listedDeleted)
                                + ": a deleted backup is gone");
                    }
                });
    }

    private static void judge(CheckRun run, Findings findings, Exchange exchange, Expected expected) {
        List<String> problems = new ArrayList<>();
        run.judge.judge(exchange, expected, true, problems);
        findings.problems(exchange, problems);
    }
}
