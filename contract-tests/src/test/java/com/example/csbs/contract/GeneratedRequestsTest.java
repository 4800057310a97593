package com.example.csbs.contract;

import static com.example.csbs.contract.Contract.PROJECT_ID;
import static com.example.csbs.contract.Contract.PROVIDER_ID;
import static com.example.csbs.contract.Contract.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.example.csbs.contract.generate.Gen;
import com.example.csbs.contract.generate.ParameterGenerators;
import com.example.csbs.contract.generate.SchemaGenerators;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.StubServer;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests generated from the spec's request schema, valid and mutated, sent to the stub. What each one
 * should get is decided by the spec (the validator, on the request) and the data set (which plans and
 * resources exist), never by how it was generated.
 *
 * <p>A failure shows the failing request, as {@code mutation=..., body=...}, its number and the seed. Both runs
 * use a fixed seed, so that CI is deterministic (the query run asserts that every mutation kind was sent, and some
 * kinds are drawn a few times only); {@code mvn verify -Dcsbs.generated.seed=<seed>} explores (or replays) another.
 */
class GeneratedRequestsTest {

    private static final int REQUESTS = 10_000;
    private static final int MUTATED_PERCENT = 60;
    private static final String PATH = Contract.checkpointsPath(PROJECT_ID, PROVIDER_ID);
    private static final BackupDataSet DATA_SET = BackupDataSet.embeddedDefault();

    // OpenAPI leaves additionalProperties open unless a schema closes it (this spec never does), and the
    // stub ignores unknown fields; the validator rejects them unless told to follow the spec.
    private static final OpenApiInteractionValidator REQUEST_VALIDATOR = Contract.SPEC.newValidator();
    private static final long SEED = Long.getLong("csbs.generated.seed", 20_261_123L);

    // RFC 9562's text form. The validator checks format uuid with Java's UUID.fromString, which also
    // takes "1-1-1-1-1" or a digit short.
    private static final Pattern RFC_UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final int QUERIES = 2_500;
    private static final String BACKUPS_PATH = "/v1/" + PROJECT_ID + "/checkpoint_items";
    private static final List<String> QUERY_OPERATIONS = List.of("deleteBackup", "getBackup", "listBackups", "countBackups",
            "getBackupPolicy", "listBackupPolicies");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static StubServer stub;
    private static HttpClient http;

    /** The answer the spec and the data set call for, and why. */
    private record Expected(int status, String errorCode, String reason, String planId, List<String> resourceIds) {

        static Expected error(int status, String errorCode, String reason) {
            return new Expected(status, errorCode, reason, null, null);
        }

        static Expected checkpoint(String planId, List<String> resourceIds) {
            return new Expected(200, null, "a valid request for plan " + planId, planId, resourceIds);
        }
    }

