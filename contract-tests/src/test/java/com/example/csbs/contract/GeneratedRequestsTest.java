package com.example.csbs.contract;

import static com.example.csbs.contract.Contract.PROJECT_ID;
import static com.example.csbs.contract.Contract.PROVIDER_ID;
import static com.example.csbs.contract.Contract.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.StubServer;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Requests generated from the spec's request schema, valid and mutated, sent to the stub. What each one
 * should get is decided by the spec (the validator, on the request) and the data set (which plans and
 * resources exist), never by how it was generated.
 *
 * <p>A failure shows the smallest failing request found, as {@code mutation=..., body=...}, and the seed;
 * {@code mvn verify -DQT_SEED=<seed>} replays that run.
 */
class GeneratedRequestsTest {

    private static final int REQUESTS = 10_000;
    private static final int MUTATED_PERCENT = 60;
    // Each shrinking try is a request: QuickTheories' default of 100,000 takes minutes on a failure, and
    // 3,000 reach the same smallest cases here.
    private static final int SHRINK_CYCLES = 3_000;
    private static final String PATH = Contract.checkpointsPath(PROJECT_ID, PROVIDER_ID);
    private static final BackupDataSet DATA_SET = BackupDataSet.embeddedDefault();

    // OpenAPI leaves additionalProperties open unless a schema closes it (this spec never does), and the
    // stub ignores unknown fields; the validator rejects them unless told to follow the spec.
    private static final OpenApiInteractionValidator REQUEST_VALIDATOR = Contract.SPEC.newValidator();

    // RFC 9562's text form. The validator checks format uuid with Java's UUID.fromString, which also
    // takes "1-1-1-1-1" or a digit short.
    private static final Pattern RFC_UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

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
        Gen<SchemaGenerators.Sample> requests = Generate.pick(generators).flatMap(generator -> generator.samples(MUTATED_PERCENT));
        Map<Integer, Integer> sentByExpectedStatus = new TreeMap<>();
        Map<String, Integer> sentByMutation = new TreeMap<>();

        qt().withExamples(REQUESTS).withShrinkCycles(SHRINK_CYCLES).forAll(requests).checkAssert(request -> {
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
