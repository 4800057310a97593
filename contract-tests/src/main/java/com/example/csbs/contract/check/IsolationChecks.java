package com.example.csbs.contract.check;

import com.example.csbs.contract.CsbsSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One project cannot see or touch another's backups and policies (spec: "a token of another project" is answered
 * 403 CSBS.9009; an ID the project does not hold is unknown to it: 404). With a second project's token
 * (--other-token, --other-project): that token on this project's paths; this project's backups, policies and
 * checkpoints asked for through the second project's paths; the second project's listings and counts; with
 * --lifecycle, deleting this project's checkpoint and executing its policy through the second project; and
 * all_tenants=true with the second project's token, which is not an administrator's. Without a second project, these
 * checks are skipped and say so.
 */
final class IsolationChecks {

    static final String GROUP = "isolation";
    private static final Set<String> GOING = Set.of("waiting_delete", "deleting", "deleted");

    private final CheckRun run;
    private final Fixture fixture;
    private final String other;

    private IsolationChecks(CheckRun run, Fixture fixture) {
        this.run = run;
        this.fixture = fixture;
        this.other = run.options.otherProject();
    }

    static void run(CheckRun run, Fixture fixture) throws InterruptedException {
        IsolationChecks checks = new IsolationChecks(run, fixture);
        for (String operationId : List.of("listBackups", "countBackups", "listBackupPolicies")) {
            checks.allTenants(operationId);
        }
        checks.otherTokenHere();
        checks.backupsThroughTheOtherProject();
        checks.policiesThroughTheOtherProject();
        checks.otherProjectsListings();
        if (run.options.lifecycle()) {
            checks.deleteThroughTheOtherProject();
            checks.executeThroughTheOtherProject();
        }
    }

    /**
     * all_tenants=true with a token that is not an administrator's: 403 CSBS.9009. The second project's token is
     * one (--other-token must not be an administrator's); whether the run's own is, the checker does not know.
     */
    private void allTenants(String operationId) throws InterruptedException {
        Expected expected = Expected.error(403, run.spec.documentedErrorCode(operationId, 403, "all_tenants_not_admin"))
                .because("only administrators can query all tenants, and the other project's token is not one");
        run.check(GROUP, operationId + ": all_tenants=true with the other project's token", expected.describe(), findings -> {
            needsOtherProject(findings);
            Exchange exchange = findings.send(run.service.asOtherProject(run.service.get(otherPath(operationId, Map.of()),
                    Map.of("all_tenants", "true"))));
            judge(findings, exchange, expected);
        });
    }

    /** The second project's token on this project's paths: 403 CSBS.9009, the answer holding none of this project's data. */
    private void otherTokenHere() throws InterruptedException {
        Expected expected = Expected.error(403, run.spec.documentedErrorCode("listBackups", 403, "no_permission"))
                .because("a token of another project is answered with 403 CSBS.9009");
        run.check(GROUP, "isolation: the other project's token on this project's paths", expected.describe(), findings -> {
            needsOtherProject(findings);
            List<Call> calls = new ArrayList<>(List.of(
                    run.service.get(run.path("listBackups", Map.of()), Map.of()),
                    run.service.get(run.path("countBackups", Map.of()), Map.of()),
                    run.service.get(run.path("listBackupPolicies", Map.of()), Map.of())));
            ourBackups(1).forEach(backup -> calls.add(run.service.get(run.path("getBackup", Map.of("checkpoint_item_id", backup)), Map.of())));
            ourPolicies(1).forEach(policy -> calls.add(run.service.get(run.path("getBackupPolicy", Map.of("policy_id", policy)), Map.of())));
            for (Call call : calls) {
                judge(findings, findings.send(run.service.asOtherProject(call)), expected);
            }
        });
    }

