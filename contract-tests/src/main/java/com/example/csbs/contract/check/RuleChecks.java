package com.example.csbs.contract.check;

import com.example.csbs.contract.CsbsSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rules the spec states that one request cannot show. Tolerance: a body with fields the schema does not list, or
 * null for an optional field, is read as without them; sent with a plan that does not exist, such a body must reach
 * the plan's lookup (404 CSBS.3000), not be refused as malformed (400), and cannot execute anything; likewise the
 * update of a policy and the restoration of a backup that do not exist, and a capability check. Paging: walking
 * a listing page by page (by marker, by offset) returns each item once, all of them, in the listing's order.
 */
final class RuleChecks {

    private RuleChecks() {
    }

    static void run(CheckRun run) throws InterruptedException {
        ObjectNode unknownFields = unknownPlanBody(run);
        unknownFields.put("x_request_origin", "csbs-contract-check");
        ((ObjectNode) unknownFields.path("checkpoint")).put("x_comment", "fields the schema does not list");
        ((ObjectNode) unknownFields.at("/checkpoint/parameters")).put("x_priority", 3);
        tolerance(run, "unknown fields", unknownFields);

        ObjectNode nulls = unknownPlanBody(run);
        ObjectNode parameters = (ObjectNode) nulls.at("/checkpoint/parameters");
        parameters.set("auto_trigger", NullNode.getInstance());
        parameters.set("resources", NullNode.getInstance());
        tolerance(run, "null for the optional auto_trigger and resources", nulls);

        managementTolerance(run);

        paging(run, "listBackups", "marker");
        paging(run, "listBackups", "offset");
        paging(run, "listBackupPolicies", "marker");
        paging(run, "listBackupPolicies", "offset");
    }

    /**
     * Unknown fields at every level of the bodies of spec 1.3.0 that can be sent without changing anything: an update
     * of a policy that does not exist (404 CSBS.3000), a restoration of a backup that does not exist (404 CSBS.3001), a
     * capability check (200; inside the list only, as the body has exactly one property). None of these bodies has an
     * optional field the spec lets be null.
     */
    private static void managementTolerance(CheckRun run) throws InterruptedException {
        ObjectNode update = run.spec.requestExample("updateBackupPolicy", null);
        update.put("x_request_origin", "csbs-contract-check");
        ((ObjectNode) update.path("policy")).put("x_comment", "fields the schema does not list");
        ((ObjectNode) update.at("/policy/scheduled_operations/0")).put("x_priority", 3);
        ((ObjectNode) update.at("/policy/scheduled_operations/0/trigger")).put("x_type", "time");
        String policyPath = run.path("updateBackupPolicy", Map.of("policy_id", run.randomUuid()));
        tolerance(run, "updateBackupPolicy", "unknown fields", run.service.put(policyPath, update.toString()),
                Expected.error(404, run.spec.documentedErrorCode("updateBackupPolicy", 404, "plan_not_found"))
                        .because("a body with unknown fields is valid, and its policy does not exist"));

        ObjectNode restore = DocumentedChecks.unknownBackupRestore(run);
        restore.put("x_request_origin", "csbs-contract-check");
        ((ObjectNode) restore.path("restore")).put("x_comment", "fields the schema does not list");
        ((ObjectNode) restore.at("/restore/parameters")).put("x_priority", 3);
        ((ObjectNode) restore.at("/restore/parameters/targets")).put("x_zone", "eu-de-01");
        tolerance(run, "createRestoration", "unknown fields", run.service.post(run.path("createRestoration", Map.of()), restore.toString()),
                Expected.error(404, run.spec.documentedErrorCode("createRestoration", 404, "checkpoint_item_not_found"))
                        .because("a body with unknown fields is valid, and its backup does not exist"));

        ObjectNode capability = run.spec.requestExample("checkResourceCapability", null);
        ((ObjectNode) capability.at("/check_protectable/0")).put("x_comment", "fields the schema does not list");
        tolerance(run, "checkResourceCapability", "unknown fields", run.service.post(run.path("checkResourceCapability",
                Map.of("provider_id", CsbsSpec.PROVIDER_ID)), capability.toString()), Expected.status(200)
                .because("a body with unknown fields is valid"));
    }

    /** A request that only a service intolerant of what the spec allows refuses; a 200 must mean what it should. */
    private static void tolerance(CheckRun run, String operationId, String what, Call call, Expected expected) throws InterruptedException {
        run.check("tolerance", operationId + ": tolerance: " + what, expected.describe(), findings -> {
            Map<String, String> pathValues = Map.of("project_id", run.project(), "provider_id", CsbsSpec.PROVIDER_ID);
            CheckRun.Judged judged = run.sendValid(findings::send, operationId, call, pathValues, expected);
            findings.problems(judged.exchange(), judged.problems());
        });
    }

