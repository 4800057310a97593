package com.example.csbs.contract.check;

import static com.example.csbs.contract.check.Checker.OTHER_PROJECT;
import static com.example.csbs.contract.check.Checker.OTHER_TOKEN;
import static com.example.csbs.contract.check.Checker.PROJECT;
import static com.example.csbs.contract.check.Checker.TOKEN;

import com.example.csbs.contract.check.WrongCsbs.Answer;
import com.example.csbs.contract.check.WrongCsbs.Fault;
import com.example.csbs.contract.check.WrongCsbs.Request;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Services made from the stub whose one fault is in what an answer means, not in its shape (see {@link WrongCsbs}):
 * a filter that leaves out what fits or lets in what does not, an order the spec does not give, one project seeing or
 * touching another's data, a state rule not kept. Each answers schema-valid JSON; only the checks of meaning see it.
 * The correct ones differ from the stub where the spec leaves room.
 */
final class WrongMeanings {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> PAGING = List.of("limit", "offset", "marker");
    private static final Pattern BACKUPS = Pattern.compile("/v1/([^/]+)/checkpoint_items");
    private static final Pattern COUNT = Pattern.compile("/v1/([^/]+)/checkpoint_items/count");
    private static final Pattern POLICIES = Pattern.compile("/v1/([^/]+)/policies");
    private static final Pattern ONE_BACKUP = Pattern.compile("/v1/([^/]+)/checkpoint_items/([0-9a-fA-F-]{36})");
    private static final Pattern ONE_POLICY = Pattern.compile("/v1/([^/]+)/policies/([0-9a-fA-F-]{36})");
    private static final Pattern ONE_CHECKPOINT = Pattern.compile("/v1/([^/]+)/providers/([^/]+)/checkpoints/([^/]+)");
    private static final Pattern EXECUTE = Pattern.compile("/v1/([^/]+)/providers/([^/]+)/checkpoints");
    private static final Pattern RESTORES = Pattern.compile("/v1/([^/]+)/restores");

    private WrongMeanings() {
    }

    // Filters: listBackups and countBackups agree with each other, and both are wrong.

    /** end_time leaves out a backup created exactly at it (the stub's own fault before issue 19: stored time finer than shown). */
    static final Fault END_TIME_EXCLUSIVE = filtering("end_time",
            (item, end) -> Semantics.isBefore(item.path("created_at").asText(), end));

    /** start_time leaves out a backup created exactly at it. */
    static final Fault START_TIME_EXCLUSIVE = filtering("start_time",
            (item, start) -> Semantics.isBefore(start, item.path("created_at").asText()));

    /** name matches a part of the name only in the same case. */
    static final Fault NAME_FILTER_CASE_SENSITIVE = filtering("name", (item, name) -> item.path("name").asText().contains(name));

    /** resource_name matches the whole backup object name only, not a part of it. */
    static final Fault RESOURCE_NAME_WHOLE_ONLY = filtering("resource_name",
            (item, name) -> item.at("/extend_info/resource_name").asText().equalsIgnoreCase(name));

    /** status leaves out the last backup in that status. */
    static final Fault STATUS_FILTER_DROPS_THE_LAST = (request, stub) -> {
        String status = request.query().get("status");
        if (status == null || !request.method().equals("GET") || !(BACKUPS.matcher(request.path()).matches()
                || COUNT.matcher(request.path()).matches())) {
            return stub.forward(request);
        }
        List<JsonNode> items = listed(request, stub);
        if (items == null) {
            return stub.forward(request);
        }
        items = items.subList(0, Math.max(0, items.size() - 1));
        return answerAs(request, stub, items);
    };

    /** ip matches the elastic IP only, not the private one. */
    static final Fault IP_FILTER_EIP_ONLY = filtering("ip", (item, ip) -> item.at("/backup_data/eip").asText().equals(ip));

    /** az is not applied, by the listing or the count. */
    static final Fault AZ_FILTER_IGNORED = ignoring("az");