    @BeforeAll
    static void startStub() {
        stub = StubServer.start("127.0.0.1", 0, DATA_SET);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @Test
    void answersEveryGeneratedRequestAsTheSpecAndTheDataSetSay() {
        List<SchemaGenerators> generators = generatorsPerPlan();
        Gen<SchemaGenerators.Sample> requests = Gen.pick(generators).flatMap(generator -> generator.samples(MUTATED_PERCENT));
        Map<Integer, Integer> sentByExpectedStatus = new TreeMap<>();
        Map<String, Integer> sentByMutation = new TreeMap<>();

        forEachGenerated(REQUESTS, requests, request -> {
            Expected expected = expectedAnswer(request.json());
            assertAnswer(expected, post(request.json().toString()));
            sentByExpectedStatus.merge(expected.status(), 1, Integer::sum);
            request.mutations().forEach(mutation -> sentByMutation.merge(mutation, 1, Integer::sum));
        });

        // Guards against a generator that drifts into sending one kind of request only.
        assertThat(sentByExpectedStatus.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(REQUESTS);
        assertThat(sentByExpectedStatus).as("requests by expected status")
                .hasEntrySatisfying(200, count -> assertThat(count).isGreaterThan(REQUESTS / 5))
                .hasEntrySatisfying(400, count -> assertThat(count).isGreaterThan(REQUESTS / 5))
                .hasEntrySatisfying(404, count -> assertThat(count).isGreaterThan(REQUESTS / 500));
        assertThat(sentByMutation.keySet()).as("mutations made").containsAll(generators.get(0).mutationNames());
    }

    /** One generator per plan of the authenticated project, drawing plan and resource ids from it. */
    private static List<SchemaGenerators> generatorsPerPlan() {
        OpenAPI spec = Contract.parseSpec().getOpenAPI();
        assertThat(spec).as("the parsed spec").isNotNull();
        Schema<?> requestSchema = spec.getPaths().get("/v1/{project_id}/providers/{provider_id}/checkpoints").getPost()
                .getRequestBody().getContent().get("application/json").getSchema();
        List<String> everyId = DATA_SET.projects().stream()
                .flatMap(project -> project.policies().stream())
                .flatMap(plan -> Stream.concat(Stream.of(plan.id()), plan.resources().stream().map(BackupDataSet.ProtectedResource::id)))
                .toList();
        BackupDataSet.Project project = DATA_SET.projects().stream()
                .filter(candidate -> candidate.id().equals(PROJECT_ID)).findFirst().orElseThrow();
        return project.policies().stream()
                .map(plan -> new SchemaGenerators(spec, requestSchema, Map.of(
                        "checkpoint.plan_id", List.of(plan.id()),
                        "checkpoint.parameters.resources[]", plan.resources().stream().map(BackupDataSet.ProtectedResource::id).toList()),
                        everyId))
                .toList();
    }

    /**
     * Schema-invalid or a repeated resource is 400, an unknown plan 404, a resource outside the plan 400, anything else a
     * checkpoint. IDs are compared as UUIDs, as the stub reads them.
     */
    private static Expected expectedAnswer(JsonNode body) {
        ValidationReport report = REQUEST_VALIDATOR.validateRequest(SimpleRequest.Builder.post(PATH)
                .withContentType("application/json")
                .withHeader("X-Auth-Token", TOKEN)
                .withBody(body.toString())
                .build());
        if (report.hasErrors()) {
            return Expected.error(400, "CSBS.9001", "the spec rejects it: " + report.getMessages().get(0).getMessage());
        }
        JsonNode checkpoint = body.get("checkpoint");
        // An optional field sent as null means the same as the field left out (the spec marks them nullable).
        JsonNode resources = checkpoint.get("parameters").get("resources");
        if (resources != null && resources.isNull()) {
            resources = null;
        }
        List<String> ids = new ArrayList<>(List.of(checkpoint.get("plan_id").asText()));
        if (resources != null) {
            resources.forEach(resource -> ids.add(resource.asText()));
        }
        Optional<String> notUuid = ids.stream().filter(id -> !RFC_UUID.matcher(id).matches()).findFirst();
        if (notUuid.isPresent()) {
            return Expected.error(400, "CSBS.9001", notUuid.get() + " is not a UUID (format uuid)");
        }

        // A repeat is a malformed body (like a schema error), found before the plan is looked up.
        List<String> resourceIds = ids.subList(1, ids.size()).stream().map(GeneratedRequestsTest::asUuid).toList();
        if (resourceIds.stream().distinct().count() < resourceIds.size()) {
            return Expected.error(400, "CSBS.9001", "a resource is named twice (\"each ID at most once\")");
        }
        String planId = asUuid(ids.get(0));
        Optional<BackupDataSet.Policy> plan = DATA_SET.policy(PROJECT_ID, planId);
        if (plan.isEmpty()) {
            return Expected.error(404, "CSBS.3000", "plan " + planId + " is not in project " + PROJECT_ID);
        }
        if (resources == null) {
            return Expected.checkpoint(planId, plan.get().resources().stream().map(BackupDataSet.ProtectedResource::id).toList());
        }
        Optional<String> foreign = resourceIds.stream().filter(id -> plan.get().resource(id).isEmpty()).findFirst();
        if (foreign.isPresent()) {
            return Expected.error(400, "CSBS.9001", "resource " + foreign.get() + " is not in plan " + planId);
        }
        return Expected.checkpoint(planId, resourceIds);
    }

    private static void assertAnswer(Expected expected, HttpResponse<String> response) {
        String why = "expected " + expected.status() + " because " + expected.reason() + "; response " + response.body();
        assertThat(response.statusCode()).as("no server error; " + why).isLessThan(500);
        Contract.assertValid(Contract.validator().validateResponse(PATH, Request.Method.POST, CsbsSpec.validatorResponse(response)));
        assertThat(response.statusCode()).as("status; " + why).isEqualTo(expected.status());

        JsonNode answer = Contract.parse(response.body());
        if (expected.errorCode() != null) {
            assertThat(answer.get("error_code").asText()).as("error_code; " + why).isEqualTo(expected.errorCode());
            assertThat(answer.get("error_msg").asText()).as("error_msg; " + why).isNotBlank();
        } else {
            JsonNode plan = answer.get("checkpoint").get("protection_plan");
            assertThat(plan.get("id").asText()).as("protection_plan.id").isEqualTo(expected.planId());
            List<String> backedUp = new ArrayList<>();
            plan.get("resources").forEach(resource -> backedUp.add(resource.get("id").asText()));
            assertThat(backedUp).as("protection_plan.resources").containsExactlyInAnyOrderElementsOf(expected.resourceIds());
        }
    }

    /**
     * Requests to the six operations without a body, their path IDs and query strings generated from the spec's
     * parameters, valid and mutated, against a stub whose backups the test made (available at once; a deleted one
     * stays being deleted). What each should get is decided by the spec (the validator), the data set and what the
     * test did (which IDs exist, which backups are being deleted); a 200 is checked for what is cheap to check: every
     * listed item matches the filters sent, a page is the slice of the whole listing that marker, offset and limit
     * say, and the count is the length of the listing for the same filters.
     *
     * <p>A failure shows the request ({@code GET /v1/...?...}, its mutations) and the seed; the run uses a fixed seed
     * ({@link #SEED}) unless {@code -Dcsbs.generated.seed=<seed>} names another.
     */
    @Test
    void answersEveryGeneratedQueryAsTheSpecAndTheStubsBackupsSay() {
        try (StubServer queried = StubServer.start("127.0.0.1", 0, DATA_SET, StubOptions.defaults()
                .withBackupDuration(Duration.ZERO).withDeleteDuration(Duration.ofHours(1)))) {
            Backups backups = Backups.make(queried);
            ParameterGenerators generators = new ParameterGenerators(Contract.parseSpec().getOpenAPI(), QUERY_OPERATIONS,
                    Map.of("project_id", PROJECT_ID), backups.hints());
            Map<Integer, Integer> sentByExpectedStatus = new TreeMap<>();
            Map<String, Integer> sentByMutation = new TreeMap<>();

            forEachGenerated(QUERIES, generators.samples(MUTATED_PERCENT), request -> {
                Expected expected = expectedAnswer(generators, backups, request);
                HttpResponse<String> response = send(queried, request.method(), request.path(), request.query());
                assertQueryAnswer(expected, request, response);
                if (expected.status() == 200) {
                    assertTheListingHolds(queried, backups, request, Contract.parse(response.body()));
                    if (request.operationId().equals("deleteBackup")) {
                        backups.deleted(request);
                    }
                }
                sentByExpectedStatus.merge(expected.status(), 1, Integer::sum);
                request.mutations().forEach(mutation -> sentByMutation.merge(mutation, 1, Integer::sum));
            });

            assertThat(sentByExpectedStatus).as("requests by expected status")
                    .hasEntrySatisfying(200, count -> assertThat(count).isGreaterThan(QUERIES / 5))
                    .hasEntrySatisfying(400, count -> assertThat(count).isGreaterThan(QUERIES / 5))
                    .hasEntrySatisfying(403, count -> assertThat(count).isGreaterThan(QUERIES / 200))
                    .hasEntrySatisfying(404, count -> assertThat(count).isGreaterThan(QUERIES / 50));
            assertThat(sentByMutation.keySet()).as("mutations made").containsAll(generators.mutationNames());
        }
    }

    /** The tag operations without a body: one resource's tags, removing one, the project's tag lists. */
    private static final List<String> TAG_QUERY_OPERATIONS = List.of("listPolicyTags", "listBackupTags", "deletePolicyTag",
            "deleteBackupTag", "listProjectPolicyTags", "listProjectBackupTags");
    private static final int TAG_QUERIES = 1_500;
    private static final String UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

    /**
     * Requests to the six tag operations without a body, their path IDs and keys generated from the spec's parameters,
     * valid and mutated, against a stub with tagged policies and backups. What each should get is decided by the spec
     * (the validator), then by the tags the test knows each resource has (which it keeps up to date as removals
     * succeed): a 200's tags are compared, as JSON trees, with those the test expects.
     */
    @Test
    void answersEveryGeneratedTagRequestAsTheSpecAndTheTagsSay() {
        try (StubServer tagged = StubServer.start("127.0.0.1", 0, DATA_SET, StubOptions.defaults()
                .withBackupDuration(Duration.ZERO))) {
            Map<String, Map<String, String>> policyTags = new java.util.HashMap<>();
            Map<String, Map<String, String>> backupTags = new java.util.HashMap<>();
            List<String> keys = List.of("team", "env", "owner", "action", " env ", "nothing-here");
            for (int n = 0; n < 4; n++) {
                String tags = "[{\"key\": \"env\", \"value\": \"e" + n + "\"}, {\"key\": \"owner\", \"value\": \"o\"},"
                        + " {\"key\": \"action\", \"value\": \"a\"}]";
                HttpResponse<String> policy = sendJson(tagged, "/v1/" + PROJECT_ID + "/policies", "{\"policy\": {\"name\": \"generated-"
                        + n + "\", \"provider_id\": \"" + PROVIDER_ID + "\", \"parameters\": {}, \"resources\": [],"
                        + " \"scheduled_operations\": [], \"tags\": " + tags + "}}");
                assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);
                HttpResponse<String> backup = sendJson(tagged, "/v1/" + PROJECT_ID + "/providers/" + PROVIDER_ID + "/resources/"
                        + UUID.nameUUIDFromBytes(("server-" + n).getBytes(StandardCharsets.UTF_8)) + "/action",
                        "{\"protect\": {\"tags\": " + tags + "}}");
                assertThat(backup.statusCode()).as(backup.body()).isEqualTo(200);
            }
            DATA_SET.project(PROJECT_ID).orElseThrow().policies().forEach(policy ->
                    policyTags.put(policy.id(), tagsOf(tagged, "/v1/" + PROJECT_ID + "/csbs_backup_policy/" + policy.id() + "/tags")));
            Contract.parse(send(tagged, "GET", "/v1/" + PROJECT_ID + "/policies", Map.of()).body()).get("policies")
                    .forEach(policy -> policyTags.computeIfAbsent(policy.get("id").asText(), id ->
                            tagsOf(tagged, "/v1/" + PROJECT_ID + "/csbs_backup_policy/" + id + "/tags")));
            Contract.parse(send(tagged, "GET", BACKUPS_PATH, Map.of()).body()).get("checkpoint_items").forEach(backup ->
                    backupTags.put(backup.get("id").asText(), tagsOf(tagged, "/v1/" + PROJECT_ID + "/csbs_backup/"
                            + backup.get("id").asText() + "/tags")));
            Map<String, List<String>> hints = new java.util.HashMap<>();
            for (String operation : List.of("listPolicyTags", "deletePolicyTag")) {
                hints.put(operation + ".resource_id", concat(List.copyOf(policyTags.keySet()), List.of(UNKNOWN_ID)));
            }
            for (String operation : List.of("listBackupTags", "deleteBackupTag")) {
                hints.put(operation + ".resource_id", concat(List.copyOf(backupTags.keySet()), List.of(UNKNOWN_ID)));
            }
            hints.put("key", keys);
            ParameterGenerators generators = new ParameterGenerators(Contract.parseSpec().getOpenAPI(), TAG_QUERY_OPERATIONS,
                    Map.of("project_id", PROJECT_ID), hints);
            Map<Integer, Integer> sentByExpectedStatus = new TreeMap<>();
            Map<String, Integer> sentByMutation = new TreeMap<>();

            forEachGenerated(TAG_QUERIES, generators.samples(MUTATED_PERCENT), request -> {
                boolean ofPolicies = request.operationId().contains("Policy");
                Map<String, Map<String, String>> known = ofPolicies ? policyTags : backupTags;
                Expected expected = expectedTagAnswer(request, known, ofPolicies ? "CSBS.3000" : "CSBS.3001");
                HttpResponse<String> response = send(tagged, request.method(), request.path(), request.query());
                assertTagAnswer(expected, request, response);
                if (expected.status() == 204) {
                    known.get(lower(request.pathValues().get("resource_id"))).remove(request.pathValues().get("key").strip());
                }
                if (expected.status() == 200) {
                    JsonNode answer = Contract.parse(response.body());
                    if (request.operationId().startsWith("listProject")) {
                        assertThat(answer.get("tags")).as("the project's tags").isEqualTo(projectTags(known));
                    } else {
                        assertThat(answer.get("tags")).as("the resource's tags")
                                .isEqualTo(tagList(known.get(lower(request.pathValues().get("resource_id")))));
                    }
                }
                sentByExpectedStatus.merge(expected.status(), 1, Integer::sum);
                request.mutations().forEach(mutation -> sentByMutation.merge(mutation, 1, Integer::sum));
            });

            assertThat(sentByExpectedStatus).as("requests by expected status")
                    .hasEntrySatisfying(200, count -> assertThat(count).isGreaterThan(TAG_QUERIES / 5))
                    .hasEntrySatisfying(204, count -> assertThat(count).isGreaterThan(5))
                    .hasEntrySatisfying(400, count -> assertThat(count).isGreaterThan(TAG_QUERIES / 10))
                    .hasEntrySatisfying(404, count -> assertThat(count).isGreaterThan(TAG_QUERIES / 50));
            assertThat(sentByMutation.keySet()).as("mutations made").containsAll(generators.mutationNames());
        }
    }

    /** The spec's verdict (400) first, then the key, then whether the resource and the tag exist. */
    private static Expected expectedTagAnswer(ParameterGenerators.Sample request, Map<String, Map<String, String>> known,
                                              String resourceNotFound) {
        Expected refused = refusedBySpec(request);
        if (refused != null) {
            return refused;
        }
        String resourceId = request.pathValues().get("resource_id");
        if (resourceId == null) {
            return Expected.error(200, null, "the project's tags");
        }
        if (!RFC_UUID.matcher(resourceId).matches()) {
            return Expected.error(400, "CSBS.9001", "resource_id is not a UUID (format uuid)");
        }
        String key = request.pathValues().get("key");
        // "Keys are checked and used after deleting the spaces before and after them."
        if (key != null && key.strip().isEmpty()) {
            return Expected.error(400, "CSBS.9001", "a key of spaces only");
        }
        Map<String, String> tags = known.get(lower(resourceId));
        if (tags == null) {
            return Expected.error(404, resourceNotFound, "no such resource in the project");
        }
        if (key == null) {
            return Expected.error(200, null, "the resource's tags");
        }
        return tags.containsKey(key.strip()) ? Expected.error(204, null, "the tag " + key.strip() + " is there")
                : Expected.error(404, "CSBS.7001", "the resource has no tag " + key.strip());
    }

    private static void assertTagAnswer(Expected expected, ParameterGenerators.Sample request, HttpResponse<String> response) {
        String why = "expected " + expected.status() + " because " + expected.reason() + "; response " + response.body();
        assertThat(response.statusCode()).as("no server error; " + why).isLessThan(500);
        if (request.pathValues().containsValue("")) {
            // An empty path segment is no operation's path (the stub refuses it before routing): 404 APIGW.0101,
            // not validated as any operation's answer.
            assertThat(response.statusCode()).as("status; " + why).isEqualTo(404);
            assertThat(Contract.parse(response.body()).get("error_code").asText()).as("error_code; " + why).isEqualTo("APIGW.0101");
            return;
        }
        Contract.assertValid(Contract.validator().validateResponse(request.path(),
                Request.Method.valueOf(request.method()), CsbsSpec.validatorResponse(response)));
        assertThat(response.statusCode()).as("status; " + why).isEqualTo(expected.status());
        if (expected.errorCode() != null) {
            assertThat(Contract.parse(response.body()).get("error_code").asText()).as("error_code; " + why)
                    .isEqualTo(expected.errorCode());
        }
    }

    /** A resource's tags as the stub answers them: a key and value each, in the order they were added. */
    private static Map<String, String> tagsOf(StubServer stub, String path) {
        HttpResponse<String> response = send(stub, "GET", path, Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        Contract.parse(response.body()).get("tags").forEach(tag -> tags.put(tag.get("key").asText(), tag.get("value").asText()));
        return tags;
    }

    private static JsonNode tagList(Map<String, String> tags) {
        com.fasterxml.jackson.databind.node.ArrayNode list = Contract.JSON.createArrayNode();
        tags.forEach((key, value) -> list.addObject().put("key", key).put("value", value));
        return list;
    }

    /** Every key once with each of its values once, both sorted, as the project's tag lists answer. */
    private static JsonNode projectTags(Map<String, Map<String, String>> known) {
        Map<String, java.util.SortedSet<String>> values = new TreeMap<>();
        known.values().forEach(tags -> tags.forEach((key, value) -> values.computeIfAbsent(key, k -> new java.util.TreeSet<>())
                .add(value)));
        com.fasterxml.jackson.databind.node.ArrayNode list = Contract.JSON.createArrayNode();
        values.forEach((key, each) -> {
            com.fasterxml.jackson.databind.node.ArrayNode tagValues = list.addObject().put("key", key).putArray("values");
            each.forEach(tagValues::add);
        });
        return list;
    }

    private static HttpResponse<String> sendJson(StubServer stub, String path, String body) {
        return Contract.send(HTTP, HttpRequest.newBuilder(stub.baseUri().resolve(path.substring(1)))
                .timeout(Duration.ofSeconds(10))
                .header("X-Auth-Token", TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }

    /** The backups the test made on the stub, and what it has deleted since. */
    private record Backups(Map<String, String> checkpointOf, Map<String, String> policyOf, Map<String, List<String>> ofCheckpoint,
                           List<String> foreign, List<JsonNode> listed, java.util.Set<String> deleting) {

        static Backups make(StubServer stub) {
            Map<String, String> checkpointPolicy = new java.util.HashMap<>();
            for (int round = 0; round < 4; round++) {
                for (BackupDataSet.Policy policy : DATA_SET.policy(PROJECT_ID, Contract.EXAMPLE_PLAN_ID).stream().toList()) {
                    checkpointPolicy.put(execute(stub, TOKEN, policy.id()), policy.id());
                }
                DATA_SET.projects().stream().filter(project -> project.id().equals(PROJECT_ID))
                        .flatMap(project -> project.policies().stream())
                        .filter(policy -> !policy.id().equals(Contract.EXAMPLE_PLAN_ID))
                        .forEach(policy -> checkpointPolicy.put(execute(stub, TOKEN, policy.id()), policy.id()));
            }
            String foreignCheckpoint = execute(stub, Contract.OTHER_PROJECT_TOKEN, "9f0c1e2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f");
            List<JsonNode> listed = new ArrayList<>();
            Contract.parse(send(stub, "GET", BACKUPS_PATH, Map.of()).body()).get("checkpoint_items").forEach(listed::add);
            Map<String, String> checkpointOf = new java.util.HashMap<>();
            Map<String, String> policyOf = new java.util.HashMap<>();
            Map<String, List<String>> ofCheckpoint = new java.util.HashMap<>();
            for (JsonNode item : listed) {
                String id = item.get("id").asText();
                String checkpoint = item.get("checkpoint_id").asText();
                checkpointOf.put(id, checkpoint);
                policyOf.put(id, checkpointPolicy.get(checkpoint));
                ofCheckpoint.computeIfAbsent(checkpoint, ignored -> new ArrayList<>()).add(id);
            }
            assertThat(ofCheckpoint.keySet()).as("the checkpoints made").isEqualTo(checkpointPolicy.keySet());
            List<String> foreign = List.of(foreignCheckpoint, Contract.parse(send(stub, "GET",
                    "/v1/5d7ea3b1c94e4f0a8b6d2e1f3a9c7b60/checkpoint_items", Map.of(), Contract.OTHER_PROJECT_TOKEN).body())
                    .at("/checkpoint_items/0/id").asText());
            return new Backups(checkpointOf, policyOf, ofCheckpoint, foreign, listed, new java.util.HashSet<>());
        }

        private static String execute(StubServer stub, String token, String policyId) {
            String projectId = DATA_SET.projectByToken(token).orElseThrow().id();
            HttpRequest request = HttpRequest.newBuilder(stub.baseUri().resolve(
                            Contract.checkpointsPath(projectId, PROVIDER_ID).substring(1)))
                    .header("X-Auth-Token", token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"checkpoint\": {\"plan_id\": \"" + policyId
                            + "\", \"parameters\": {}}}"))
                    .build();
            HttpResponse<String> response = Contract.send(HTTP, request);
            assertThat(response.statusCode()).as("executing %s: %s", policyId, response.body()).isEqualTo(200);
            return Contract.parse(response.body()).at("/checkpoint/id").asText();
        }

        /** Valid values by parameter name: what the stub holds, and some it does not (of another project). */
        Map<String, List<String>> hints() {
            List<String> backupIds = new ArrayList<>(checkpointOf.keySet());
            List<String> checkpointIds = new ArrayList<>(ofCheckpoint.keySet());
            List<String> policyIds = DATA_SET.projects().stream().flatMap(project -> project.policies().stream())
                    .map(BackupDataSet.Policy::id).toList();
            List<String> resourceIds = DATA_SET.projects().stream().flatMap(project -> project.policies().stream())
                    .flatMap(policy -> policy.resources().stream()).map(BackupDataSet.ProtectedResource::id).toList();
            List<String> times = new ArrayList<>(List.of("2017-04-18T01:21:52.701973", "2099-01-01T00:00:00"));
            listed.stream().limit(3).forEach(item -> {
                LocalDateTime created = LocalDateTime.parse(item.get("created_at").asText());
                times.add(item.get("created_at").asText());
                times.add(created.minusSeconds(1).toString());
                times.add(created.plusNanos(1000).toString());
            });
            List<String> items = new ArrayList<>(backupIds);
            ofCheckpoint.values().stream().limit(4).forEach(ids -> items.add(String.join(",", ids)));
            Map<String, List<String>> hints = new java.util.HashMap<>();
            hints.put("checkpoint_item_id", concat(backupIds, foreign, checkpointIds.subList(0, 1)));
            hints.put("deleteBackup.checkpoint_id", concat(checkpointIds, foreign.subList(0, 1)));
            hints.put("checkpoint_id", concat(checkpointIds, foreign.subList(0, 1)));
            hints.put("checkpoint_items", concat(items, foreign.subList(1, 2)));
            hints.put("policy_id", policyIds);
            hints.put("listBackups.marker", concat(backupIds, foreign.subList(1, 2)));
            hints.put("listBackupPolicies.marker", policyIds);
            hints.put("resource_id", resourceIds);
            hints.put("name", List.of("manualbk", "MANUALBK_", listed.get(0).get("name").asText(), "bk_"));
            hints.put("listBackupPolicies.name", List.of("daily", "backup", "failing", "other-project-plan", "Daily"));
            hints.put("resource_name", List.of("server", "server1", "SERVER2", "broken"));
            hints.put("az", List.of("eu-de-01", "eu-de-02"));
            hints.put("resource_type", List.of("OS::Nova::Server"));
            hints.put("image_type", List.of("backup"));
            hints.put("ip", List.of("192.168.0.11", "192.168.0.12"));
            hints.put("start_time", times);
            hints.put("end_time", times);
            hints.put("limit", List.of("1", "2", "3", "99999999999"));
            hints.put("offset", List.of("0", "1", "2"));
            hints.put("all_tenants", List.of("false"));
            return hints;
        }

        /** A 200 to a deletion: its backups are being deleted now. */
        void deleted(ParameterGenerators.Sample request) {
            String items = request.query().get("checkpoint_items");
            deleting.addAll(items == null ? ofCheckpoint.get(lower(request.pathValues().get("checkpoint_id")))
                    : java.util.Arrays.stream(items.split(",")).map(GeneratedRequestsTest::lower).toList());
        }

        @SafeVarargs
        private static List<String> concat(List<String>... lists) {
            return Stream.of(lists).flatMap(List::stream).toList();
        }
    }

    /** A request no operation has (404) or the spec rejects (400), or null: the spec's verdict, before any other rule. */
    private static Expected refusedBySpec(ParameterGenerators.Sample request) {
        if (request.pathValues().containsValue("")) {
            return Expected.error(404, "APIGW.0101", "an empty path segment: no operation has that path");
        }
        SimpleRequest.Builder built = new SimpleRequest.Builder(request.method(), request.path())
                .withHeader("X-Auth-Token", TOKEN);
        request.query().forEach((name, value) -> built.withQueryParam(name, value));
        ValidationReport report = REQUEST_VALIDATOR.validateRequest(built.build());
        return report.hasErrors()
                ? Expected.error(400, "CSBS.9001", "the spec rejects it: " + report.getMessages().get(0).getMessage()) : null;
    }

    /** The spec's verdict on the request first (400), then the stub's rules and the test's backups. */
    private static Expected expectedAnswer(ParameterGenerators generators, Backups backups, ParameterGenerators.Sample request) {
        Expected refused = refusedBySpec(request);
        if (refused != null) {
            return refused;
        }
        Map<String, Schema<?>> schemas = generators.parameterSchemas(request.operationId());
        Map<String, String> values = new java.util.LinkedHashMap<>(request.pathValues());
        request.query().forEach((name, value) -> {
            if (schemas.containsKey(name)) {
                values.put(name, value);
            }
        });
        for (Map.Entry<String, String> value : values.entrySet()) {
            Schema<?> schema = schemas.get(value.getKey());
            boolean uuids = "uuid".equals(schema.getFormat()) || (schema.getItems() != null && "uuid".equals(schema.getItems().getFormat()));
            if (uuids && java.util.Arrays.stream(value.getValue().split(",", -1)).anyMatch(id -> !RFC_UUID.matcher(id).matches())) {
                return Expected.error(400, "CSBS.9001", value.getKey() + " is not a UUID (format uuid)");
            }
            if (value.getKey().endsWith("_time") && !isDateTime(value.getValue())) {
                return Expected.error(400, "CSBS.9001", value.getKey() + " is not a real time");
            }
        }
        if ("true".equals(values.get("all_tenants"))) {
            return Expected.error(403, "CSBS.9009", "all_tenants=true, and the token is not an administrator's");
        }
        String ok = "a valid request";
        switch (request.operationId()) {
            case "getBackup" -> {
                return backups.checkpointOf().containsKey(lower(values.get("checkpoint_item_id"))) ? Expected.error(200, null, ok)
                        : Expected.error(404, "CSBS.3001", "no backup " + values.get("checkpoint_item_id") + " in the project");
            }
            case "getBackupPolicy" -> {
                return DATA_SET.policy(PROJECT_ID, lower(values.get("policy_id"))).isPresent() ? Expected.error(200, null, ok)
                        : Expected.error(404, "CSBS.3000", "no policy " + values.get("policy_id") + " in the project");
            }
            case "deleteBackup" -> {
                List<String> ofCheckpoint = backups.ofCheckpoint().get(lower(values.get("checkpoint_id")));
                if (ofCheckpoint == null) {
                    return Expected.error(404, "CSBS.3001", "no checkpoint " + values.get("checkpoint_id") + " in the project");
                }
                List<String> targets = values.get("checkpoint_items") == null ? ofCheckpoint
                        : java.util.Arrays.stream(values.get("checkpoint_items").split(",")).map(GeneratedRequestsTest::lower).toList();
                Optional<String> foreign = targets.stream().filter(id -> !ofCheckpoint.contains(id)).findFirst();
                if (foreign.isPresent()) {
                    return Expected.error(404, "CSBS.3001", "backup " + foreign.get() + " is not one of the checkpoint");
                }
                Optional<String> deleting = targets.stream().filter(backups.deleting()::contains).findFirst();
                return deleting.isPresent() ? Expected.error(400, "CSBS.2003", "backup " + deleting.get() + " is being deleted")
                        : Expected.error(200, null, ok);
            }
            default -> {
                // listings: whether the marker is one is checked against the whole listing (assertTheListingHolds)
                return Expected.error(200, null, ok);
            }
        }
    }

    private static void assertQueryAnswer(Expected expected, ParameterGenerators.Sample request, HttpResponse<String> response) {
        String why = "expected " + expected.status() + " because " + expected.reason() + "; response " + response.body();
        assertThat(response.statusCode()).as("no server error; " + why).isLessThan(500);
        // (an empty path segment: validated as the operation's answer all the same)
        Contract.assertValid(Contract.validator().validateResponse(request.path().replace("//", "/-/"),
                Request.Method.valueOf(request.method()),
                CsbsSpec.validatorResponse(response)));
        if (expected.status() == 200 && response.statusCode() == 400 && request.query().containsKey("marker")
                && Contract.parse(response.body()).get("error_msg").asText().contains("marker")) {
            return; // an unknown marker: assertTheListingHolds checks that it is no item at all
        }
        assertThat(response.statusCode()).as("status; " + why).isEqualTo(expected.status());
        JsonNode answer = Contract.parse(response.body());
        if (expected.errorCode() != null) {
            assertThat(answer.get("error_code").asText()).as("error_code; " + why).isEqualTo(expected.errorCode());
            assertThat(answer.get("error_msg").asText()).as("error_msg; " + why).isNotBlank();
        }
    }

    /**
     * A 200's semantics, and an unknown marker's 400, against the whole listing for the same filters and sort
     * (a marker the filters leave out marks its place: the page starts after where it sorts).
     */
    private static void assertTheListingHolds(StubServer stub, Backups backups, ParameterGenerators.Sample request, JsonNode answer) {
        Map<String, String> query = request.query();
        switch (request.operationId()) {
            case "getBackup" -> assertThat(answer.at("/checkpoint_item/id").asText()).as("checkpoint_item.id")
                    .isEqualToIgnoringCase(request.pathValues().get("checkpoint_item_id"));
            case "getBackupPolicy" -> assertThat(answer.at("/policy/id").asText()).as("policy.id")
                    .isEqualToIgnoringCase(request.pathValues().get("policy_id"));
            case "deleteBackup" -> assertThat(Contract.fieldNames(answer)).as("the deletion's answer").isEmpty();
            case "countBackups" -> {
                Map<String, String> filters = new java.util.LinkedHashMap<>(query);
                filters.keySet().removeAll(List.of("ip", "limit", "offset", "marker", "sort"));
                List<JsonNode> all = items(send(stub, "GET", BACKUPS_PATH, filters), "checkpoint_items");
                String ip = query.get("ip");
                long expected = all.stream().filter(item -> ip == null || ip.equals(item.at("/backup_data/private_ip").asText())
                        || ip.equals(item.at("/backup_data/eip").asText())).count();
                assertThat(answer.get("count").asLong()).as("count = the length of the listing for the same filters").isEqualTo(expected);
            }
            default -> {
                boolean policies = request.operationId().equals("listBackupPolicies");
                String field = policies ? "policies" : "checkpoint_items";
                Map<String, String> whole = new java.util.LinkedHashMap<>(query);
                whole.keySet().removeAll(List.of("limit", "offset", "marker"));
                List<JsonNode> all = items(send(stub, "GET", request.path(), whole), field);
                for (JsonNode item : all) {
                    assertThat(policies ? matchesPolicyFilters(item, query) : matchesBackupFilters(item, query, backups))
                            .as("%s matches the filters %s", item.get("id"), query).isTrue();
                }
                List<String> ids = all.stream().map(item -> item.get("id").asText()).toList();
                int from = 0;
                if (query.containsKey("marker")) {
                    String marker = lower(query.get("marker"));
                    from = ids.indexOf(marker) + 1;
                    if (from == 0) {
                        // Not in the filtered listing: it still marks its place if the unfiltered listing (same
                        // sort, same tenants) has it, since the filtered one is that listing with items left out.
                        Map<String, String> unfiltered = new java.util.LinkedHashMap<>();
                        for (String kept : List.of("sort", "all_tenants")) {
                            if (query.containsKey(kept)) {
                                unfiltered.put(kept, query.get(kept));
                            }
                        }
                        List<String> everyId = items(send(stub, "GET", request.path(), unfiltered), field).stream()
                                .map(item -> item.get("id").asText()).toList();
                        int at = everyId.indexOf(marker);
                        if (at < 0) {
                            assertThat(answer.has("error_code")).as("a marker that is no item at all is 400: " + answer).isTrue();
                            return;
                        }
                        java.util.Set<String> upToMarker = new java.util.HashSet<>(everyId.subList(0, at + 1));
                        from = (int) ids.stream().filter(upToMarker::contains).count();
                    }
                }
                assertThat(answer.has("error_code")).as("the marker marks a place in the listing: " + answer).isFalse();
                List<JsonNode> page = new ArrayList<>();
                answer.get(field).forEach(page::add);
                long offset = query.containsKey("offset") ? Math.min(Long.parseLong(query.get("offset")), Integer.MAX_VALUE) : 0;
                long limit = query.containsKey("limit") ? Math.min(Long.parseLong(query.get("limit")), Integer.MAX_VALUE) : 1000;
                int start = (int) Math.min(ids.size(), from + offset);
                int end = (int) Math.min(ids.size(), start + limit);
                assertThat(page.stream().map(item -> item.get("id").asText()).toList())
                        .as("the page = the whole listing after the marker, offset skipped, at most limit")
                        .isEqualTo(ids.subList(start, end));
            }
        }
    }

    private static boolean matchesBackupFilters(JsonNode item, Map<String, String> query, Backups backups) {
        LocalDateTime created = LocalDateTime.parse(item.get("created_at").asText());
        return backups.checkpointOf().containsKey(item.get("id").asText())
                && matches(query.get("status"), value -> value.equals(item.get("status").asText()))
                && matches(query.get("name"), value -> containsIgnoringCase(item.get("name").asText(), value))
                && matches(query.get("resource_name"), value -> containsIgnoringCase(item.at("/extend_info/resource_name").asText(), value))
                && matches(query.get("resource_id"), value -> value.equalsIgnoreCase(item.get("resource_id").asText()))
                && matches(query.get("policy_id"), value -> value.equalsIgnoreCase(backups.policyOf().get(item.get("id").asText())))
                && matches(query.get("checkpoint_id"), value -> value.equalsIgnoreCase(item.get("checkpoint_id").asText()))
                && matches(query.get("resource_type"), value -> value.equals(item.get("resource_type").asText()))
                && matches(query.get("image_type"), value -> value.equals(item.at("/extend_info/image_type").asText()))
                && matches(query.get("az"), value -> value.equals(item.at("/extend_info/resource_az").asText()))
                && matches(query.get("start_time"), value -> !created.isBefore(LocalDateTime.parse(value)))
                && matches(query.get("end_time"), value -> !created.isAfter(LocalDateTime.parse(value)));
    }

    private static boolean matchesPolicyFilters(JsonNode item, Map<String, String> query) {
        return PROJECT_ID.equals(item.get("project_id").asText())
                && matches(query.get("name"), value -> value.equals(item.get("name").asText()));
    }

    private static boolean matches(String filter, java.util.function.Predicate<String> test) {
        return filter == null || test.test(filter);
    }

    private static boolean containsIgnoringCase(String text, String part) {
        return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    private static boolean isDateTime(String value) {
        try {
            LocalDateTime.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static List<JsonNode> items(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as("the whole listing: " + response.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        Contract.parse(response.body()).get(field).forEach(items::add);
        return items;
    }

    private static String lower(String id) {
        return id == null ? null : id.toLowerCase(Locale.ROOT);
    }

    private static HttpResponse<String> send(StubServer stub, String method, String path, Map<String, String> query) {
        return send(stub, method, path, query, TOKEN);
    }

    private static HttpResponse<String> send(StubServer stub, String method, String path, Map<String, String> query, String token) {
        StringBuilder uri = new StringBuilder();
        for (String segment : path.substring(1).split("/", -1)) {
            uri.append(uri.length() == 0 ? "" : "/").append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        query.forEach((name, value) -> uri.append(uri.indexOf("?") < 0 ? "?" : "&")
                .append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2C", ",")));
        // Not URI.resolve: it normalizes the path, merging the "//" of an empty segment this test means to send.
        HttpRequest request = HttpRequest.newBuilder(URI.create(stub.baseUri() + "/" + uri))
                .timeout(Duration.ofSeconds(10))
                .header("X-Auth-Token", token)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return Contract.send(HTTP, request);
    }

    /**
     * Checks count generated values, drawn from {@link #SEED}; a failure names the value, its number and the seed,
     * which replays the run.
     */
    private static <T> void forEachGenerated(int count, Gen<T> generator, java.util.function.Consumer<T> check) {
        Random random = new Random(SEED);
        for (int number = 1; number <= count; number++) {
            T value = generator.generate(random);
            try {
                check.accept(value);
            } catch (AssertionError e) {
                throw new AssertionError("generated request " + number + " of " + count + " (-Dcsbs.generated.seed=" + SEED
                        + " replays the run): " + value + "\n" + e.getMessage(), e);
            }
        }
    }

    private static String asUuid(String id) {
        return UUID.fromString(id).toString();
    }

    private static HttpResponse<String> post(String body) {
        HttpRequest request = HttpRequest.newBuilder(stub.baseUri().resolve(PATH.substring(1)))
                .timeout(Duration.ofSeconds(10))
                .header("X-Auth-Token", TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return Contract.send(http, request);
    }

}
