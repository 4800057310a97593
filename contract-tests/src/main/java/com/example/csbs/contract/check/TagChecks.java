package com.example.csbs.contract.check;

import com.example.csbs.contract.CsbsSpec;
import com.example.csbs.contract.check.CheckRun.Judged;
import com.example.csbs.contract.check.ServiceClient.NoResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Tag management, for backup policies and backups alike (the two kinds share one pattern): the pages' reading
 * requests and documented errors; the project's tag list derived from what the resources carry; every criterion of
 * the query by tags (tags, tags_any, not_tags, not_tags_any, matches) answering exactly the resources it keeps, each
 * with its tags, and total_count their number. With --lifecycle, on the run's own policy and backup: a tag added,
 * overwritten, batch-created and batch-deleted, the eleventh refused (400 CSBS.7000), a missing key's removal 404
 * CSBS.7001, the key "action" removed by DELETE .../tags/action, and a deleted resource's tags gone from the
 * project's list and the query.
 */
final class TagChecks {

    static final String GROUP = "tags";
    private static final ObjectMapper JSON = new ObjectMapper();
    // The query answers at most 1,000; a project with more of a kind is not judged whole.
    private static final int MOST = 200;

    /** One kind of tagged resource and its operations. */
    record Kind(String name, String add, String batch, String delete, String list, String listProject, String query,
                String notFoundExample) {

        String plural() {
            return name.equals("policy") ? "policies" : "backups";
        }
    }

    static final Kind POLICY = new Kind("policy", "addPolicyTag", "batchUpdatePolicyTags", "deletePolicyTag", "listPolicyTags",
            "listProjectPolicyTags", "queryPoliciesByTags", "plan_not_found");
    static final Kind BACKUP = new Kind("backup", "addBackupTag", "batchUpdateBackupTags", "deleteBackupTag", "listBackupTags",
            "listProjectBackupTags", "queryBackupsByTags", "checkpoint_item_not_found");

    /** A criterion of the query and its rule in the spec's words. */
    private record Criterion(String field, String rule, BiPredicate<Map<String, String>, List<JsonNode>> keeps) {
    }

    private static final List<Criterion> CRITERIA = List.of(
            new Criterion("tags", "a resource matches when it has every entry of tags", (tags, entries) ->
                    entries.stream().allMatch(entry -> has(tags, entry))),
            new Criterion("tags_any", "a resource matches when it has at least one of tags_any", (tags, entries) ->
                    entries.stream().anyMatch(entry -> has(tags, entry))),
            new Criterion("not_tags", "a resource matches when it has not every entry of not_tags (it is left out only when it has"
                    + " them all)", (tags, entries) -> !entries.stream().allMatch(entry -> has(tags, entry))),
            new Criterion("not_tags_any", "a resource matches when it has none of not_tags_any", (tags, entries) ->
                    entries.stream().noneMatch(entry -> has(tags, entry))));

    private final CheckRun run;
    private final Kind kind;
    // What the project holds of this kind, read once for all the reading checks (nothing changes it between them).
    private Map<String, String> names;
    private Map<String, Map<String, String>> carried;

    private TagChecks(CheckRun run, Kind kind) {
        this.run = run;
        this.kind = kind;
    }

    /** The reading checks, for both kinds. */
    static void read(CheckRun run) throws InterruptedException {
        for (Kind kind : List.of(POLICY, BACKUP)) {
            TagChecks checks = new TagChecks(run, kind);
            checks.examples();
            checks.projectTags();
            for (Criterion criterion : CRITERIA) {
                checks.query(criterion);
            }
            checks.queryByName();
            checks.errorCases();
        }
    }

    // Reading.

    private void examples() throws InterruptedException {
        run.check(GROUP, kind.list() + ": page example " + run.spec.exampleRequests(kind.list()).get(0), "200, each key once", findings -> {
            String id = heldIds().stream().findFirst().orElse(null);
            if (id == null) {
                findings.skip("the project holds no " + kind.name() + " to ask for");
            }
            Judged judged = listTags(findings, id);
            if (judged.ok(200)) {
                uniqueKeys(findings, judged.exchange(), judged.json().path("tags"));
            }
        });
    }