    /** This project's backups asked for in the second project: unknown there, 404 CSBS.3001. */
    private void backupsThroughTheOtherProject() throws InterruptedException {
        Expected expected = Expected.error(404, run.spec.documentedErrorCode("getBackup", 404, "checkpoint_item_not_found"))
                .because("the backup is another project's: the second project holds no backup with that ID");
        run.check(GROUP, "getBackup: this project's backup through the other project", expected.describe(), findings -> {
            needsOtherProject(findings);
            List<String> backups = ourBackups(3);
            if (backups.isEmpty()) {
                findings.skip("the project holds no backup" + (run.options.lifecycle() ? "" : " (--lifecycle makes some)"));
            }
            for (String backup : backups) {
                judge(findings, findings.send(run.service.asOtherProject(run.service.get(
                        otherPath("getBackup", Map.of("checkpoint_item_id", backup)), Map.of()))), expected);
            }
        });
    }

    /** This project's policies asked for in the second project: unknown there, 404 CSBS.3000. */
    private void policiesThroughTheOtherProject() throws InterruptedException {
        Expected expected = Expected.error(404, run.spec.documentedErrorCode("getBackupPolicy", 404, "plan_not_found"))
                .because("the policy is another project's: the second project holds no policy with that ID");
        run.check(GROUP, "getBackupPolicy: this project's policy through the other project", expected.describe(), findings -> {
            needsOtherProject(findings);
            List<String> policies = ourPolicies(3);
            if (policies.isEmpty()) {
                findings.skip("the project holds no backup policy");
            }
            for (String policy : policies) {
                judge(findings, findings.send(run.service.asOtherProject(run.service.get(
                        otherPath("getBackupPolicy", Map.of("policy_id", policy)), Map.of()))), expected);
            }
        });
    }

    /** The second project's listings and counts, whole and filtered by this project's IDs: none of this project's data. */
    private void otherProjectsListings() throws InterruptedException {
        run.check(GROUP, "isolation: the other project's listings and counts", "none of this project's backups or policies",
                findings -> {
                    needsOtherProject(findings);
                    List<String> backups = ourBackups(Integer.MAX_VALUE).stream().map(id -> id.toLowerCase(Locale.ROOT)).toList();
                    List<String> policies = ourPolicies(Integer.MAX_VALUE).stream().map(id -> id.toLowerCase(Locale.ROOT)).toList();
                    if (backups.isEmpty() && policies.isEmpty()) {
                        findings.skip("the project holds no backup and no policy to look for");
                    }
                    leaks(findings, "listBackups", Map.of(), backups);
                    leaks(findings, "listBackupPolicies", Map.of(), policies);
                    for (String checkpoint : ourCheckpoints(2)) {
                        leaks(findings, "listBackups", Map.of("checkpoint_id", checkpoint), backups);
                        Exchange count = findings.send(run.service.asOtherProject(run.service.get(
                                otherPath("countBackups", Map.of()), Map.of("checkpoint_id", checkpoint))));
                        JsonNode json = judge(findings, count, Expected.status(200));
                        if (json != null && json.path("count").asLong(0) != 0) {
                            findings.problem(count, "the other project counts " + json.path("count").asText() + " backups of this project's"
                                    + " checkpoint " + checkpoint + "; expected 0: one project never sees another's backups");
                        }
                    }
                });
    }

    private void leaks(Findings findings, String operationId, Map<String, String> query, List<String> ours) {
        String field = Listings.field(operationId);
        Exchange exchange = findings.send(run.service.asOtherProject(run.service.get(otherPath(operationId, Map.of()), query)));
        JsonNode json = judge(findings, exchange, Expected.status(200));
        if (json == null) {
            return;
        }
        List<String> seen = Listings.ids(json, field).stream().filter(ours::contains).toList();
        if (!seen.isEmpty()) {
            findings.problem(exchange, "the other project's " + operationId + " answers this project's " + Listings.shown(seen)
                    + ": one project never sees another's " + field);
        }
        JsonNode items = json.path(field);
        for (int i = 0; i < items.size(); i++) {
            String project = items.get(i).path("project_id").asText(other);
            if (!project.equals(other)) {
                findings.problem(exchange, field + "[" + i + "] of the other project's listing has project_id " + project
                        + ", expected " + other);
                return;
            }
        }
    }

