package com.example.csbs.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * What the spec says an answer means, beyond its schema, checked on one answer: the requested object is the one
 * answered, project_id echoes the path, a listing holds only what its filters ask for, at most limit items, each
 * once, in the order a time sort key asks for. Only what the spec states: the order of an unsorted listing, other
 * sort keys (their collation), fields the spec does not name are left alone.
 */
final class Semantics {

    /** The default page size, as the pages state it. */
    static final int DEFAULT_LIMIT = 1000;

    /** A filter of Querying All Backups (and of the count) and what it asks of a backup, as the spec states it. */
    private record Filter(String parameter, String field, String how, BiPredicate<String, String> matches) {
    }

    private static final List<Filter> BACKUP_FILTERS = List.of(
            new Filter("status", "/status", "is not", String::equals),
            new Filter("name", "/name", "does not contain (ignoring case)", Semantics::containsIgnoringCase),
            new Filter("resource_name", "/extend_info/resource_name", "does not contain (ignoring case)", Semantics::containsIgnoringCase),
            new Filter("resource_id", "/resource_id", "is not", String::equalsIgnoreCase),
            new Filter("checkpoint_id", "/checkpoint_id", "is not", String::equalsIgnoreCase),
            new Filter("resource_type", "/resource_type", "is not", String::equals),
            new Filter("start_time", "/created_at", "is before", (created, start) -> !isBefore(created, start)),
            new Filter("end_time", "/created_at", "is after", (created, end) -> !isBefore(end, created)));

    private static final List<Filter> POLICY_FILTERS = List.of(
            new Filter("name", "/name", "is not", String::equals));

    private Semantics() {
    }

    /** What is wrong with a 200 to a valid request, by what the spec says of the operation. */
    static List<String> of(String operationId, Call call, JsonNode answer, String project, Map<String, String> pathValues) {
        List<String> problems = new ArrayList<>();
        Map<String, String> query = call.query();
        switch (operationId) {
            case "listBackups" -> listing(answer.path("checkpoint_items"), "checkpoint_items", query, BACKUP_FILTERS,
                    List.of("created_at", "updated_at"), problems);
            case "listBackupPolicies" -> {
                listing(answer.path("policies"), "policies", query, POLICY_FILTERS, List.of("created_at"), problems);
                if (!"true".equals(query.get("all_tenants"))) {
                    JsonNode policies = answer.path("policies");
                    for (int i = 0; i < policies.size(); i++) {
                        projectEcho(policies.get(i).path("project_id"), "policies[" + i + "].project_id", project, problems);
                    }
                }
            }
            case "getBackup" -> idEcho(answer.at("/checkpoint_item/id"), "checkpoint_item.id", pathValues.get("checkpoint_item_id"), problems);
            case "getBackupPolicy" -> {
                idEcho(answer.at("/policy/id"), "policy.id", pathValues.get("policy_id"), problems);
                projectEcho(answer.at("/policy/project_id"), "policy.project_id", project, problems);
            }
            case "createBackupPolicy", "updateBackupPolicy" -> {
                JsonNode asked = body(call).path("policy");
                JsonNode policy = answer.path("policy");
                idEcho(policy.path("id"), "policy.id", pathValues.get("policy_id"), problems);
                projectEcho(policy.path("project_id"), "policy.project_id", project, problems);
                for (String field : List.of("name", "description")) {
                    if (asked.path(field).isTextual()) {
                        textEcho(policy.path(field), "policy." + field, asked.path(field).asText(), problems);
                    }
                }
            }
            case "checkResourceCapability" -> capability(body(call), answer, problems);
            case "createRestoration" -> {
                JsonNode asked = body(call).path("restore");
                JsonNode restore = answer.path("restore");
                projectEcho(restore.path("project_id"), "restore.project_id", project, problems);
                idEcho(restore.path("checkpoint_id"), "restore.checkpoint_id", asked.path("checkpoint_id").asText(null), problems);
                idEcho(restore.at("/parameters/checkpoint_item_id"), "restore.parameters.checkpoint_item_id",
                        asked.at("/parameters/checkpoint_item_id").asText(null), problems);
            }
            case "listQuotas" -> {
                Map<String, Integer> seen = new HashMap<>();
                JsonNode resources = answer.at("/quotas/resources");
                for (int i = 0; i < resources.size(); i++) {
                    Integer before = seen.putIfAbsent(resources.get(i).path("type").asText(), i);
                    if (before != null) {
                        problems.add("quotas.resources[" + i + "] repeats the type " + resources.get(i).path("type").asText()
                                + " of quotas.resources[" + before + "]");
                    }
                }
            }
            default -> {
                // countBackups: against its listing (Consistency); deleteBackup, deleteBackupPolicy: the schema's to say;
                // backupResource: ofCheckpoint, by the lifecycle that knows the resource
            }
        }
        return problems;
    }