    /** The project's tags are those its resources carry: each key once with each of its values once, nothing else. */
    private void projectTags() throws InterruptedException {
        String rule = "derived from what exists: every key that a " + kind.name() + " of the project has now, once, with every value"
                + " it has on any of them";
        run.check(GROUP, kind.listProject() + ": page example " + run.spec.exampleRequests(kind.listProject()).get(0),
                "200, the keys and values the " + kind.plural() + " carry", findings -> {
                    Judged judged = run.sendValid(findings::send, kind.listProject(), run.service.get(run.path(kind.listProject(),
                            Map.of()), Map.of()), Map.of("project_id", run.project()), Expected.status(200));
                    findings.problems(judged.exchange(), judged.problems());
                    if (!judged.ok(200)) {
                        return;
                    }
                    Map<String, Set<String>> listed = new LinkedHashMap<>();
                    for (JsonNode tag : judged.json().path("tags")) {
                        Set<String> values = new LinkedHashSet<>();
                        tag.path("values").forEach(value -> {
                            if (!values.add(value.asText())) {
                                findings.problem(judged.exchange(), "the key " + tag.path("key").asText() + " lists the value "
                                        + value.asText() + " twice: " + rule);
                            }
                        });
                        if (listed.put(tag.path("key").asText(), values) != null) {
                            findings.problem(judged.exchange(), "the key " + tag.path("key").asText() + " is listed twice: " + rule);
                        }
                    }
                    Map<String, Map<String, String>> carried = carried(findings);
                    if (carried == null) {
                        findings.skip("the project holds more than " + MOST + " " + kind.plural() + ": not judged whole");
                    }
                    Map<String, Set<String>> expected = new LinkedHashMap<>();
                    carried.values().forEach(tags -> tags.forEach((key, value) ->
                            expected.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(value)));
                    if (!expected.equals(listed)) {
                        findings.problem(judged.exchange(), "the project's " + kind.name() + " tags are " + listed + ", but its "
                                + kind.plural() + " carry " + expected + ": " + rule);
                    }
                });
    }

    /** One criterion of the query by tags, by a tag the project's resources carry: filter and count. */
    private void query(Criterion criterion) throws InterruptedException {
        run.check(GROUP, kind.query() + ": " + criterion.field(), "the " + kind.plural() + " it keeps, each with its tags;"
                + " total_count their number", findings -> {
            Map<String, Map<String, String>> carried = carried(findings);
            if (carried == null) {
                findings.skip("the project holds more than " + MOST + " " + kind.plural() + ": not judged whole");
            }
            // Up to two keys the resources carry, each with a value it has: AND and OR differ where no resource has both.
            Map<String, String> asked = new LinkedHashMap<>();
            carried.values().forEach(tags -> tags.forEach((key, value) -> {
                if (asked.size() < 2) {
                    asked.putIfAbsent(key, value);
                }
            }));
            if (asked.isEmpty()) {
                findings.skip("no " + kind.name() + " of the project carries a tag" + (run.options.lifecycle() ? "" : " (--lifecycle tags its own)"));
            }
            List<JsonNode> entries = new ArrayList<>();
            asked.forEach((key, value) -> {
                ObjectNode entry = JSON.createObjectNode().put("key", key);
                entry.putArray("values").add(value);
                entries.add(entry);
            });
            List<String> expected = carried.entrySet().stream().filter(resource -> criterion.keeps().test(resource.getValue(), entries))
                    .map(Map.Entry::getKey).toList();
            ObjectNode body = JSON.createObjectNode().put("action", "filter");
            body.putArray(criterion.field()).addAll(entries);
            judgeQuery(findings, body, expected, carried, criterion.field() + " " + entries + ": " + criterion.rule());
        });
    }