    private static ObjectNode unknownPlanBody(CheckRun run) {
        ObjectNode body = DocumentedChecks.documentedBody(run.spec, run.options);
        ((ObjectNode) body.path("checkpoint")).put("plan_id", run.randomUuid());
        return body;
    }

    private static void tolerance(CheckRun run, String what, ObjectNode body) throws InterruptedException {
        Expected expected = Expected.error(404, run.spec.documentedErrorCode(404, "plan_not_found"))
                .because("a body with " + what + " is valid, and its plan does not exist");
        run.check("tolerance", CsbsSpec.EXECUTE + ": tolerance: " + what, expected.describe(), findings -> {
            Exchange exchange = findings.send(run.service.post(run.path(CsbsSpec.EXECUTE,
                    Map.of("provider_id", CsbsSpec.PROVIDER_ID)), body.toString()));
            List<String> problems = new ArrayList<>();
            run.judge.judge(exchange, expected, true, problems);
            findings.problems(exchange, problems);
        });
    }

    /**
     * Walks the listing in pages of a third of it (at least 1) by marker (the last ID of the page before) or by
     * offset, and compares the pages with the whole listing read before and after the walk.
     */
    private static void paging(CheckRun run, String operationId, String by) throws InterruptedException {
        String field = Listings.field(operationId);
        run.check("paging", operationId + ": paging by " + by, "each item once", findings -> {
            Call whole = run.service.get(run.path(operationId, Map.of()), Map.of());
            List<String> before = listed(findings, run, whole, field);
            if (before.size() < 2) {
                findings.skip("the service lists " + before.size() + " " + field + ": nothing to page");
            }
            if (before.size() >= Semantics.DEFAULT_LIMIT) {
                findings.skip("the service lists more than one page of the default limit: the whole listing is unknown");
            }
            int limit = Math.max(1, before.size() / 3);
            List<String> walked = new ArrayList<>();
            Map<String, Integer> pageOf = new HashMap<>();
            String marker = null;
            for (int number = 1; number <= before.size() / limit + 2; number++) {
                Map<String, String> query = new LinkedHashMap<>();
                query.put("limit", Integer.toString(limit));
                if (by.equals("marker") && marker != null) {
                    query.put("marker", marker);
                } else if (by.equals("offset")) {
                    query.put("offset", Integer.toString(walked.size()));
                }
                Exchange exchange = findings.send(run.service.get(whole.path(), query));
                List<String> problems = new ArrayList<>();
                JsonNode page = run.judge.judge(exchange, Expected.status(200), true, problems);
                findings.problems(exchange, problems);
                if (page == null || exchange.status() != 200 || !page.path(field).isArray()) {
                    findings.stop();
                }
                List<String> ids = Listings.ids(page, field);
                if (ids.size() > limit) {
                    findings.problem(exchange, "page " + number + " has " + ids.size() + " " + field + ", more than limit=" + limit);
                }
                for (String id : ids) {
                    Integer earlier = pageOf.putIfAbsent(id, number);
                    if (earlier != null) {
                        findings.problem(exchange, "page " + number + " repeats " + id + ", already on page " + earlier);
                    }
                }
                walked.addAll(ids);
                if (ids.isEmpty() || ids.size() < limit) {
                    break;
                }
                marker = ids.get(ids.size() - 1);
            }
            List<String> after = listed(findings, run, whole, field);
            if (!before.equals(after)) {
                findings.skip("the listing changed during the walk (" + before.size() + " " + field + ", then " + after.size()
                        + "): not judged");
            }
            List<String> skipped = before.stream().filter(id -> !walked.contains(id)).toList();
            if (!skipped.isEmpty()) {
                findings.problem("the pages skip " + Listings.shown(skipped) + " of the " + before.size()
                        + " that the whole listing has");
            }
            List<String> once = walked.stream().distinct().toList();
            if (skipped.isEmpty() && !once.equals(before) && once.size() == before.size()) {
                findings.problem("the pages list the " + field + " in another order than the whole listing: "
                        + Listings.shown(once) + ", whole " + Listings.shown(before));
            }
        });
    }

    private static List<String> listed(Findings findings, CheckRun run, Call whole, String field) {
        Exchange exchange = findings.send(whole);
        List<String> ids = Listings.ids(exchange, field);
        if (ids == null) {
            findings.problem(exchange, "the whole listing answered " + exchange.status() + ": " + Judge.excerpt(exchange.body()));
            findings.stop();
        }
        return ids.stream().map(id -> id.toLowerCase(Locale.ROOT)).toList();
    }
}