    /** The count leaves checkpoint_id out (the listing applies it). */
    static final Fault COUNT_IGNORES_CHECKPOINT_ID = (request, stub) -> {
        if (request.method().equals("GET") && COUNT.matcher(request.path()).matches() && request.query().containsKey("checkpoint_id")) {
            Map<String, String> query = new LinkedHashMap<>(request.query());
            query.remove("checkpoint_id");
            return stub.forward(request.withQuery(query));
        }
        return stub.forward(request);
    };

    /** The policies' name filter matches a part of the name, where the spec says exact matching. */
    static final Fault POLICY_NAME_MATCHES_PARTS = (request, stub) -> {
        String name = request.query().get("name");
        if (name == null || !request.method().equals("GET") || !POLICIES.matcher(request.path()).matches()) {
            return stub.forward(request);
        }
        Map<String, String> query = new LinkedHashMap<>(request.query());
        query.remove("name");
        Answer answer = stub.forward(request.withQuery(query));
        if (answer.status() != 200) {
            return answer;
        }
        ObjectNode json = (ObjectNode) answer.json();
        ArrayNode kept = MAPPER.createArrayNode();
        json.path("policies").forEach(policy -> {
            if (policy.path("name").asText().contains(name)) {
                kept.add(policy);
            }
        });
        json.set("policies", kept);
        return answer.withJson(json);
    };

    /** policy_id is not applied by the listing. */
    static final Fault POLICY_ID_FILTER_IGNORED = (request, stub) -> {
        if (request.method().equals("GET") && BACKUPS.matcher(request.path()).matches() && request.query().containsKey("policy_id")) {
            Map<String, String> query = new LinkedHashMap<>(request.query());
            query.remove("policy_id");
            return stub.forward(request.withQuery(query));
        }
        return stub.forward(request);
    };

    // Order.

    /** Without sort, backups come oldest first. */
    static final Fault DEFAULT_ORDER_ASCENDING = reorderingBackups(query -> !query.containsKey("sort"),
            (items, query) -> reversed(items));

    /** Without sort, backups of the same created_at come in descending order of their ids. */
    static final Fault DEFAULT_TIES_BY_ID_DESCENDING = reorderingBackups(query -> !query.containsKey("sort"),
            (items, query) -> sorted(items, Comparator.comparing((JsonNode item) -> item.path("created_at").asText()).reversed()
                    .thenComparing(item -> item.path("id").asText(), Comparator.reverseOrder())));

    /** sort=name:asc answered in descending order. */
    static final Fault NAME_ASC_IGNORED = reorderingBackups(query -> "name:asc".equals(query.get("sort")),
            (items, query) -> sorted(items, Comparator.comparing((JsonNode item) -> item.path("name").asText()).reversed()));

    /** A key without direction sorts ascending, where the spec says descending. */
    static final Fault NO_DIRECTION_ASCENDING = reorderingBackups(query -> "created_at".equals(query.get("sort")),
            (items, query) -> sorted(items, Comparator.comparing((JsonNode item) -> item.path("created_at").asText())));

    /** sort=status answered in the order of the ids: equal statuses apart. */
    static final Fault STATUS_SORT_IGNORED = reorderingBackups(query -> query.getOrDefault("sort", "").startsWith("status"),
            (items, query) -> sorted(items, Comparator.comparing((JsonNode item) -> item.path("id").asText())));

    /** Without sort, policies come oldest first (pages cut from that order). */
    static final Fault POLICIES_DEFAULT_ORDER_ASCENDING = (request, stub) -> {
        if (!request.method().equals("GET") || !POLICIES.matcher(request.path()).matches() || request.query().containsKey("sort")) {
            return stub.forward(request);
        }
        Answer asked = stub.forward(request); // the stub's refusals (limit 0, an unknown marker) stand
        Map<String, String> query = new LinkedHashMap<>(request.query());
        query.keySet().removeAll(PAGING);
        Answer whole = asked.status() == 200 ? stub.forward(request.withQuery(query)) : asked;
        if (whole.status() != 200) {
            return asked;
        }
        return page(request, "policies", reversed(elements(whole.json().path("policies"))));
    };