    /** matches resource_name: the names that contain the value, ignoring case. */
    private void queryByName() throws InterruptedException {
        String rule = "a non-empty value matches the names that contain it, ignoring case";
        run.check(GROUP, kind.query() + ": matches", "the " + kind.plural() + " whose name contains the value; total_count their"
                + " number", findings -> {
            Map<String, Map<String, String>> carried = carried(findings);
            if (carried == null) {
                findings.skip("the project holds more than " + MOST + " " + kind.plural() + ": not judged whole");
            }
            Map<String, String> names = names(findings);
            String name = names.values().stream().filter(value -> value.length() > 2).findFirst().orElse(null);
            if (name == null) {
                findings.skip("the project holds no " + kind.name() + " with a name of three characters or more");
            }
            String part = name.substring(1, name.length() - 1).toUpperCase(Locale.ROOT);
            List<String> expected = names.entrySet().stream().filter(one -> one.getValue().toLowerCase(Locale.ROOT)
                    .contains(part.toLowerCase(Locale.ROOT))).map(Map.Entry::getKey).toList();
            ObjectNode body = JSON.createObjectNode().put("action", "filter");
            body.putArray("matches").addObject().put("key", "resource_name").put("value", part);
            judgeQuery(findings, body, expected, carried, "matches resource_name " + part + ": " + rule);
        });
    }

    /** Sends the filter (and the same as count) and compares with what the rule keeps of the project's resources. */
    private void judgeQuery(Findings findings, ObjectNode filter, List<String> expected, Map<String, Map<String, String>> carried,
                            String rule) throws NoResponseException, InterruptedException {
        Judged filtered = run.sendValid(findings::send, kind.query(), run.service.post(run.path(kind.query(), Map.of()), filter.toString()),
                Map.of("project_id", run.project()), Expected.status(200));
        findings.problems(filtered.exchange(), filtered.problems());
        if (filtered.ok(200)) {
            List<String> answered = new ArrayList<>();
            for (JsonNode resource : filtered.json().path("resources")) {
                String id = resource.path("resource_id").asText().toLowerCase(Locale.ROOT);
                answered.add(id);
                Map<String, String> tags = tags(resource.path("tags"));
                if (carried.containsKey(id) && !tags.equals(carried.get(id))) {
                    findings.problem(filtered.exchange(), "the " + kind.name() + " " + id + " is answered with the tags " + tags
                            + ", but carries " + carried.get(id));
                }
            }
            List<String> missing = expected.stream().filter(id -> !answered.contains(id)).toList();
            List<String> extra = answered.stream().filter(id -> !expected.contains(id)).toList();
            if (!missing.isEmpty()) {
                findings.problem(filtered.exchange(), "the filter leaves out " + Listings.shown(missing) + ", which the rule keeps: " + rule);
            }
            if (!extra.isEmpty()) {
                findings.problem(filtered.exchange(), "the filter answers " + Listings.shown(extra) + ", which the rule leaves out: " + rule);
            }
            if (filtered.json().path("total_count").asLong(-1) != expected.size()) {
                findings.problem(filtered.exchange(), "total_count is " + filtered.json().path("total_count").asText() + ", but "
                        + expected.size() + " " + kind.plural() + " match: " + rule);
            }
        }
        ObjectNode count = filter.deepCopy().put("action", "count");
        Judged counted = run.sendValid(findings::send, kind.query(), run.service.post(run.path(kind.query(), Map.of()), count.toString()),
                Map.of("project_id", run.project()), Expected.status(200));
        findings.problems(counted.exchange(), counted.problems());
        if (counted.ok(200) && counted.json().path("total_count").asLong(-1) != expected.size()) {
            findings.problem(counted.exchange(), "count's total_count is " + counted.json().path("total_count").asText() + ", but "
                    + expected.size() + " " + kind.plural() + " match: " + rule);
        }
    }