    /** The checkpoint an execution answers: the path's project, the requested plan, exactly the resources backed up. */
    static List<String> ofCheckpoint(JsonNode checkpoint, String project, String planId, List<String> resourceIds) {
        List<String> problems = new ArrayList<>();
        projectEcho(checkpoint.path("project_id"), "checkpoint.project_id", project, problems);
        idEcho(checkpoint.path("protection_plan").path("id"), "checkpoint.protection_plan.id", planId, problems);
        JsonNode resources = checkpoint.path("protection_plan").path("resources");
        if (resources.isArray()) {
            List<String> backedUp = new ArrayList<>();
            resources.forEach(resource -> backedUp.add(resource.path("id").asText().toLowerCase(Locale.ROOT)));
            List<String> expected = resourceIds.stream().map(id -> id.toLowerCase(Locale.ROOT)).sorted().toList();
            if (!backedUp.stream().sorted().toList().equals(expected)) {
                problems.add("checkpoint.protection_plan.resources have the ids " + backedUp.stream().sorted().toList()
                        + ", expected the requested " + expected);
            }
        }
        return problems;
    }

    /**
     * The answer of a capability check: the list that answers the one asked (protectable for check_protectable,
     * restorable for check_restorable), one result per entry asked, the resources asked for protection named in it,
     * and a refusal saying why (its error_code).
     */
    static void capability(JsonNode asked, JsonNode answer, List<String> problems) {
        boolean protectable = asked.has("check_protectable");
        String askedList = protectable ? "check_protectable" : "check_restorable";
        String answerList = protectable ? "protectable" : "restorable";
        String otherList = protectable ? "restorable" : "protectable";
        JsonNode results = answer.path(answerList);
        if (!results.isArray()) {
            problems.add("no " + answerList + " list answers " + askedList + " (the answer has "
                    + (answer.has(otherList) ? otherList : "neither") + ")");
            return;
        }
        if (answer.has(otherList)) {
            problems.add("the answer to " + askedList + " has " + otherList + " too");
        }
        JsonNode entries = asked.path(askedList);
        if (results.size() != entries.size()) {
            problems.add(answerList + " has " + results.size() + " results for the " + entries.size() + " entries of " + askedList);
        }
        if (protectable) {
            List<String> askedIds = new ArrayList<>();
            entries.forEach(entry -> askedIds.add(entry.path("resource_id").asText().toLowerCase(Locale.ROOT)));
            List<String> answeredIds = new ArrayList<>();
            results.forEach(result -> answeredIds.add(result.path("resource_id").asText().toLowerCase(Locale.ROOT)));
            if (!askedIds.stream().sorted().toList().equals(answeredIds.stream().sorted().toList())) {
                problems.add("protectable names the resources " + answeredIds + ", expected the ones asked, " + askedIds);
            }
        }
        for (int i = 0; i < results.size(); i++) {
            JsonNode result = results.get(i);
            if (result.path("result").isBoolean() && !result.path("result").asBoolean() && result.path("error_code").asText("").isBlank()) {
                problems.add(answerList + "[" + i + "] is refused (result false) without an error_code");
            }
        }
    }

