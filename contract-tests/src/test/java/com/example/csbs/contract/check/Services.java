package com.example.csbs.contract.check;

import com.example.csbs.contract.check.WrongCsbs.Answer;
import com.example.csbs.contract.check.WrongCsbs.Fault;
import com.example.csbs.contract.check.WrongCsbs.Request;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Services made from the stub for the checker to check (see {@link WrongCsbs}). The correct ones answer otherwise than
 * the stub where the spec leaves room; each wrong one has exactly one fault.
 */
final class Services {

    static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ONE_BACKUP = Pattern.compile("/v1/[^/]+/checkpoint_items/([^/]*)");
    private static final Pattern ONE_POLICY = Pattern.compile("/v1/[^/]+/policies/([^/]*)");
    private static final Pattern ONE_CHECKPOINT = Pattern.compile("/v1/[^/]+/providers/[^/]+/checkpoints/([^/]*)");
    private static final Set<String> BACKUP_STATUSES = Set.of("waiting_protect", "protecting", "available", "waiting_restore",
            "restoring", "error", "waiting_delete", "deleting", "deleted");

    private Services() {
    }

    // Correct services.

    /**
     * Fields the spec does not list in every object it answers (a gateway's request_id in errors), a resource's
     * extra_info as the object {} (the spec allows both), no checkpoint extra_info (not required), a charset in the
     * Content-Type, bodies pretty-printed.
     */
    static final Fault LENIENT_BUT_CORRECT = (request, stub) -> {
        Answer answer = stub.forward(request);
        JsonNode json = answer.json();
        if (json == null) {
            return answer;
        }
        json.findParents("extra_info").forEach(parent -> {
            if (parent.has("type") && parent.get("extra_info").isTextual()) {
                ((ObjectNode) parent).putObject("extra_info"); // a resource
            }
        });
        if (json.path("checkpoint").isObject()) {
            ((ObjectNode) json.path("checkpoint")).remove("extra_info");
        }
        addField(json);
        try {
            return new Answer(answer.status(), "application/json;charset=UTF-8", MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    /** A path ID that is no UUID is answered 404 (nothing has that ID), not 400; every error_msg in other words. */
    static final Fault OTHER_DOCUMENTED_CHOICES = (request, stub) -> {
        String notUuid = notUuid(ONE_BACKUP, request.path());
        if (request.method().equals("GET") && notUuid != null && !notUuid.equals("count")) {
            return error(404, "CSBS.3001", "Checkpoint_item (" + notUuid + ") is not found.");
        }
        if (request.method().equals("GET") && notUuid(ONE_POLICY, request.path()) != null) {
            return error(404, "CSBS.3000", "plan not found");
        }
        if (request.method().equals("DELETE") && notUuid(ONE_CHECKPOINT, request.path()) != null) {
            return error(404, "CSBS.3001", "checkpoint not found");
        }
        Answer answer = stub.forward(request);
        JsonNode json = answer.json();
        if (answer.status() >= 400 && json != null && json.path("error_msg").isTextual()) {
            ((ObjectNode) json).put("error_msg", "The request was refused (" + answer.status() + ").");
            return answer.withJson(json);
        }
        return answer;
    };

    // Wrong services: one fault each.

    /** Accepts (200) a body whose auto_trigger is not a boolean, reading it as left out. */
    static final Fault ACCEPTS_AN_INVALID_BODY = (request, stub) -> {
        JsonNode body = request.json();
        JsonNode autoTrigger = body == null ? null : body.at("/checkpoint/parameters/auto_trigger");
        if (request.is("POST", "/checkpoints") && autoTrigger != null && !autoTrigger.isMissingNode()
                && !autoTrigger.isBoolean() && !autoTrigger.isNull() && body.at("/checkpoint/parameters").isObject()) {
            ((ObjectNode) body.at("/checkpoint/parameters")).remove("auto_trigger");
            return stub.forward(request.withBody(body.toString()));
        }
        return stub.forward(request);
    };

    /** Answers 500 to a start_time or end_time that is not a time. */
    static final Fault SERVER_ERROR_ON_A_BAD_TIME = (request, stub) -> {
        for (String time : List.of("start_time", "end_time")) {
            String value = request.query().get(time);
            if (value != null && !Semantics.parses(value)) {
                return error(500, "CSBS.9999", "querying backups failed");
            }
        }
        return stub.forward(request);
    };

    /** Answers 500 to an execution whose plan_id is not a string. */
    static final Fault SERVER_ERROR_ON_A_WRONG_TYPE = (request, stub) -> {
        JsonNode planId = request.json() == null ? null : request.json().at("/checkpoint/plan_id");
        if (request.is("POST", "/checkpoints") && planId != null && !planId.isMissingNode() && !planId.isTextual()) {
            return error(500, "CSBS.9999", "executing backup policy failed");
        }
        return stub.forward(request);
    };

    /** Refuses (400) a body with a field the schema does not list. */
    static final Fault REJECTS_UNKNOWN_FIELDS = (request, stub) -> {
        JsonNode body = request.json();
        if (request.is("POST", "/checkpoints") && body != null && (unknownField(body, Set.of("checkpoint"))
                || unknownField(body.path("checkpoint"), Set.of("plan_id", "parameters"))
                || unknownField(body.at("/checkpoint/parameters"), Set.of("auto_trigger", "resources")))) {
            return error(400, "CSBS.9001", "Parameter verification failed: unknown field");
        }
        return stub.forward(request);
    };

    /** Refuses (400) null for auto_trigger or resources. */
    static final Fault REJECTS_NULL_FOR_OPTIONAL_FIELDS = (request, stub) -> {
        JsonNode parameters = request.json() == null ? null : request.json().at("/checkpoint/parameters");
        if (request.is("POST", "/checkpoints") && parameters != null
                && (parameters.path("auto_trigger").isNull() || parameters.path("resources").isNull())) {
            return error(400, "CSBS.9001", "Parameter verification failed: null");
        }
        return stub.forward(request);
    };

    /** Answers policies with another project's ID in project_id. */
    static final Fault ANOTHER_PROJECT_ID = (request, stub) -> {
        Answer answer = stub.forward(request);
        JsonNode json = answer.json();
        if (request.method().equals("GET") && answer.status() == 200 && json != null && request.path().contains("/policies")) {
            json.findParents("project_id").forEach(policy -> ((ObjectNode) policy).put("project_id", "0123456789abcdef0123456789abcdef"));
            return answer.withJson(json);
        }
        return answer;
    };

    /** Backs up only the first of the resources an execution names. */
    static final Fault BACKS_UP_ONE_RESOURCE_ONLY = (request, stub) -> {
        JsonNode body = request.json();
        JsonNode resources = body == null ? null : body.at("/checkpoint/parameters/resources");
        if (request.is("POST", "/checkpoints") && resources instanceof ArrayNode list && list.size() > 1) {
            while (list.size() > 1) {
                list.remove(1);
            }
            return stub.forward(request.withBody(body.toString()));
        }
        return stub.forward(request);
    };

    /** Counts one backup more than it lists. */
    static final Fault COUNT_ONE_TOO_MANY = (request, stub) -> {
        Answer answer = stub.forward(request);
        if (request.is("GET", "/checkpoint_items/count") && answer.status() == 200) {
            ObjectNode json = (ObjectNode) answer.json();
            return answer.withJson(json.put("count", json.get("count").asLong() + 1));
        }
        return answer;
    };

    /** A page after a marker starts with the marker's backup (already on the page before). */
    static final Fault PAGE_REPEATS_THE_MARKER = (request, stub) -> {
        Answer answer = stub.forward(request);
        String marker = request.query().get("marker");
        if (!request.is("GET", "/checkpoint_items") || marker == null || answer.status() != 200) {
            return answer;
        }
        Answer markerItem = stub.forward(new Request("GET", request.path() + "/" + marker, Map.of(), request.headers(), ""));
        if (markerItem.status() != 200) {
            return answer;
        }
        ObjectNode page = (ObjectNode) answer.json();
        ArrayNode items = (ArrayNode) page.get("checkpoint_items");
        items.insert(0, markerItem.json().get("checkpoint_item"));
        long limit = request.query().containsKey("limit") ? Long.parseLong(request.query().get("limit")) : 1000;
        while (items.size() > limit) {
            items.remove(items.size() - 1);
        }
        return answer.withJson(page);
    };

    /** A page after a marker leaves out its first backup. */
    static final Fault PAGE_SKIPS_A_BACKUP = (request, stub) -> {
        Answer answer = stub.forward(request);
        if (request.is("GET", "/checkpoint_items") && request.query().containsKey("marker") && answer.status() == 200
                && !answer.json().get("checkpoint_items").isEmpty()) {
            ObjectNode page = (ObjectNode) answer.json();
            ((ArrayNode) page.get("checkpoint_items")).remove(0);
            return answer.withJson(page);
        }
        return answer;
    };

    /** Accepts the deletion of a checkpoint it holds (200 {}), and deletes nothing. */
    static final Fault NEVER_DELETES = (request, stub) -> {
        Matcher checkpoint = ONE_CHECKPOINT.matcher(request.path());
        if (request.method().equals("DELETE") && checkpoint.matches()) {
            String backups = request.path().substring(0, request.path().indexOf("/providers/")) + "/checkpoint_items";
            Answer listed = stub.forward(new Request("GET", backups, Map.of("checkpoint_id", checkpoint.group(1)), request.headers(), ""));
            if (listed.status() == 200 && !listed.json().get("checkpoint_items").isEmpty()) {
                return new Answer(200, JSON, "{}");
            }
        }
        return stub.forward(request);
    };

    /** Errors with a body of its own, not the CSBS one. */
    static final Fault ERRORS_NOT_CSBS = (request, stub) -> {
        Answer answer = stub.forward(request);
        return answer.status() >= 400
                ? new Answer(answer.status(), JSON, "{\"code\": " + answer.status() + ", \"message\": \"request failed\"}")
                : answer;
    };

    /** Reads a status that is not one of the enum as no status filter: 200. */
    static final Fault ACCEPTS_AN_UNKNOWN_STATUS = (request, stub) -> {
        String status = request.query().get("status");
        if (request.method().equals("GET") && status != null && !BACKUP_STATUSES.contains(status)) {
            Map<String, String> query = new LinkedHashMap<>(request.query());
            query.remove("status");
            return stub.forward(request.withQuery(query));
        }
        return stub.forward(request);
    };

    /** Lists backups without applying the name filter. */
    static final Fault IGNORES_THE_NAME_FILTER = (request, stub) -> {
        if (request.is("GET", "/checkpoint_items") && request.query().containsKey("name")) {
            Map<String, String> query = new LinkedHashMap<>(request.query());
            query.remove("name");
            return stub.forward(request.withQuery(query));
        }
        return stub.forward(request);
    };

    /** A backup's created_at with a UTC offset (RFC 3339), which the spec's pattern does not allow. */
    static final Fault TIMES_WITH_AN_OFFSET = (request, stub) -> {
        Answer answer = stub.forward(request);
        if (request.method().equals("GET") && ONE_BACKUP.matcher(request.path()).matches() && !request.path().endsWith("/count")
                && answer.status() == 200) {
            JsonNode json = answer.json();
            ObjectNode item = (ObjectNode) json.get("checkpoint_item");
            item.set("created_at", TextNode.valueOf(item.get("created_at").asText() + "Z"));
            return answer.withJson(json);
        }
        return answer;
    };

    // Wrong services of spec 1.3.0: one fault each, on one rule of a new operation.

    /** Creates the policy, and answers 201 (the pages and every known client: 200). */
    static final Fault CREATES_WITH_201 = (request, stub) -> {
        Answer answer = stub.forward(request);
        return request.is("POST", "/v1/[^/]+/policies") && answer.status() == 200
                ? new Answer(201, answer.contentType(), answer.body()) : answer;
    };

    /** Creates the policy, and answers it without its id (which the spec requires of a policy in an answer). */
    static final Fault CREATES_WITHOUT_THE_ID = (request, stub) -> {
        Answer answer = stub.forward(request);
        if (request.is("POST", "/v1/[^/]+/policies") && answer.status() == 200 && answer.json() != null) {
            JsonNode json = answer.json();
            ((ObjectNode) json.path("policy")).remove("id");
            return answer.withJson(json);
        }
        return answer;
    };

    /** Answers an update as applied, but a policy read afterwards is as it was before the update. */
    static Fault updateNotApplied() {
        Map<String, Answer> before = new java.util.concurrent.ConcurrentHashMap<>();
        return (request, stub) -> {
            Matcher policy = ONE_POLICY.matcher(request.path());
            if (!policy.matches()) {
                return stub.forward(request);
            }
            String id = policy.group(1).toLowerCase(java.util.Locale.ROOT);
            if (request.method().equals("PUT")) {
                Answer old = stub.forward(new Request("GET", request.path(), Map.of(), request.headers(), ""));
                Answer answer = stub.forward(request);
                if (old.status() == 200 && answer.status() == 200) {
                    before.putIfAbsent(id, old);
                }
                return answer;
            }
            if (request.method().equals("GET") && before.containsKey(id)) {
                return before.get(id);
            }
            if (request.method().equals("DELETE")) {
                before.remove(id);
            }
            return stub.forward(request);
        };
    }

    /** Answers the deletion of a policy it holds 200, and keeps the policy. */
    static final Fault KEEPS_DELETED_POLICIES = (request, stub) -> {
        if (request.method().equals("DELETE") && ONE_POLICY.matcher(request.path()).matches()) {
            Answer held = stub.forward(new Request("GET", request.path(), Map.of(), request.headers(), ""));
            if (held.status() == 200) {
                return new Answer(200, null, "");
            }
        }
        return stub.forward(request);
    };

    /**
     * A resource's backup is listed by its checkpoint, but GET /checkpoint_items/{id} with the ID that backing up the
     * resource answered is 404 CSBS.3001 (a service whose item IDs are not the checkpoint's).
     */
    static Fault protectIdNotAnItem() {
        Set<String> protectedIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return (request, stub) -> {
            Matcher backup = ONE_BACKUP.matcher(request.path());
            if (request.method().equals("GET") && backup.matches() && protectedIds.contains(backup.group(1).toLowerCase(java.util.Locale.ROOT))) {
                return error(404, "CSBS.3001", "Checkpoint_item (" + backup.group(1) + ") is not found.");
            }
            Answer answer = stub.forward(request);
            if (request.is("POST", "/resources/[^/]+/action") && answer.status() == 200) {
                protectedIds.add(answer.json().at("/checkpoint/id").asText().toLowerCase(java.util.Locale.ROOT));
            }
            return answer;
        };
    }

    /**
     * Accepts the restoration of a backup that is not available yet (being made): it waits until the backup is
     * available, then restores it (200).
     */
    static final Fault RESTORES_A_BACKUP_NOT_AVAILABLE = (request, stub) -> {
        Answer answer = stub.forward(request);
        if (request.is("POST", "/restores") && answer.status() == 400 && "CSBS.4000".equals(answer.json().path("error_code").asText())) {
            String item = request.path().replace("/restores", "/checkpoint_items/")
                    + request.json().at("/restore/parameters/checkpoint_item_id").asText();
            for (int i = 0; i < 100 && answer.status() == 400; i++) {
                Thread.sleep(20);
                Answer backup = stub.forward(new Request("GET", item, Map.of(), request.headers(), ""));
                if (backup.status() == 200 && backup.json().at("/checkpoint_item/status").asText().equals("available")) {
                    answer = stub.forward(request);
                }
            }
        }
        return answer;
    };

    /** The backups quota's used is 0 whatever the project holds. */
    static final Fault QUOTA_USED_COUNTS_NOTHING = (request, stub) -> {
        Answer answer = stub.forward(request);
        if (request.is("GET", "/quotas") && answer.status() == 200) {
            JsonNode json = answer.json();
            json.at("/quotas/resources").forEach(quota -> {
                if (quota.path("type").asText().equals("backups")) {
                    ((ObjectNode) quota).put("used", 0);
                }
            });
            return answer.withJson(json);
        }
        return answer;
    };

    /** Answers a backup capability check (check_protectable) under restorable, not protectable. */
    static final Fault CAPABILITY_UNDER_THE_OTHER_LIST = (request, stub) -> {
        Answer answer = stub.forward(request);
        if (request.is("POST", "/providers/[^/]+/resources/action") && answer.status() == 200 && answer.json().has("protectable")) {
            ObjectNode json = (ObjectNode) answer.json();
            json.set("restorable", json.remove("protectable"));
            return answer.withJson(json);
        }
        return answer;
    };

    static Answer error(int status, String code, String message) {
        ObjectNode body = MAPPER.createObjectNode().put("error_code", code).put("error_msg", message);
        return new Answer(status, JSON, body.toString());
    }

    private static void addField(JsonNode json) {
        if (json instanceof ObjectNode object) {
            List.copyOf(iterable(object)).forEach(Services::addField);
            object.put(json.has("error_code") ? "request_id" : "x_vendor_note", "not in the spec");
        } else if (json instanceof ArrayNode array) {
            array.forEach(Services::addField);
        }
    }

    private static List<JsonNode> iterable(ObjectNode object) {
        List<JsonNode> values = new ArrayList<>();
        object.elements().forEachRemaining(values::add);
        return values;
    }

    private static String notUuid(Pattern path, String requested) {
        Matcher id = path.matcher(requested);
        return id.matches() && !UUID.matcher(id.group(1)).matches() ? id.group(1) : null;
    }

    private static boolean unknownField(JsonNode object, Set<String> known) {
        if (!object.isObject()) {
            return false;
        }
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return !known.containsAll(names);
    }
}