    /** Deleting this project's checkpoint through the second project: 404 CSBS.3001, and its backups stay. */
    private void deleteThroughTheOtherProject() throws InterruptedException {
        Expected expected = Expected.error(404, run.spec.documentedErrorCode("deleteBackup", 404, "checkpoint_item_not_found"))
                .because("the checkpoint is another project's: the second project holds no checkpoint with that ID");
        run.check(GROUP, "deleteBackup: this project's checkpoint through the other project", expected.describe() + ", and it stays",
                findings -> {
                    needsOtherProject(findings);
                    if (!fixture.present()) {
                        findings.skip("the run made no checkpoint");
                    }
                    Fixture.Made made = fixture.made().get(fixture.made().size() - 1);
                    Exchange exchange = findings.send(run.service.asOtherProject(run.service.delete(otherPath("deleteBackup",
                            Map.of("provider_id", CsbsSpec.PROVIDER_ID, "checkpoint_id", made.checkpointId())), Map.of())));
                    judge(findings, exchange, expected);
                    for (String backup : made.backupIds()) {
                        Exchange ours = findings.send(run.service.get(run.path("getBackup", Map.of("checkpoint_item_id", backup)), Map.of()));
                        String status = ours.status() == 200 ? Judge.parse(ours.body()).at("/checkpoint_item/status").asText() : "";
                        if (ours.status() != 200 || GOING.contains(status)) {
                            findings.problem(ours, "this project's backup " + backup + " is " + (ours.status() == 200 ? status
                                    : "answered " + ours.status()) + " after the other project deleted its checkpoint; it must stay");
                        }
                    }
                });
    }

    /** Executing this project's policy through the second project: 404 CSBS.3000, nothing backed up. */
    private void executeThroughTheOtherProject() throws InterruptedException {
        Expected expected = Expected.error(404, run.spec.documentedErrorCode(404, "plan_not_found"))
                .because("the policy is another project's: the second project holds no policy with that ID");
        run.check(GROUP, "executeBackupPolicy: this project's policy through the other project", expected.describe(), findings -> {
            needsOtherProject(findings);
            ObjectNode body = DocumentedChecks.documentedBody(run.spec, run.options);
            Exchange exchange = findings.send(run.service.asOtherProject(run.service.post(
                    otherPath(CsbsSpec.EXECUTE, Map.of("provider_id", CsbsSpec.PROVIDER_ID)), body.toString())));
            JsonNode json = Judge.parse(exchange.body());
            if (exchange.status() == 200 && json != null && json.at("/checkpoint/id").isTextual()) {
                run.created.add(json.at("/checkpoint/id").asText()); // a wrong service backed up: the clean-up deletes it
            }
            judge(findings, exchange, expected);
        });
    }

    private void needsOtherProject(Findings findings) {
        if (other == null) {
            findings.skip("needs a second project: --other-token and --other-project");
        }
    }

    private JsonNode judge(Findings findings, Exchange exchange, Expected expected) {
        List<String> problems = new ArrayList<>();
        JsonNode json = run.judge.judge(exchange, expected, true, problems);
        findings.problems(exchange, problems);
        return problems.isEmpty() ? json : null;
    }

    private String otherPath(String operationId, Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>(values);
        String path = run.spec.operationById(operationId).path().replace("{project_id}", other);
        for (Map.Entry<String, String> value : all.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        return path;
    }

    private List<String> ourBackups(int most) {
        List<String> ids = new ArrayList<>(fixture.backupIds());
        run.holdings.someBackupIds().stream().filter(id -> !ids.contains(id.toLowerCase(Locale.ROOT))).forEach(ids::add);
        return ids.stream().limit(most).toList();
    }

    private List<String> ourPolicies(int most) {
        return run.holdings.somePolicyIds().stream().limit(most).toList();
    }

    private List<String> ourCheckpoints(int most) {
        List<String> ids = new ArrayList<>(fixture.made().stream().map(Fixture.Made::checkpointId).toList());
        run.holdings.someCheckpointIds().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        return ids.stream().limit(most).toList();
    }
}