    /** The documented errors of a resource that does not exist (every operation on one resource) and of no token. */
    private void errorCases() throws InterruptedException {
        String unknown = run.randomUuid();
        Expected notFound = Expected.error(404, run.spec.documentedErrorCode(kind.list(), 404, kind.notFoundExample()))
                .because("the " + kind.name() + " does not exist");
        ObjectNode add = JSON.createObjectNode();
        add.putObject("tag").put("key", "csbs-contract-check").put("value", "unknown");
        ObjectNode batch = JSON.createObjectNode().put("action", "create");
        batch.putArray("tags").addObject().put("key", "csbs-contract-check").put("value", "unknown");
        Map<String, String> path = Map.of("resource_id", unknown, "key", "csbs-contract-check");
        errorCase(kind.list(), "unknown " + kind.name(), notFound, run.service.get(run.path(kind.list(), path), Map.of()));
        errorCase(kind.add(), "unknown " + kind.name(), notFound, run.service.post(run.path(kind.add(), path), add.toString()));
        errorCase(kind.batch(), "unknown " + kind.name(), notFound, run.service.post(run.path(kind.batch(), path), batch.toString()));
        errorCase(kind.delete(), "unknown " + kind.name(), notFound, run.service.delete(run.path(kind.delete(), path), Map.of()));
        errorCase(kind.listProject(), "missing X-Auth-Token", Expected.error(401, run.spec.documentedErrorCode(kind.listProject(), 401,
                "token_invalid")), run.service.get(run.path(kind.listProject(), Map.of()), Map.of()).withoutHeader(Call.TOKEN_HEADER));
        errorCase(kind.query(), "malformed JSON", Expected.error(400, run.spec.documentedErrorCode(kind.query(), 400,
                "query_invalid")), run.service.post(run.path(kind.query(), Map.of()), "{\"action\": "));
    }

    private void errorCase(String operationId, String what, Expected expected, Call call) throws InterruptedException {
        run.check(DocumentedChecks.GROUP, operationId + ": " + what, expected.describe(), findings -> {
            Exchange exchange = findings.send(call);
            List<String> problems = new ArrayList<>();
            // A request wrong on purpose (no token, no JSON) is not validated itself; the others are.
            run.judge.judge(exchange, expected, what.startsWith("unknown"), problems);
            findings.problems(exchange, problems);
        });
    }

    // With --lifecycle: on the run's own resources.

    /** Tags the run's own policy and backup, and checks each rule of adding and removing; their tags stay for the reads. */
    static void lifecycle(CheckRun run, Fixture fixture) throws InterruptedException {
        String backup = fixture.backupIds().stream().findFirst().orElse(null);
        TagChecks backups = new TagChecks(run, BACKUP);
        backups.changes(backup, backup == null ? "the run made no backup" : null);
        // A second key on another backup: the query's AND and OR then answer differently.
        String other = fixture.backupIds().stream().skip(1).findFirst().orElse(null);
        backups.change("a second key on another backup", "204, then listed", other == null ? "the run made one backup only" : null,
                findings -> {
                    String key = LifecycleChecks.runName(run).replace("csbs-contract-check-", "ck-") + "-other";
                    backups.expect204(findings, run.service.post(run.path(BACKUP.add(), Map.of("resource_id", other)), addBody(key, "x")));
                    backups.expectTags(findings, other, Map.of(key, "x"), "a tag added is the resource's");
                });
        String[] policy = new String[1];
        run.check(GROUP, "createBackupPolicy: a policy of the run's own to tag", "200", findings -> {
            ObjectNode body = run.spec.requestExample("createBackupPolicy", null);
            ((ObjectNode) body.path("policy")).put("name", LifecycleChecks.runName(run) + "-tagged").putArray("resources");
            Exchange exchange = findings.send(run.service.post(run.path("createBackupPolicy", Map.of()), body.toString()));
            List<String> problems = new ArrayList<>();
            run.judge.judge(exchange, Expected.status(200), true, problems);
            findings.problems(exchange, problems);
            // Made with any 2xx (a wrong service may answer another), found by its name where the answer lacks its id:
            // the run's either way, tagged and deleted.
            JsonNode made = Judge.parse(exchange.body());
            if (exchange.status() / 100 == 2) {
                policy[0] = made != null && made.at("/policy/id").isTextual() ? made.at("/policy/id").asText()
                        : PolicyLifecycle.policyNamed(run, findings, body.at("/policy/name").asText());
            }
            if (policy[0] != null) {
                run.createdPolicies.add(policy[0]);
            }
        });
        TagChecks policies = new TagChecks(run, POLICY);
        policies.changes(policy[0], policy[0] == null ? "the run created no policy" : null);
        policies.goneWithItsResource(policy[0]);
    }