    /** Correct: an explicit sort's ties (equal on every key asked for) come in descending order of their ids. */
    static final Fault EXPLICIT_SORT_TIES_BY_ID_DESCENDING = reorderingBackups(query -> query.containsKey("sort"),
            (items, query) -> tiesByIdDescending(items, query.get("sort")));

    // Isolation.

    /** A valid token is accepted on any project's paths: the token is checked, its project is not. */
    static final Fault TOKEN_NOT_MATCHED_TO_PROJECT = (request, stub) -> {
        if (OTHER_TOKEN.equals(request.headers().get("X-Auth-Token")) && request.path().startsWith("/v1/" + PROJECT + "/")) {
            return stub.forward(asProject(request, TOKEN));
        }
        return stub.forward(request);
    };

    /** A backup is found by its ID alone, whichever project's path asks. */
    static final Fault BACKUP_FOUND_IN_ANY_PROJECT = (request, stub) -> {
        Answer answer = stub.forward(request);
        Matcher backup = ONE_BACKUP.matcher(request.path());
        if (request.method().equals("GET") && backup.matches() && answer.status() == 404 && backup.group(1).equals(OTHER_PROJECT)) {
            return stub.forward(new Request("GET", "/v1/" + PROJECT + "/checkpoint_items/" + backup.group(2), Map.of(),
                    Map.of("X-Auth-Token", TOKEN), ""));
        }
        return answer;
    };

    /** A policy is found by its ID alone, whichever project's path asks. */
    static final Fault POLICY_FOUND_IN_ANY_PROJECT = (request, stub) -> {
        Answer answer = stub.forward(request);
        Matcher policy = ONE_POLICY.matcher(request.path());
        if (request.method().equals("GET") && policy.matches() && answer.status() == 404 && policy.group(1).equals(OTHER_PROJECT)) {
            return stub.forward(new Request("GET", "/v1/" + PROJECT + "/policies/" + policy.group(2), Map.of(),
                    Map.of("X-Auth-Token", TOKEN), ""));
        }
        return answer;
    };

    /** A listing by checkpoint_id answers that checkpoint's backups whichever project holds them. */
    static final Fault CHECKPOINT_FILTER_ACROSS_PROJECTS = (request, stub) -> {
        Answer answer = stub.forward(request);
        if (request.method().equals("GET") && BACKUPS.matcher(request.path()).matches() && request.path().contains(OTHER_PROJECT)
                && request.query().containsKey("checkpoint_id") && answer.status() == 200 && answer.json().path("checkpoint_items").isEmpty()) {
            return stub.forward(new Request("GET", "/v1/" + PROJECT + "/checkpoint_items", request.query(), Map.of("X-Auth-Token", TOKEN), ""));
        }
        return answer;
    };

    /** all_tenants=true is answered for any token, as the project's own listing. */
    static final Fault ALL_TENANTS_FOR_ANYONE = (request, stub) -> {
        if ("true".equals(request.query().get("all_tenants"))) {
            Map<String, String> query = new LinkedHashMap<>(request.query());
            query.remove("all_tenants");
            return stub.forward(request.withQuery(query));
        }
        return stub.forward(request);
    };

    /** A checkpoint is deleted by its ID alone, whichever project's path asks. */
    static final Fault DELETES_IN_ANY_PROJECT = (request, stub) -> {
        Answer answer = stub.forward(request);
        Matcher checkpoint = ONE_CHECKPOINT.matcher(request.path());
        if (request.method().equals("DELETE") && checkpoint.matches() && answer.status() == 404 && checkpoint.group(1).equals(OTHER_PROJECT)) {
            return stub.forward(new Request("DELETE", "/v1/" + PROJECT + "/providers/" + checkpoint.group(2) + "/checkpoints/"
                    + checkpoint.group(3), request.query(), Map.of("X-Auth-Token", TOKEN), ""));
        }
        return answer;
    };