    private static JsonNode body(Call call) {
        JsonNode body = Judge.parse(call.body());
        return body == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : body;
    }

    private static void textEcho(JsonNode actual, String field, String expected, List<String> problems) {
        if (actual.isTextual() && !actual.asText().equals(expected)) {
            problems.add(field + " is \"" + actual.asText() + "\", expected the requested \"" + expected + "\"");
        }
    }

    private static void listing(JsonNode items, String field, Map<String, String> query, List<Filter> filters,
                                List<String> timeKeys, List<String> problems) {
        if (!items.isArray()) {
            return; // the validator's to report
        }
        long limit = limit(query);
        if (items.size() > limit) {
            problems.add(items.size() + " " + field + ", more than " + (query.containsKey("limit") ? "limit=" + limit
                    : "the default limit " + DEFAULT_LIMIT));
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String id = item.path("id").asText();
            Integer before = seen.putIfAbsent(id.toLowerCase(Locale.ROOT), i);
            if (before != null) {
                problems.add(field + "[" + i + "] repeats the id " + id + " of " + field + "[" + before + "]");
            }
            for (Filter filter : filters) {
                String wanted = query.get(filter.parameter());
                JsonNode value = item.at(filter.field());
                if (wanted != null && value.isTextual() && !filter.matches().test(value.asText(), wanted)) {
                    problems.add(field + "[" + i + "] (id " + id + ") has " + filter.field().substring(1).replace('/', '.')
                            + " \"" + value.asText() + "\", which " + filter.how() + " " + filter.parameter() + "=" + wanted);
                }
            }
        }
        sortedByTime(items, field, query.get("sort"), timeKeys, problems);
    }

    /** Where the first sort key is a time, consecutive items must be in its order (ties are the other keys' to break). */
    private static void sortedByTime(JsonNode items, String field, String sort, List<String> timeKeys, List<String> problems) {
        if (sort == null || sort.isEmpty()) {
            return;
        }
        String[] first = sort.split(",")[0].split(":");
        if (!timeKeys.contains(first[0])) {
            return;
        }
        boolean ascending = first.length > 1 && first[1].equals("asc");
        for (int i = 1; i < items.size(); i++) {
            String earlier = items.get(i - 1).path(first[0]).asText();
            String later = items.get(i).path(first[0]).asText();
            if (parses(earlier) && parses(later) && (ascending ? isBefore(later, earlier) : isBefore(earlier, later))) {
                problems.add(field + "[" + (i - 1) + "] (" + first[0] + " " + earlier + ") comes before " + field + "[" + i + "] ("
                        + first[0] + " " + later + "), but sort=" + sort);
                return;
            }
        }
    }

    static long limit(Map<String, String> query) {
        try {
            return query.containsKey("limit") ? Long.parseLong(query.get("limit")) : DEFAULT_LIMIT;
        } catch (NumberFormatException e) {
            return DEFAULT_LIMIT;
        }
    }

    private static void projectEcho(JsonNode actual, String field, String project, List<String> problems) {
        if (actual.isTextual() && !actual.asText().equals(project)) {
            problems.add(field + " is " + actual.asText() + ", expected the project of the path, " + project);
        }
    }

    // Missing or mistyped fields are the validator's to report; this only compares values. IDs are UUIDs: any case.
    private static void idEcho(JsonNode actual, String field, String expected, List<String> problems) {
        if (actual.isTextual() && expected != null && !actual.asText().equalsIgnoreCase(expected)) {
            problems.add(field + " is " + actual.asText() + ", expected the requested " + expected);
        }
    }

    private static boolean containsIgnoringCase(String text, String part) {
        return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    /** Timestamps as the spec writes them (no offset); a value that is not one is the validator's to report. */
    static boolean isBefore(String time, String other) {
        return parses(time) && parses(other) && LocalDateTime.parse(time).isBefore(LocalDateTime.parse(other));
    }

    static boolean parses(String time) {
        try {
            LocalDateTime.parse(time);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