    /** Every rule of changing one resource's tags, each its own check; the resource keeps one tag of the run's. */
    private void changes(String id, String skipped) throws InterruptedException {
        String key = LifecycleChecks.runName(run).replace("csbs-contract-check-", "ck-");
        String tagsPath = id == null ? null : run.path(kind.add(), Map.of("resource_id", id));
        change("a tag on the run's " + kind.name(), "204, then listed, in the project's tags and found by it", skipped, findings -> {
            expect204(findings, run.service.post(tagsPath, addBody(key, "one")));
            expectTags(findings, id, Map.of(key, "one"), "a tag added is the resource's");
            Judged project = run.sendValid(findings::send, kind.listProject(), run.service.get(run.path(kind.listProject(), Map.of()),
                    Map.of()), Map.of("project_id", run.project()), Expected.status(200));
            findings.problems(project.exchange(), project.problems());
            if (project.ok(200) && !hasProjectTag(project.json(), key, "one")) {
                findings.problem(project.exchange(), "the project's tags lack " + key + "=one, which its " + kind.name() + " " + id
                        + " carries");
            }
        });
        change("the same key again", "204, its value replaced, still one tag", skipped, findings -> {
            expect204(findings, run.service.post(tagsPath, addBody(key, "two")));
            expectTags(findings, id, Map.of(key, "two"), "a tag with the key of an existing tag overwrites it");
        });
        change("batch create and delete", "204 each, the tags as asked; deleting a tag not there is no error", skipped, findings -> {
            expect204(findings, run.service.post(run.path(kind.batch(), Map.of("resource_id", id)), batchBody("create",
                    Map.of(key + "-a", "a", key + "-b", "b"))));
            expectTags(findings, id, Map.of(key, "two", key + "-a", "a", key + "-b", "b"), "batch create adds each tag");
            expect204(findings, run.service.post(run.path(kind.batch(), Map.of("resource_id", id)), batchBody("delete",
                    Map.of(key + "-a", "a", key + "-b", "b", key + "-missing", "x"))));
            expectTags(findings, id, Map.of(key, "two"), "batch delete removes each tag given; tags that do not exist are ignored");
        });
        Expected missing = Expected.error(404, run.spec.documentedErrorCode(kind.delete(), 404, "tag_not_found"))
                .because("deleting a nonexistent tag is answered with 404");
        change("removing a key that is not there", missing.describe() + ", nothing changed", skipped, findings -> {
            Exchange exchange = findings.send(run.service.delete(run.path(kind.delete(), Map.of("resource_id", id, "key", key + "-missing")),
                    Map.of()));
            List<String> problems = new ArrayList<>();
            run.judge.judge(exchange, missing, true, problems);
            findings.problems(exchange, problems);
            expectTags(findings, id, Map.of(key, "two"), "a refused removal changes nothing");
        });
        Expected overLimit = Expected.error(400, run.spec.documentedErrorCode(kind.add(), 400, "tags_over_limit"))
                .because("a resource can have up to 10 tags");
        change("an eleventh tag", overLimit.describe() + ", nothing added", skipped, findings -> {
            Map<String, String> ten = new LinkedHashMap<>();
            ten.put(key, "two");
            for (int i = 1; i < 10; i++) {
                ten.put(key + "-" + i, "v" + i);
            }
            expect204(findings, run.service.post(run.path(kind.batch(), Map.of("resource_id", id)), batchBody("create", ten)));
            Exchange eleventh = findings.send(run.service.post(tagsPath, addBody(key + "-11", "v11")));
            List<String> problems = new ArrayList<>();
            run.judge.judge(eleventh, overLimit, true, problems);
            findings.problems(eleventh, problems);
            expectTags(findings, id, ten, "a refused tag is not added");
            Map<String, String> extra = new LinkedHashMap<>(ten);
            extra.remove(key);
            extra.put(key + "-11", "v11");
            expect204(findings, run.service.post(run.path(kind.batch(), Map.of("resource_id", id)), batchBody("delete", extra)));
        });
        change("the key action", "204, then DELETE .../tags/action removes it", skipped, findings -> {
            expect204(findings, run.service.post(tagsPath, addBody("action", "kept")));
            expectTags(findings, id, Map.of(key, "two", "action", "kept"), "the key action is a key like any other");
            expect204(findings, run.service.delete(run.path(kind.delete(), Map.of("resource_id", id, "key", "action")), Map.of()));
            expectTags(findings, id, Map.of(key, "two"), "DELETE .../tags/action removes the tag action, not the batch path");
        });
    }