    /** A policy is executed by its ID alone, whichever project's path asks. */
    static final Fault EXECUTES_IN_ANY_PROJECT = (request, stub) -> {
        Answer answer = stub.forward(request);
        Matcher execute = EXECUTE.matcher(request.path());
        if (request.method().equals("POST") && execute.matches() && answer.status() == 404 && execute.group(1).equals(OTHER_PROJECT)) {
            return stub.forward(new Request("POST", "/v1/" + PROJECT + "/providers/" + execute.group(2) + "/checkpoints", Map.of(),
                    Map.of("X-Auth-Token", TOKEN, "Content-Type", "application/json"), request.body()));
        }
        return answer;
    };

    // State rules.

    /** getBackup shows a backup in error as available (the listing shows error). */
    static final Fault GET_SHOWS_ERROR_AS_AVAILABLE = (request, stub) -> {
        Answer answer = stub.forward(request);
        if (request.method().equals("GET") && ONE_BACKUP.matcher(request.path()).matches() && answer.status() == 200
                && answer.json().at("/checkpoint_item/status").asText().equals("error")) {
            JsonNode json = answer.json();
            ((ObjectNode) json.path("checkpoint_item")).put("status", "available");
            return answer.withJson(json);
        }
        return answer;
    };

    /** A restoration of a backup in error is accepted (200), as if it were available. */
    static final Fault RESTORES_A_BACKUP_IN_ERROR = (request, stub) -> {
        Answer answer = stub.forward(request);
        if (request.method().equals("POST") && RESTORES.matcher(request.path()).matches() && answer.status() == 400
                && "CSBS.4000".equals(answer.json().path("error_code").asText())) {
            ObjectNode restore = MAPPER.createObjectNode();
            JsonNode asked = request.json().path("restore");
            restore.putObject("restore").put("id", UUID.randomUUID().toString()).put("project_id", PROJECT)
                    .put("provider_id", Checker.PROVIDER).put("checkpoint_id", asked.path("checkpoint_id").asText())
                    .put("status", "in_progress").set("parameters", asked.path("parameters"));
            return new Answer(200, Services.JSON, restore.toString());
        }
        return answer;
    };

    /** Deleted backups stay listed by their checkpoint (as they were), though getBackup answers 404. */
    static Fault deletedBackupsStayListed() {
        Map<String, List<JsonNode>> gone = new ConcurrentHashMap<>();
        return (request, stub) -> {
            Matcher checkpoint = ONE_CHECKPOINT.matcher(request.path());
            if (request.method().equals("DELETE") && checkpoint.matches() && request.query().isEmpty()) {
                Answer before = stub.forward(new Request("GET", "/v1/" + checkpoint.group(1) + "/checkpoint_items",
                        Map.of("checkpoint_id", checkpoint.group(3)), request.headers(), ""));
                Answer answer = stub.forward(request);
                if (answer.status() == 200 && before.status() == 200) {
                    gone.put(checkpoint.group(3).toLowerCase(Locale.ROOT), elements(before.json().path("checkpoint_items")));
                }
                return answer;
            }
            Answer answer = stub.forward(request);
            String asked = request.query().getOrDefault("checkpoint_id", "").toLowerCase(Locale.ROOT);
            if (request.method().equals("GET") && BACKUPS.matcher(request.path()).matches() && gone.containsKey(asked)
                    && answer.status() == 200 && answer.json().path("checkpoint_items").isEmpty()) {
                ObjectNode json = (ObjectNode) answer.json();
                json.set("checkpoint_items", MAPPER.valueToTree(gone.get(asked)));
                return answer.withJson(json);
            }
            return answer;
        };
    }

