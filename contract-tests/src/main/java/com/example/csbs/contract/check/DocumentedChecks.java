package com.example.csbs.contract.check;

import com.example.csbs.contract.CsbsSpec;
import com.example.csbs.contract.check.CheckRun.Judged;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page's example requests of the reading operations (as the spec quotes them; the backup capability check
 * included, which only asks), each answered 200, valid and meaning what the spec says; and the documented error cases
 * of the operations, each answered with its documented status and error_code. Nothing here changes what the service
 * holds: the error cases of the execution name a plan that does not exist, those of a policy's update or deletion a
 * policy that does not exist, those of a restoration a backup that does not exist, so that even a service that
 * wrongly accepted one could change nothing; a policy or a resource's backup is asked for only in a body that is no
 * JSON (the other cases are the lifecycle's).
 */
final class DocumentedChecks {

    static final String GROUP = "documented";
    // A valid UUID that is not the CSBS provider: the path stays well-formed, only the value is wrong.
    static final String OTHER_PROVIDER_ID = "d0a6d9b2-4a5d-4c29-8e11-3a4a8ad4c6e9";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    /** A request that is wrong on purpose, and the documented error (a named example of the spec) it must get. */
    private record ErrorCase(String operationId, String name, int status, String example, Call call) {
    }

    /** An error case and its answer as the spec documents it. */
    private record Documented(ErrorCase errorCase, Expected expected) {
    }

    private DocumentedChecks() {
    }

    /** Runs the checks; the listings' answers tell the run what the service holds. */
    static void run(CheckRun run) throws InterruptedException {
        // What the spec documents first: a spec the checker cannot read fails before any request is sent.
        List<ErrorCase> all = new ArrayList<>(errorCases(run));
        all.addAll(managementErrorCases(run));
        List<Documented> errorCases = all.stream().map(errorCase -> new Documented(errorCase, Expected.error(
                errorCase.status(), run.spec.documentedErrorCode(errorCase.operationId(), errorCase.status(), errorCase.example()))))
                .toList();
        examples(run, "listBackupPolicies", run.holdings::addPolicies);
        examples(run, "listBackups", run.holdings::addBackups);
        examples(run, "countBackups", json -> { });
        examples(run, "getBackupPolicy", json -> { });
        examples(run, "getBackup", json -> { });
        examples(run, "listQuotas", json -> { });
        capabilityExample(run);
        for (Documented errorCase : errorCases) {
            errorCheck(run, errorCase.errorCase(), errorCase.expected());
        }
    }

    /** The body of the documented request, with the options' plan and resources. */
    static ObjectNode documentedBody(CsbsSpec spec, CheckOptions options) {
        ObjectNode request = spec.requestExample();
        ObjectNode checkpoint = (ObjectNode) request.path("checkpoint");
        ObjectNode parameters = (ObjectNode) checkpoint.path("parameters");
        if (options.plan() != null) {
            checkpoint.put("plan_id", options.plan().toString());
            parameters.remove("resources");
        }
        if (!options.resources().isEmpty()) {
            ArrayNode ids = parameters.putArray("resources");
            options.resources().forEach(id -> ids.add(id.toString()));
        }
        return request;
    }

    /** Each example request of the operation; the first one's answer goes to the sink. */
    private static void examples(CheckRun run, String operationId, Consumer<JsonNode> first) throws InterruptedException {
        List<String> examples = run.spec.exampleRequests(operationId);
        for (int i = 0; i < examples.size(); i++) {
            String example = examples.get(i);
            boolean isFirst = i == 0;
            run.check(GROUP, operationId + ": page example " + example, "200", findings -> {
                Call call = exampleCall(run, example, findings);
                Map<String, String> pathValues = pathValues(run, example);
                Judged judged = run.sendValid(findings::send, operationId, call, pathValues, Expected.status(200));
                findings.problems(judged.exchange(), judged.problems());
                if (isFirst && judged.ok(200)) {
                    first.accept(judged.json());
                }
            });
        }
    }

    private static Call exampleCall(CheckRun run, String example, Findings findings) {
        String target = example.substring(example.indexOf(' ') + 1);
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        Map<String, String> query = new LinkedHashMap<>();
        if (question >= 0) {
            for (String pair : target.substring(question + 1).split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                query.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                        nameAndValue.length < 2 ? "" : URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
            }
        }
        Map<String, String> values = pathValues(run, example);
        Matcher placeholder = PLACEHOLDER.matcher(path);
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value == null) {
                findings.skip(placeholder.group(1).equals("policy_id") ? "the service lists no backup policy to query (--plan names one)"
                        : "the service lists no backup to query");
            }
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(filled);
        return run.service.get(filled.toString(), query);
    }

    /** The values of the example's path parameters: the run's project, and what the service holds. */
    private static Map<String, String> pathValues(CheckRun run, String example) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("project_id", run.project());
        Optional<String> policy = run.options.plan() != null ? Optional.of(run.options.plan().toString()) : run.holdings.firstPolicyId();
        policy.ifPresent(id -> values.put("policy_id", id));
        run.holdings.firstBackupId().ifPresent(id -> values.put("checkpoint_item_id", id));
        values.keySet().retainAll(placeholders(example));
        return values;
    }

    private static List<String> placeholders(String example) {
        List<String> names = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER.matcher(example);
        while (placeholder.find()) {
            names.add(placeholder.group(1));
        }
        return names;
    }

    private static List<ErrorCase> errorCases(CheckRun run) {
        ServiceClient service = run.service;
        ObjectNode unknownPlan = documentedBody(run.spec, run.options);
        ((ObjectNode) unknownPlan.path("checkpoint")).put("plan_id", run.randomUuid());
        String body = unknownPlan.toString();
        String execute = run.path(CsbsSpec.EXECUTE, Map.of("provider_id", CsbsSpec.PROVIDER_ID));
        String deleteUnknown = run.path("deleteBackup", Map.of("provider_id", CsbsSpec.PROVIDER_ID, "checkpoint_id", run.randomUuid()));
        String unknownBackup = run.path("getBackup", Map.of("checkpoint_item_id", run.randomUuid()));
        String unknownPolicy = run.path("getBackupPolicy", Map.of("policy_id", run.randomUuid()));
        String backups = run.path("listBackups", Map.of());
        String count = run.path("countBackups", Map.of());
        String policies = run.path("listBackupPolicies", Map.of());
        String e = CsbsSpec.EXECUTE;
        return List.of(
                new ErrorCase(e, "missing X-Auth-Token", 401, "token_invalid", service.post(execute, body).withoutHeader(Call.TOKEN_HEADER)),
                new ErrorCase(e, "wrong provider_id", 400, "provider_invalid",
                        service.post(run.path(e, Map.of("provider_id", OTHER_PROVIDER_ID)), body)),
                new ErrorCase(e, "unknown plan", 404, "plan_not_found", service.post(execute, body)),
                new ErrorCase(e, "malformed JSON", 400, "parameter_invalid", service.post(execute, "{\"checkpoint\": {")),
                new ErrorCase(e, "missing checkpoint", 400, "parameter_invalid", service.post(execute, "{}")),
                new ErrorCase(e, "wrong Content-Type", 415, "unsupported_media_type",
                        service.post(execute, body).withHeader("Content-Type", "text/plain")),
                new ErrorCase("deleteBackup", "unknown checkpoint", 404, "checkpoint_item_not_found", service.delete(deleteUnknown, Map.of())),
                new ErrorCase("deleteBackup", "missing X-Auth-Token", 401, "token_invalid",
                        service.delete(deleteUnknown, Map.of()).withoutHeader(Call.TOKEN_HEADER)),
                new ErrorCase("getBackup", "unknown backup", 404, "checkpoint_item_not_found", service.get(unknownBackup, Map.of())),
                new ErrorCase("getBackup", "missing X-Auth-Token", 401, "token_invalid",
                        service.get(unknownBackup, Map.of()).withoutHeader(Call.TOKEN_HEADER)),
                new ErrorCase("listBackups", "limit 0", 400, "query_invalid", service.get(backups, Map.of("limit", "0"))),
                new ErrorCase("listBackups", "unknown marker", 400, "marker_not_found",
                        service.get(backups, Map.of("marker", run.randomUuid()))),
                new ErrorCase("listBackups", "missing X-Auth-Token", 401, "token_invalid",
                        service.get(backups, Map.of()).withoutHeader(Call.TOKEN_HEADER)),
                new ErrorCase("countBackups", "unknown status", 400, "query_invalid", service.get(count, Map.of("status", "finished"))),
                new ErrorCase("countBackups", "missing X-Auth-Token", 401, "token_invalid",
                        service.get(count, Map.of()).withoutHeader(Call.TOKEN_HEADER)),
                new ErrorCase("getBackupPolicy", "unknown policy", 404, "plan_not_found", service.get(unknownPolicy, Map.of())),
                new ErrorCase("getBackupPolicy", "missing X-Auth-Token", 401, "token_invalid",
                        service.get(unknownPolicy, Map.of()).withoutHeader(Call.TOKEN_HEADER)),
                new ErrorCase("listBackupPolicies", "unknown sort key", 400, "query_invalid",
                        service.get(policies, Map.of("sort", "priority:asc"))),
                new ErrorCase("listBackupPolicies", "unknown marker", 400, "marker_not_found",
                        service.get(policies, Map.of("marker", run.randomUuid()))),
                new ErrorCase("listBackupPolicies", "missing X-Auth-Token", 401, "token_invalid",
                        service.get(policies, Map.of()).withoutHeader(Call.TOKEN_HEADER)),
                new ErrorCase("listQuotas", "missing X-Auth-Token", 401, "token_invalid",
                        service.get(run.path("listQuotas", Map.of()), Map.of()).withoutHeader(Call.TOKEN_HEADER)));
    }

    /**
     * The documented error cases of the operations that create or change (spec 1.3.0), each unable to change anything
     * even on a service that wrongly accepted it: the policy to change or delete does not exist, the backup to restore
     * does not exist, a policy or a backup is asked for in a body that is no JSON. The cases that need a valid body
     * to create something (a policy, a resource's backup) are the lifecycle's.
     */
    private static List<ErrorCase> managementErrorCases(CheckRun run) {
        ServiceClient service = run.service;
        String unknownPolicy = run.path("updateBackupPolicy", Map.of("policy_id", run.randomUuid()));
        String update = run.spec.requestExample("updateBackupPolicy", null).toString();
        String restores = run.path("createRestoration", Map.of());
        String restore = unknownBackupRestore(run).toString();
        String capability = run.path("checkResourceCapability", Map.of("provider_id", CsbsSpec.PROVIDER_ID));
        String protectable = run.spec.requestExample("checkResourceCapability", null).toString();
        ObjectNode bothLists = run.spec.requestExample("checkResourceCapability", null);
        bothLists.setAll(run.spec.requestExample("checkResourceCapability", "check_restorable"));
        String malformed = "{\"policy\": {";
        return List.of(
                new ErrorCase("createBackupPolicy", "malformed JSON", 400, "policy_parameter_invalid",
                        service.post(run.path("createBackupPolicy", Map.of()), malformed)),
                new ErrorCase("updateBackupPolicy", "unknown policy", 404, "plan_not_found", service.put(unknownPolicy, update)),
                new ErrorCase("updateBackupPolicy", "missing X-Auth-Token", 401, "token_invalid",
                        service.put(unknownPolicy, update).withoutHeader(Call.TOKEN_HEADER)),
                new ErrorCase("updateBackupPolicy", "malformed JSON", 400, "policy_parameter_invalid", service.put(unknownPolicy, malformed)),
                new ErrorCase("updateBackupPolicy", "wrong Content-Type", 415, "unsupported_media_type",
                        service.put(unknownPolicy, update).withHeader("Content-Type", "text/plain")),
                new ErrorCase("deleteBackupPolicy", "unknown policy", 404, "plan_not_found", service.delete(unknownPolicy, Map.of())),
                new ErrorCase("deleteBackupPolicy", "missing X-Auth-Token", 401, "token_invalid",
                        service.delete(unknownPolicy, Map.of()).withoutHeader(Call.TOKEN_HEADER)),
                new ErrorCase("backupResource", "malformed JSON", 400, "resource_parameter_invalid",
                        service.post(run.path("backupResource", Map.of("provider_id", CsbsSpec.PROVIDER_ID,
                                "resource_id", run.randomUuid())), "{\"protect\": {")),
                new ErrorCase("checkResourceCapability", "wrong provider_id", 400, "provider_invalid",
                        service.post(run.path("checkResourceCapability", Map.of("provider_id", OTHER_PROVIDER_ID)), protectable)),
                new ErrorCase("checkResourceCapability", "check_protectable and check_restorable", 400, "capability_parameter_invalid",
                        service.post(capability, bothLists.toString())),
                new ErrorCase("checkResourceCapability", "neither list", 400, "capability_parameter_invalid",
                        service.post(capability, "{}")),
                new ErrorCase("checkResourceCapability", "missing X-Auth-Token", 401, "token_invalid",
                        service.post(capability, protectable).withoutHeader(Call.TOKEN_HEADER)),
                new ErrorCase("createRestoration", "unknown backup", 404, "checkpoint_item_not_found", service.post(restores, restore)),
                new ErrorCase("createRestoration", "missing X-Auth-Token", 401, "token_invalid",
                        service.post(restores, restore).withoutHeader(Call.TOKEN_HEADER)),
                new ErrorCase("createRestoration", "malformed JSON", 400, "restore_parameter_invalid", service.post(restores, "{\"restore\": {")),
                new ErrorCase("createRestoration", "wrong Content-Type", 415, "unsupported_media_type",
                        service.post(restores, restore).withHeader("Content-Type", "text/plain")));
    }

    /** The page's restoration request, of a backup (checkpoint and item) that does not exist. */
    static ObjectNode unknownBackupRestore(CheckRun run) {
        ObjectNode body = run.spec.requestExample("createRestoration", null);
        ObjectNode restore = (ObjectNode) body.path("restore");
        restore.put("checkpoint_id", run.randomUuid());
        ((ObjectNode) restore.path("parameters")).put("checkpoint_item_id", run.randomUuid());
        return body;
    }

    /** The page's example of the backup capability check (read-only: it only asks), answered 200 as asked. */
    private static void capabilityExample(CheckRun run) throws InterruptedException {
        String operationId = "checkResourceCapability";
        Map<String, String> pathValues = Map.of("project_id", run.project(), "provider_id", CsbsSpec.PROVIDER_ID);
        run.check(GROUP, operationId + ": page example check_protectable", "200", findings -> {
            Call call = run.service.post(run.path(operationId, pathValues), run.spec.requestExample(operationId, null).toString());
            Judged judged = run.sendValid(findings::send, operationId, call, pathValues, Expected.status(200));
            findings.problems(judged.exchange(), judged.problems());
        });
    }

    private static void errorCheck(CheckRun run, ErrorCase errorCase, Expected expected) throws InterruptedException {
        run.check(GROUP, errorCase.operationId() + ": " + errorCase.name(), expected.describe(), findings -> {
            Exchange exchange = findings.send(errorCase.call());
            List<String> problems = new ArrayList<>();
            // Only the response is validated: the request is wrong on purpose.
            run.judge.judge(exchange, expected, false, problems);
            findings.problems(exchange, problems);
        });
    }
}