    /** A deleted policy's tags are gone: from the project's list (no other policy has them) and from the query. */
    private void goneWithItsResource(String policy) throws InterruptedException {
        String key = LifecycleChecks.runName(run).replace("csbs-contract-check-", "ck-");
        run.check(GROUP, kind.listProject() + ", " + kind.query() + ": the tags of a deleted " + kind.name(),
                "gone from the project's tags and the query", policy == null ? findings -> findings.skip("the run created no policy") : findings -> {
                    Exchange deleted = findings.send(run.service.delete(run.path("deleteBackupPolicy", Map.of("policy_id", policy)), Map.of()));
                    if (deleted.status() != 200) {
                        findings.problem(deleted, "deleting the run's policy answered " + deleted.status());
                        findings.stop();
                    }
                    // Deleted when it reads 404 (a wrong service may answer 200 and keep it: the clean-up tries again).
                    if (findings.send(run.service.get(run.path("getBackupPolicy", Map.of("policy_id", policy)), Map.of())).status() == 404) {
                        run.deletedPolicies.add(policy);
                    }
                    Judged project = run.sendValid(findings::send, kind.listProject(), run.service.get(run.path(kind.listProject(),
                            Map.of()), Map.of()), Map.of("project_id", run.project()), Expected.status(200));
                    findings.problems(project.exchange(), project.problems());
                    if (project.ok(200) && hasProjectKey(project.json(), key)) {
                        findings.problem(project.exchange(), "the project's tags still list the key " + key + ", which only the deleted "
                                + kind.name() + " " + policy + " carried: a tag goes when the last " + kind.name() + " with it is deleted");
                    }
                    ObjectNode filter = JSON.createObjectNode().put("action", "filter");
                    filter.putArray("tags").addObject().put("key", key).putArray("values");
                    Judged found = run.sendValid(findings::send, kind.query(), run.service.post(run.path(kind.query(), Map.of()),
                            filter.toString()), Map.of("project_id", run.project()), Expected.status(200));
                    findings.problems(found.exchange(), found.problems());
                    if (found.ok(200)) {
                        for (JsonNode resource : found.json().path("resources")) {
                            if (resource.path("resource_id").asText().equalsIgnoreCase(policy)) {
                                findings.problem(found.exchange(), "the query by " + key + " still finds the deleted " + kind.name() + " "
                                        + policy + ": its tags went with it");
                            }
                        }
                    }
                });
    }

    private void change(String what, String expected, String skipped, Findings.Probe probe) throws InterruptedException {
        run.check(GROUP, kind.name() + " tags: " + what, expected,
                skipped != null ? findings -> findings.skip(skipped) : probe);
    }

    private void expect204(Findings findings, Call call) {
        Exchange exchange = findings.send(call);
        List<String> problems = new ArrayList<>();
        run.judge.judge(exchange, Expected.status(204), true, problems);
        findings.problems(exchange, problems);
        if (!problems.isEmpty()) {
            findings.stop();
        }
    }

    private void expectTags(Findings findings, String id, Map<String, String> expected, String rule)
            throws NoResponseException, InterruptedException {
        Judged judged = listTags(findings, id);
        if (judged.ok(200)) {
            Map<String, String> tags = tags(judged.json().path("tags"));
            if (!tags.equals(expected)) {
                findings.problem(judged.exchange(), "the " + kind.name() + "'s tags are " + tags + ", expected " + expected + ": " + rule);
            }
        }
    }