    /** A deleted policy stays listed (as it was), though getBackupPolicy answers 404. */
    static Fault deletedPoliciesStayListed() {
        Map<String, JsonNode> gone = new ConcurrentHashMap<>();
        return (request, stub) -> {
            Matcher policy = ONE_POLICY.matcher(request.path());
            if (request.method().equals("DELETE") && policy.matches()) {
                Answer before = stub.forward(new Request("GET", request.path(), Map.of(), request.headers(), ""));
                Answer answer = stub.forward(request);
                if (answer.status() == 200 && before.status() == 200) {
                    gone.put(policy.group(2), before.json().path("policy"));
                }
                return answer;
            }
            Answer answer = stub.forward(request);
            if (request.method().equals("GET") && POLICIES.matcher(request.path()).matches() && request.query().isEmpty()
                    && answer.status() == 200 && !gone.isEmpty()) {
                ObjectNode json = (ObjectNode) answer.json();
                gone.values().forEach(((ArrayNode) json.path("policies"))::add);
                return answer.withJson(json);
            }
            return answer;
        };
    }

    /** A policy with a server of another policy is created (200), the server in both. */
    static final Fault SERVER_IN_TWO_POLICIES = acceptingPolicyRefusal("CSBS.6004");

    /** A policy with the name of another policy is created (200). */
    static final Fault DUPLICATE_POLICY_NAME_ACCEPTED = acceptingPolicyRefusal("CSBS.9007");

    /** The deletion of a backup still being made is accepted (200), to happen later. */
    static final Fault DELETES_A_BACKUP_BEING_MADE = acceptingDeleteRefusal(true);

    /** A second deletion while the backups are being deleted is accepted (200). */
    static final Fault DELETES_A_BACKUP_BEING_DELETED = acceptingDeleteRefusal(false);

    // Helpers.

    /** The listing and the count keep, of what the stub answers without the filter, what the wrong rule keeps. */
    private static Fault filtering(String parameter, BiPredicate<JsonNode, String> keeps) {
        return (request, stub) -> {
            String value = request.query().get(parameter);
            if (value == null || !request.method().equals("GET") || !(BACKUPS.matcher(request.path()).matches()
                    || COUNT.matcher(request.path()).matches())) {
                return stub.forward(request);
            }
            Answer asked = stub.forward(request); // the stub's refusals (a bad value, limit 0) stand
            Map<String, String> query = new LinkedHashMap<>(request.query());
            query.remove(parameter);
            List<JsonNode> items = asked.status() == 200 ? listed(request.withQuery(query), stub) : null;
            if (items == null) {
                return asked;
            }
            return answerAs(request, stub, items.stream().filter(item -> keeps.test(item, value)).toList());
        };
    }

    private static Fault ignoring(String parameter) {
        return filtering(parameter, (item, value) -> true);
    }

    /** The backups the listing with this request's filters and sort answers (no paging), or null. */
    private static List<JsonNode> listed(Request request, WrongCsbs.Forwarder stub) throws IOException, InterruptedException {
        String path = request.path().endsWith("/count") ? request.path().substring(0, request.path().length() - "/count".length()) : request.path();
        Map<String, String> query = new LinkedHashMap<>(request.query());
        query.keySet().removeAll(PAGING);
        Answer answer = stub.forward(new Request("GET", path, query, request.headers(), ""));
        return answer.status() == 200 ? elements(answer.json().path("checkpoint_items")) : null;
    }

    /** These backups as the count, or as the listing's page that the request's marker, offset and limit ask for. */
    private static Answer answerAs(Request request, WrongCsbs.Forwarder stub, List<JsonNode> items) {
        if (request.path().endsWith("/count")) {
            return new Answer(200, Services.JSON, MAPPER.createObjectNode().put("count", items.size()).toString());
        }
        return page(request, "checkpoint_items", items);
    }

