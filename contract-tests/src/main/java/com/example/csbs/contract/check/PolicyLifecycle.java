package com.example.csbs.contract.check;

import com.example.csbs.contract.CsbsSpec;
import com.example.csbs.contract.check.CheckRun.Judged;
import com.example.csbs.contract.check.LifecycleChecks.Execution;
import com.example.csbs.contract.check.LifecycleChecks.Poll;
import com.example.csbs.contract.check.ServiceClient.NoResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The flows of spec 1.3.0 behind --lifecycle, on a policy and a backup the run makes itself (named after the run, see
 * {@link LifecycleChecks#runName}) and deletes afterwards. The policy: create it (the page's example, on the resource
 * of the lifecycle), read it back, find it in the listing, update it (the page's example), read the change; at the
 * end delete it, after which it is 404 CSBS.3000. Between update and deletion, the resource's: check that it can be
 * backed up (before the policy holds it: a server in a policy is refused), back it up, wait until the backup is
 * available (a restoration while it is being made refused: 400 CSBS.4000), read it by the ID the backup answered and
 * find it by checkpoint_id, see the backups quota count it, check
 * that it can be restored, restore it onto its resource, wait through restoring until it is available again, delete it
 * and wait until it is gone, see the quota as before. Also the documented error cases of creating a policy and backing
 * up a resource, which a wrong service could accept (whatever they make is cleaned up too).
 */
final class PolicyLifecycle {

    private static final String GROUP = LifecycleChecks.GROUP;
    private static final String SERVER = "OS::Nova::Server";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RESTORING = Set.of("waiting_restore", "restoring");

    private final CheckRun run;
    private final LifecycleChecks helper;
    private final String resource;
    private final String name;

    PolicyLifecycle(CheckRun run, LifecycleChecks helper) {
        this.run = run;
        this.helper = helper;
        // A server is in one policy at most: the first --resource in none the service lists, else the one the page's
        // example of a policy's creation names.
        this.resource = run.options.resources().stream().map(Object::toString).filter(id -> !run.holdings.inAnyPolicy(id))
                .findFirst().orElseGet(() -> run.spec.requestExample("createBackupPolicy", null).at("/policy/resources/0/id").asText());
        this.name = LifecycleChecks.runName(run);
    }

    void run() throws InterruptedException {
        errorCases();
        List<String> unprotectable = new ArrayList<>();
        run.check(GROUP, "checkResourceCapability: check_protectable of the resource to back up", "200, protectable", findings -> {
            Judged judged = capability(findings, "check_protectable", JSON.createObjectNode()
                    .put("resource_id", resource).put("resource_type", SERVER));
            if (judged.ok(200) && !judged.json().at("/protectable/0/result").asBoolean(false)) {
                unprotectable.add(resource);
                findings.problem(judged.exchange(), "the resource " + resource + " cannot be backed up: "
                        + judged.json().at("/protectable/0/error_code").asText() + " " + judged.json().at("/protectable/0/error_msg").asText());
            }
        });

        Map<String, String> policy = new LinkedHashMap<>();
        run.check(GROUP, "createBackupPolicy: page example, named by the run", "200, the policy asked for", findings -> {
            ObjectNode body = createBody(name + "-policy");
            Judged judged = run.sendValid(findings::send, "createBackupPolicy", run.service.post(run.path("createBackupPolicy", Map.of()),
                    body.toString()), Map.of("project_id", run.project()), Expected.status(200));
            findings.problems(judged.exchange(), judged.problems());
            String id = madePolicy(findings, judged.exchange(), name + "-policy");
            if (id != null) {
                policy.put("id", id);
                policy.put("operation", judged.json().at("/policy/scheduled_operations/0/id").asText(""));
                resourcesAre(findings, judged, "/policy/resources");
            }
        });
        String noPolicy = policy.containsKey("id") ? null : "the run created no policy";
        String policyId = policy.get("id");
        step("getBackupPolicy: the created policy", "200, as created", noPolicy, findings -> {
            Judged judged = getPolicy(findings, policyId);
            if (judged.ok(200)) {
                same(findings, judged, "/policy/name", name + "-policy");
                resourcesAre(findings, judged, "/policy/resources");
            }
        });
        step("listBackupPolicies: the created policy by its name", "200, listed", noPolicy, findings -> {
            Call list = run.service.get(run.path("listBackupPolicies", Map.of()), Map.of("name", name + "-policy"));
            Judged judged = run.sendValid(findings::send, "listBackupPolicies", list, Map.of(), Expected.status(200));
            findings.problems(judged.exchange(), judged.problems());
            if (judged.ok(200) && !Listings.ids(judged.json(), "policies").stream().map(Holdings::normalized)
                    .toList().contains(Holdings.normalized(policyId))) {
                findings.problem(judged.exchange(), "the listing by name=" + name + "-policy does not list the created policy " + policyId);
            }
        });
        step("updateBackupPolicy: page example on the created policy", "200, the change answered", noPolicy, findings -> {
            ObjectNode body = run.spec.requestExample("updateBackupPolicy", null);
            ObjectNode changes = (ObjectNode) body.path("policy");
            changes.put("name", name + "-updated");
            changes.put("description", "updated by csbs-contract-check");
            if (policy.get("operation").isEmpty()) {
                changes.remove("scheduled_operations");
            } else {
                ((ObjectNode) changes.at("/scheduled_operations/0")).put("id", policy.get("operation"));
            }
            Judged judged = run.sendValid(findings::send, "updateBackupPolicy", run.service.put(policyPath(policyId), body.toString()),
                    Map.of("project_id", run.project(), "policy_id", policyId), Expected.status(200));
            findings.problems(judged.exchange(), judged.problems());
        });
        step("getBackupPolicy: the update read back", "200, as updated", noPolicy, findings -> {
            Judged judged = getPolicy(findings, policyId);
            if (judged.ok(200)) {
                same(findings, judged, "/policy/name", name + "-updated");
                same(findings, judged, "/policy/description", "updated by csbs-contract-check");
            }
        });
        resourceLifecycle(noPolicy != null ? noPolicy : !unprotectable.isEmpty() ? "the resource cannot be backed up" : null);
        step("deleteBackupPolicy: the created policy", "200, then 404 CSBS.3000", noPolicy, findings -> {
            Exchange exchange = findings.send(run.service.delete(policyPath(policyId), Map.of()));
            if (exchange.status() != 200 || !(exchange.body() == null || exchange.body().isBlank())) {
                List<String> problems = new ArrayList<>();
                run.judge.judge(exchange, Expected.status(200), true, problems);
                findings.problems(exchange, problems);
            }
            Expected gone = Expected.error(404, run.spec.documentedErrorCode("getBackupPolicy", 404, "plan_not_found"))
                    .because("the policy was deleted");
            Exchange after = findings.send(run.service.get(policyPath(policyId), Map.of()));
            List<String> problems = new ArrayList<>();
            run.judge.judge(after, gone, true, problems);
            findings.problems(after, problems);
            if (after.status() == 404) {
                run.deletedPolicies.add(policyId);
            }
        });
        deletedPolicyRules(noPolicy != null ? noPolicy : !run.deletedPolicies.contains(policyId) ? "the policy was not deleted" : null,
                policyId);
        policyStateCases();
    }

    /** A deleted policy is gone from every operation that can show it: not listed, and executing it is 404 CSBS.3000. */
    private void deletedPolicyRules(String skipped, String policyId) throws InterruptedException {
        Expected unknown = Expected.error(404, run.spec.documentedErrorCode(404, "plan_not_found")).because("the policy was deleted");
        run.check(StateRules.GROUP, "listBackupPolicies, executeBackupPolicy: the deleted policy", "not listed; " + unknown.describe(),
                skipped != null ? findings -> findings.skip(skipped) : findings -> {
                    Judged listed = run.sendValid(findings::send, "listBackupPolicies", run.service.get(run.path("listBackupPolicies",
                            Map.of()), Map.of()), Map.of(), Expected.status(200));
                    findings.problems(listed.exchange(), listed.problems());
                    if (listed.ok(200) && Listings.ids(listed.json(), "policies").stream().map(Holdings::normalized)
                            .anyMatch(Holdings.normalized(policyId)::equals)) {
                        findings.problem(listed.exchange(), "the deleted policy " + policyId + " is still listed");
                    }
                    ObjectNode body = JSON.createObjectNode();
                    body.putObject("checkpoint").put("plan_id", policyId).putObject("parameters");
                    Exchange executed = findings.send(run.service.post(run.path(CsbsSpec.EXECUTE, Map.of("provider_id", CsbsSpec.PROVIDER_ID)),
                            body.toString()));
                    madeCheckpoint(executed);
                    List<String> problems = new ArrayList<>();
                    run.judge.judge(executed, unknown, true, problems);
                    findings.problems(executed, problems);
                });
    }

    /**
     * The rules of a policy's creation that depend on what the project holds: a server is in one policy at most
     * (400 CSBS.6004), and a policy's name is the project's only one (400 CSBS.9007). Sent after the run's own policy
     * is gone, so that a wrong service accepting one spoils nothing; what it makes is cleaned up.
     */
    private void policyStateCases() throws InterruptedException {
        String policies = run.path("createBackupPolicy", Map.of());
        String taken = LifecycleChecks.planResources(run).stream().filter(run.holdings::inAnyPolicy).findFirst().orElse(null);
        ObjectNode inAPolicy = createBody(name + "-taken");
        if (taken != null) {
            ((ObjectNode) inAPolicy.at("/policy/resources/0")).put("id", taken);
        }
        stateCase("createBackupPolicy: a server already in a policy", 400, "server_in_other_policy",
                taken == null ? null : run.service.post(policies, inAPolicy.toString()),
                "no resource of the lifecycle's plan is listed in a policy");
        String heldName = run.holdings.firstPolicyName().orElse(null);
        stateCase("createBackupPolicy: the name of a policy the project holds", 400, "policy_name_duplicate",
                heldName == null ? null : run.service.post(policies, createBody(heldName).toString()), "the project lists no policy");
    }

    private void stateCase(String what, int status, String example, Call call, String skipped) throws InterruptedException {
        Expected expected = Expected.error(status, run.spec.documentedErrorCode("createBackupPolicy", status, example));
        run.check(StateRules.GROUP, what, expected.describe(), findings -> {
            if (call == null) {
                findings.skip(skipped);
            }
            Exchange exchange = findings.send(call);
            JsonNode sent = Judge.parse(call.body());
            madePolicy(findings, exchange, sent == null ? "" : sent.at("/policy/name").asText());
            List<String> problems = new ArrayList<>();
            run.judge.judge(exchange, expected, true, problems);
            findings.problems(exchange, problems);
        });
    }

    /** The resource's backup and restoration; skipped for the reason given. */
    private void resourceLifecycle(String skipped) throws InterruptedException {
        long[] usedBefore = {-1};
        step("listQuotas: before the resource's backup", "200", skipped, findings -> usedBefore[0] = usedBackups(findings));
        Map<String, String> made = new LinkedHashMap<>();
        step("backupResource: page example on the policy's resource", "200, a checkpoint of the resource", skipped, findings -> {
            ObjectNode body = run.spec.requestExample("backupResource", null);
            ((ObjectNode) body.path("protect")).put("backup_name", name + "-backup");
            Map<String, String> pathValues = Map.of("project_id", run.project(), "provider_id", CsbsSpec.PROVIDER_ID, "resource_id", resource);
            Judged judged = run.sendValid(findings::send, "backupResource", run.service.post(run.path("backupResource", pathValues),
                    body.toString()), pathValues, Expected.status(200));
            findings.problems(judged.exchange(), judged.problems());
            String checkpoint = madeCheckpoint(judged.exchange());
            if (checkpoint != null) {
                made.put("checkpoint", checkpoint);
                findings.problems(judged.exchange(), Semantics.ofCheckpoint(judged.json().path("checkpoint"), run.project(), null, List.of(resource)));
            }
        });
        String noBackup = skipped != null ? skipped : made.isEmpty() ? "backupResource made no checkpoint" : null;
        String checkpoint = made.get("checkpoint");
        step("createRestoration: the backup while it is being made", "400 " + notAvailableCode(), noBackup,
                findings -> restoreBeingMade(findings, checkpoint));
        List<String> backups = new ArrayList<>();
        // The backup as listed by checkpoint_id: its disks are the mapping the restoration sends, whether or not
        // reading it by the ID backupResource answered works (a check of its own).
        JsonNode[] listed = new JsonNode[1];
        step("lifecycle: the resource's backup by checkpoint_id", "one backup, available", noBackup, findings -> {
            List<JsonNode> available = helper.awaitAvailableBackups(findings, new Execution(checkpoint, Set.of(resource.toLowerCase(Locale.ROOT))));
            available.forEach(item -> backups.add(item.path("id").asText()));
            listed[0] = available.isEmpty() ? null : available.get(0);
            if (backups.size() > 1) {
                findings.problem("the checkpoint of one resource's backup lists " + backups.size() + " backups: " + backups);
            }
        });
        String notAvailable = noBackup != null ? noBackup : backups.isEmpty() ? "the backup did not become available" : null;
        step("getBackup: the ID backupResource answered", "200, the resource's backup, available", noBackup, findings -> {
            Judged judged = helper.get(findings, checkpoint);
            findings.problems(judged.exchange(), judged.problems());
            if (judged.ok(200)) {
                LifecycleChecks.expectText(findings, judged, "/checkpoint_item/checkpoint_id", checkpoint);
                LifecycleChecks.expectText(findings, judged, "/checkpoint_item/resource_id", resource);
                if (notAvailable == null) {
                    LifecycleChecks.expectText(findings, judged, "/checkpoint_item/status", "available");
                }
            }
        });
        String backupId = backups.isEmpty() ? null : backups.get(0);
        step("listQuotas: backups used counts the resource's backup", "one more than before", notAvailable != null ? notAvailable
                : usedBefore[0] < 0 ? "no backups quota was read before" : null, findings -> {
                    long used = usedBackups(findings);
                    if (used != usedBefore[0] + 1) {
                        findings.problem("the backups quota's used is " + used + " with the resource's backup available, "
                                + usedBefore[0] + " before it: expected " + (usedBefore[0] + 1));
                    }
                });
        step("checkResourceCapability: check_restorable of the backup onto its resource", "200, restorable", notAvailable, findings -> {
            ObjectNode target = JSON.createObjectNode().put("resource_id", resource).put("resource_type", SERVER);
            target.set("volumes", volumes(listed[0]));
            ObjectNode entry = JSON.createObjectNode().put("checkpoint_item_id", backupId);
            entry.set("target", target);
            Judged judged = capability(findings, "check_restorable", entry);
            if (judged.ok(200) && !judged.json().at("/restorable/0/result").asBoolean(false)) {
                findings.problem(judged.exchange(), "the available backup " + backupId + " cannot be restored onto its resource: "
                        + judged.json().at("/restorable/0/error_code").asText());
            }
        });
        List<String> restored = new ArrayList<>();
        step("createRestoration: the backup onto its resource", "200, the restoration asked for", notAvailable, findings -> {
            ObjectNode body = run.spec.requestExample("createRestoration", null);
            ObjectNode restore = (ObjectNode) body.path("restore");
            restore.put("checkpoint_id", checkpoint);
            ObjectNode parameters = (ObjectNode) restore.path("parameters");
            parameters.put("checkpoint_item_id", backupId);
            ((ObjectNode) parameters.path("targets")).put("server_id", resource).set("volumes", volumes(listed[0]));
            Judged judged = run.sendValid(findings::send, "createRestoration", run.service.post(run.path("createRestoration", Map.of()),
                    body.toString()), Map.of("project_id", run.project()), Expected.status(200));
            findings.problems(judged.exchange(), judged.problems());
            if (judged.ok(200)) {
                restored.add(backupId);
            }
        });
        step("lifecycle: the backup restoring, then available", "waiting_restore or restoring, then available",
                notAvailable != null ? notAvailable : restored.isEmpty() ? "the restoration was not accepted" : null, findings -> {
                    List<String> seen = new ArrayList<>();
                    boolean done = helper.await(() -> {
                        Judged judged = helper.get(findings, backupId);
                        if (!judged.problems().isEmpty() || !judged.ok(200)) {
                            findings.problems(judged.exchange(), judged.problems());
                            return Poll.FAILED;
                        }
                        String status = judged.json().at("/checkpoint_item/status").asText();
                        if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                            seen.add(status);
                        }
                        if (!RESTORING.contains(status) && !status.equals("available")) {
                            findings.problem(judged.exchange(), "the backup being restored is " + status + " (seen " + seen
                                    + "); expected waiting_restore or restoring, then available");
                            return Poll.FAILED;
                        }
                        return status.equals("available") ? Poll.DONE : Poll.WAIT;
                    });
                    if (!done && !findings.failed()) {
                        findings.problem("the backup being restored is still " + seen + " at the end of the wait; expected available");
                    }
                });
        step("deleteBackup: the resource's backup, until gone", "200, then gone", notAvailable, findings -> {
            helper.delete(findings, checkpoint, Map.of());
            if (helper.awaitGone(findings, List.of(backupId))) {
                run.deleted.add(checkpoint);
            }
        });
        step("listQuotas: backups used as before the resource's backup", "as before", notAvailable != null ? notAvailable
                : usedBefore[0] < 0 ? "no backups quota was read before" : !run.deleted.contains(checkpoint) ? "the backup was not deleted" : null,
                findings -> {
                    long used = usedBackups(findings);
                    if (used != usedBefore[0]) {
                        findings.problem("the backups quota's used is " + used + " with the resource's backup deleted; it was "
                                + usedBefore[0] + " before the backup");
                    }
                });
    }

    private String notAvailableCode() {
        return run.spec.documentedErrorCode("createRestoration", 400, "checkpoint_item_not_available");
    }

    /**
     * A restoration of the resource's backup while it is still being made (waiting_protect or protecting, as read just
     * before) is refused: 400 CSBS.4000, the backup is not available. Skipped where the backup is available at once.
     */
    private void restoreBeingMade(Findings findings, String checkpoint) throws NoResponseException, InterruptedException {
        Call list = run.service.get(run.path("listBackups", Map.of()), Map.of("checkpoint_id", checkpoint));
        Judged listed = run.sendValid(findings::send, "listBackups", list, Map.of(), Expected.status(200));
        findings.problems(listed.exchange(), listed.problems());
        if (!listed.ok(200)) {
            findings.stop();
        }
        JsonNode item = listed.json().at("/checkpoint_items/0");
        if (item.isMissingNode()) {
            findings.skip("the checkpoint lists no backup yet");
        }
        String status = item.path("status").asText();
        if (!Set.of("waiting_protect", "protecting").contains(status)) {
            findings.skip("the backup is " + status + " already: none being made to restore");
        }
        ObjectNode body = run.spec.requestExample("createRestoration", null);
        ObjectNode restore = (ObjectNode) body.path("restore");
        restore.put("checkpoint_id", checkpoint);
        ObjectNode parameters = (ObjectNode) restore.path("parameters");
        parameters.put("checkpoint_item_id", item.path("id").asText());
        ((ObjectNode) parameters.path("targets")).put("server_id", resource).set("volumes", volumes(item));
        Expected refused = Expected.error(400, notAvailableCode()).because("the backup is " + status + ", not available");
        Exchange exchange = findings.send(run.service.post(run.path("createRestoration", Map.of()), body.toString()));
        List<String> problems = new ArrayList<>();
        run.judge.judge(exchange, refused, true, problems);
        findings.problems(exchange, problems);
    }

    /**
     * The documented error cases of creating a policy and backing up a resource: a wrong service could accept them,
     * so they are sent only here, and what they make is recorded for the clean-up.
     */
    private void errorCases() throws InterruptedException {
        String policies = run.path("createBackupPolicy", Map.of());
        Map<String, String> resourcePath = Map.of("provider_id", CsbsSpec.PROVIDER_ID, "resource_id", resource);
        String protect = run.path("backupResource", resourcePath);
        ObjectNode protectBody = run.spec.requestExample("backupResource", null);
        ((ObjectNode) protectBody.path("protect")).put("backup_name", name + "-refused");
        errorCase("createBackupPolicy", "missing X-Auth-Token", 401, "token_invalid",
                run.service.post(policies, createBody(name + "-unauthorized").toString()).withoutHeader(Call.TOKEN_HEADER));
        errorCase("createBackupPolicy", "missing policy", 400, "policy_parameter_invalid", run.service.post(policies, "{}"));
        errorCase("createBackupPolicy", "wrong Content-Type", 415, "unsupported_media_type",
                run.service.post(policies, createBody(name + "-text").toString()).withHeader("Content-Type", "text/plain"));
        errorCase("backupResource", "missing X-Auth-Token", 401, "token_invalid",
                run.service.post(protect, protectBody.toString()).withoutHeader(Call.TOKEN_HEADER));
        errorCase("backupResource", "wrong provider_id", 400, "provider_invalid", run.service.post(run.path("backupResource",
                Map.of("provider_id", DocumentedChecks.OTHER_PROVIDER_ID, "resource_id", resource)), protectBody.toString()));
        errorCase("backupResource", "missing protect", 400, "resource_parameter_invalid", run.service.post(protect, "{}"));
    }

    private void errorCase(String operationId, String what, int status, String example, Call call) throws InterruptedException {
        Expected expected = Expected.error(status, run.spec.documentedErrorCode(operationId, status, example));
        run.check(DocumentedChecks.GROUP, operationId + ": " + what, expected.describe(), findings -> {
            Exchange exchange = findings.send(call);
            if (operationId.equals("createBackupPolicy")) {
                JsonNode sent = Judge.parse(call.body());
                madePolicy(findings, exchange, sent == null ? "" : sent.at("/policy/name").asText());
            }
            madeCheckpoint(exchange);
            List<String> problems = new ArrayList<>();
            run.judge.judge(exchange, expected, false, problems);
            findings.problems(exchange, problems);
        });
    }

    /** The page's example of a policy's creation, with this name, on the lifecycle's resource. */
    private ObjectNode createBody(String policyName) {
        ObjectNode body = run.spec.requestExample("createBackupPolicy", null);
        ObjectNode policy = (ObjectNode) body.path("policy");
        policy.put("name", policyName);
        ObjectNode first = (ObjectNode) policy.at("/resources/0");
        first.put("id", resource);
        policy.putArray("resources").add(first);
        return body;
    }

    /**
     * The policy a creation answered with any 2xx: the run's, to delete. Answered without its id, it is found by the
     * name the run gave it (the creation's check fails on the answer; the policy is not left behind).
     */
    private String madePolicy(Findings findings, Exchange exchange, String policyName) {
        JsonNode json = Judge.parse(exchange.body());
        if (exchange.status() / 100 != 2) {
            return null;
        }
        String id = json != null && json.at("/policy/id").isTextual() ? json.at("/policy/id").asText() : policyNamed(run, findings, policyName);
        if (id != null) {
            run.createdPolicies.add(id);
        }
        return id;
    }

    /** The ID of the policy the service lists with exactly this name, or null. */
    static String policyNamed(CheckRun run, Findings findings, String policyName) {
        Exchange listed = findings.send(run.service.get(run.path("listBackupPolicies", Map.of()), Map.of("name", policyName)));
        JsonNode answer = Judge.parse(listed.body());
        if (listed.status() != 200 || answer == null) {
            return null;
        }
        for (JsonNode policy : answer.path("policies")) {
            if (policyName.equals(policy.path("name").asText()) && policy.path("id").isTextual()) {
                return policy.path("id").asText();
            }
        }
        return null;
    }

    private String madeCheckpoint(Exchange exchange) {
        JsonNode json = Judge.parse(exchange.body());
        if (exchange.status() / 100 != 2 || json == null || !json.at("/checkpoint/id").isTextual()) {
            return null;
        }
        run.created.add(json.at("/checkpoint/id").asText());
        return json.at("/checkpoint/id").asText();
    }

    private Judged capability(Findings findings, String list, ObjectNode entry) throws NoResponseException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.putArray(list).add(entry);
        Map<String, String> pathValues = Map.of("project_id", run.project(), "provider_id", CsbsSpec.PROVIDER_ID);
        Judged judged = run.sendValid(findings::send, "checkResourceCapability", run.service.post(
                run.path("checkResourceCapability", pathValues), body.toString()), pathValues, Expected.status(200));
        findings.problems(judged.exchange(), judged.problems());
        return judged;
    }

    /** The backups quota's used, read now; the check stops where it cannot be read. */
    private long usedBackups(Findings findings) throws NoResponseException, InterruptedException {
        Judged judged = run.sendValid(findings::send, "listQuotas", run.service.get(run.path("listQuotas", Map.of()), Map.of()),
                Map.of("project_id", run.project()), Expected.status(200));
        findings.problems(judged.exchange(), judged.problems());
        if (!judged.ok(200)) {
            findings.stop();
        }
        for (JsonNode quota : judged.json().at("/quotas/resources")) {
            if (quota.path("type").asText().equals("backups")) {
                return quota.path("used").asLong();
            }
        }
        findings.problem(judged.exchange(), "quotas.resources has no quota of the type backups");
        findings.stop();
        return -1;
    }

    /** The disk mapping onto the backup's own disks: each disk backup to the disk it was made of. */
    private static ArrayNode volumes(JsonNode backup) {
        ArrayNode volumes = JSON.createArrayNode();
        if (backup != null) {
            backup.at("/extend_info/volume_backups").forEach(volume -> volumes.addObject()
                    .put("backup_id", volume.path("id").asText()).put("volume_id", volume.path("source_volume_id").asText()));
        }
        return volumes;
    }

    private Judged getPolicy(Findings findings, String policyId) throws NoResponseException, InterruptedException {
        Judged judged = run.sendValid(findings::send, "getBackupPolicy", run.service.get(policyPath(policyId), Map.of()),
                Map.of("project_id", run.project(), "policy_id", policyId), Expected.status(200));
        findings.problems(judged.exchange(), judged.problems());
        return judged;
    }

    private String policyPath(String policyId) {
        return run.path("getBackupPolicy", Map.of("policy_id", policyId));
    }

    private void resourcesAre(Findings findings, Judged judged, String pointer) {
        List<String> ids = new ArrayList<>();
        judged.json().at(pointer).forEach(item -> ids.add(Holdings.normalized(item.path("id").asText())));
        if (!ids.equals(List.of(Holdings.normalized(resource)))) {
            findings.problem(judged.exchange(), pointer.substring(1).replace('/', '.') + " are " + ids + ", expected the one created with, "
                    + resource);
        }
    }

    private static void same(Findings findings, Judged judged, String pointer, String expected) {
        String actual = judged.json().at(pointer).asText();
        if (!actual.equals(expected)) {
            findings.problem(judged.exchange(), pointer.substring(1).replace('/', '.') + " is \"" + actual + "\", expected \"" + expected + "\"");
        }
    }

    private void step(String name, String expected, String skipped, Findings.Probe probe) throws InterruptedException {
        run.check(GROUP, name, expected, skipped == null ? probe : findings -> findings.skip(skipped));
    }
}