    private static String addBody(String key, String value) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("tag").put("key", key).put("value", value);
        return body.toString();
    }

    private static String batchBody(String action, Map<String, String> tags) {
        ObjectNode body = JSON.createObjectNode().put("action", action);
        ArrayNode list = body.putArray("tags");
        tags.forEach((key, value) -> list.addObject().put("key", key).put("value", value));
        return body.toString();
    }

    private static boolean hasProjectKey(JsonNode project, String key) {
        for (JsonNode tag : project.path("tags")) {
            if (tag.path("key").asText().equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasProjectTag(JsonNode project, String key, String value) {
        for (JsonNode tag : project.path("tags")) {
            if (tag.path("key").asText().equals(key)) {
                for (JsonNode listed : tag.path("values")) {
                    if (listed.asText().equals(value)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    // What the project holds.

    private List<String> heldIds() {
        return kind == POLICY ? run.holdings.somePolicyIds() : run.holdings.someBackupIds();
    }

    private Judged listTags(Findings findings, String id) throws NoResponseException, InterruptedException {
        Map<String, String> path = Map.of("project_id", run.project(), "resource_id", id);
        Judged judged = run.sendValid(findings::send, kind.list(), run.service.get(run.path(kind.list(), path), Map.of()), path,
                Expected.status(200));
        findings.problems(judged.exchange(), judged.problems());
        return judged;
    }

    /** The tags each resource of the project carries now (by lower case ID), or null for too many to read. */
    private Map<String, Map<String, String>> carried(Findings findings) throws NoResponseException, InterruptedException {
        Map<String, String> held = names(findings);
        if (held.size() > MOST) {
            return null;
        }
        if (carried == null) {
            Map<String, Map<String, String>> read = new LinkedHashMap<>();
            for (String id : held.keySet()) {
                Judged judged = listTags(findings, id);
                if (!judged.ok(200)) {
                    findings.stop();
                }
                read.put(id, tags(judged.json().path("tags")));
            }
            carried = read;
        }
        return carried;
    }

    /** The project's resources of this kind now, by lower case ID, with their names. */
    private Map<String, String> names(Findings findings) throws NoResponseException, InterruptedException {
        if (names != null) {
            return names;
        }
        String listing = kind == POLICY ? "listBackupPolicies" : "listBackups";
        String field = Listings.field(listing);
        Exchange exchange = findings.send(run.service.get(run.path(listing, Map.of()), Map.of()));
        JsonNode json = exchange.status() == 200 ? Judge.parse(exchange.body()) : null;
        if (json == null) {
            findings.problem(exchange, "the " + kind.plural() + " of the project could not be listed: " + exchange.status());
            findings.stop();
        }
        Map<String, String> read = new LinkedHashMap<>();
        for (JsonNode item : json.path(field)) {
            if (kind == BACKUP && Set.of("waiting_delete", "deleting", "deleted").contains(item.path("status").asText())) {
                continue; // going: its tags with it
            }
            read.put(item.path("id").asText().toLowerCase(Locale.ROOT), item.path("name").asText());
        }
        names = read;
        return names;
    }

    private static Map<String, String> tags(JsonNode list) {
        Map<String, String> tags = new LinkedHashMap<>();
        list.forEach(tag -> tags.put(tag.path("key").asText(), tag.path("value").asText()));
        return tags;
    }

    /** Whether the resource has the entry: its key, and one of its values unless they are empty (any value). */
    private static boolean has(Map<String, String> tags, JsonNode entry) {
        String key = entry.path("key").asText().trim();
        if (!tags.containsKey(key)) {
            return false;
        }
        if (entry.path("values").isEmpty()) {
            return true;
        }
        for (JsonNode value : entry.path("values")) {
            if (value.asText().trim().equals(tags.get(key))) {
                return true;
            }
        }
        return false;
    }

    private static void uniqueKeys(Findings findings, Exchange exchange, JsonNode tags) {
        Set<String> keys = new LinkedHashSet<>();
        tags.forEach(tag -> {
            if (!keys.add(tag.path("key").asText())) {
                findings.problem(exchange, "the key " + tag.path("key").asText() + " is listed twice: a resource has one tag per key");
            }
        });
    }
}