    /** The page of these items that the request's marker, offset and limit ask for, as the listing's answer. */
    private static Answer page(Request request, String field, List<JsonNode> items) {
        int from = 0;
        String marker = request.query().get("marker");
        if (marker != null) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).path("id").asText().equalsIgnoreCase(marker)) {
                    from = i + 1;
                }
            }
        }
        from = (int) Math.min(items.size(), from + Long.parseLong(request.query().getOrDefault("offset", "0")));
        int to = (int) Math.min(items.size(), from + Long.parseLong(request.query().getOrDefault("limit", "1000")));
        ObjectNode json = MAPPER.createObjectNode();
        json.set(field, MAPPER.valueToTree(items.subList(from, to)));
        return new Answer(200, Services.JSON, json.toString());
    }

    private interface Reorder {
        List<JsonNode> apply(List<JsonNode> items, Map<String, String> query);
    }

    /** A backup listing whose query fits, answered in another order (its pages cut from the reordered whole). */
    private static Fault reorderingBackups(java.util.function.Predicate<Map<String, String>> when, Reorder reorder) {
        return (request, stub) -> {
            if (!request.method().equals("GET") || !BACKUPS.matcher(request.path()).matches() || !when.test(request.query())) {
                return stub.forward(request);
            }
            Answer asked = stub.forward(request); // the stub's refusals (limit 0, an unknown marker) stand
            List<JsonNode> items = asked.status() == 200 ? listed(request, stub) : null;
            return items == null ? asked : answerAs(request, stub, reorder.apply(items, request.query()));
        };
    }

    /** Runs of items equal on every key of the sort reordered by id, descending. */
    private static List<JsonNode> tiesByIdDescending(List<JsonNode> items, String sort) {
        List<String> fields = new ArrayList<>();
        for (String key : sort.split(",")) {
            String name = key.split(":")[0];
            fields.add(name.equals("protected_at") ? "created_at" : name);
        }
        List<JsonNode> result = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= items.size(); i++) {
            if (i == items.size() || !sameOn(items.get(start), items.get(i), fields)) {
                result.addAll(sorted(items.subList(start, i), Comparator.comparing((JsonNode item) -> item.path("id").asText()).reversed()));
                start = i;
            }
        }
        return result;
    }

    private static boolean sameOn(JsonNode one, JsonNode other, List<String> fields) {
        return fields.stream().allMatch(field -> one.path(field).asText().equals(other.path(field).asText()));
    }

    private static Fault acceptingPolicyRefusal(String errorCode) {
        return (request, stub) -> {
            Answer answer = stub.forward(request);
            if (request.method().equals("POST") && POLICIES.matcher(request.path()).matches() && answer.status() == 400
                    && errorCode.equals(answer.json().path("error_code").asText())) {
                ObjectNode policy = ((ObjectNode) request.json().path("policy")).deepCopy();
                policy.put("id", UUID.randomUUID().toString()).put("project_id", PROJECT);
                ObjectNode json = MAPPER.createObjectNode();
                json.set("policy", policy);
                return new Answer(200, Services.JSON, json.toString());
            }
            return answer;
        };
    }

    private static Fault acceptingDeleteRefusal(boolean oneBackup) {
        return (request, stub) -> {
            Answer answer = stub.forward(request);
            if (request.method().equals("DELETE") && ONE_CHECKPOINT.matcher(request.path()).matches()
                    && request.query().containsKey("checkpoint_items") == oneBackup && answer.status() == 400
                    && "CSBS.2003".equals(answer.json().path("error_code").asText())) {
                return new Answer(200, Services.JSON, "{}");
            }
            return answer;
        };
    }

    private static Request asProject(Request request, String token) {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.put("X-Auth-Token", token);
        return new Request(request.method(), request.path(), request.query(), headers, request.body());
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static List<JsonNode> reversed(List<JsonNode> items) {
        List<JsonNode> reversed = new ArrayList<>(items);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    private static List<JsonNode> sorted(List<JsonNode> items, Comparator<JsonNode> order) {
        return items.stream().sorted(order).toList();
    }
}
