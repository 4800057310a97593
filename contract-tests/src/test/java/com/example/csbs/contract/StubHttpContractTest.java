package com.example.csbs.contract;

import static com.example.csbs.contract.Contract.CREATED_AT_PATTERN;
import static com.example.csbs.contract.Contract.PROJECT_ID;
import static com.example.csbs.contract.Contract.PROVIDER_ID;
import static com.example.csbs.contract.Contract.TOKEN;
import static com.example.csbs.contract.Contract.UUID_PATTERN;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.StubServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stub on a free loopback port, driven with raw HTTP, every exchange checked against the spec. */
class StubHttpContractTest {

    private static final String PATH = Contract.checkpointsPath(PROJECT_ID, PROVIDER_ID);
    private static final String DOCUMENTED_RESPONSE_PLAN = "6a6cda7e-7b89-4b14-8e5c-3b6821a97d2c";

    private static StubServer stub;
    private static HttpClient http;

    @BeforeAll
    static void startStub() {
        stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @Test
    void answersTheDocumentedRequestWithACheckpointShapedLikeTheDocumentedResponse() {
        String body = Contract.documentedRequest().toString();
        HttpResponse<String> response = post(PATH, TOKEN, "application/json", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        Contract.assertValid(Contract.validator().validate(validRequest(PATH, body), CsbsSpec.validatorResponse(response)));

        JsonNode checkpoint = Contract.parse(response.body()).get("checkpoint");
        assertGeneratedFields(checkpoint);
        JsonNode documented = Contract.documentedResponse().get("checkpoint");
        for (String field : new String[] {"status", "resource_graph", "project_id", "extra_info"}) {
            assertThat(checkpoint.get(field)).as(field).isEqualTo(documented.get(field));
        }
        assertThat(checkpoint.get("protection_plan")).isEqualTo(Contract.parse("""
                {"id": "62171999-3df1-42f7-9513-6f9b1bea4744", "name": "daily", "resources": [
                  {"id": "7a32a8b5-7977-4e24-b5da-e0eb457db75b", "type": "OS::Nova::Server", "name": "server1", "extra_info": "{}"},
                  {"id": "b2b433bf-7dd6-4a74-aa8f-85673dfbda48", "type": "OS::Nova::Server", "name": "server2", "extra_info": "{}"}
                ]}"""));
        assertThat(Contract.fieldNames(checkpoint)).containsExactlyInAnyOrderElementsOf(Contract.fieldNames(documented));
    }

    @Test
    void reproducesTheDocumentedResponseForItsOwnPlan() {
        String body = "{\"checkpoint\": {\"plan_id\": \"" + DOCUMENTED_RESPONSE_PLAN + "\", \"parameters\": {}}}";
        HttpResponse<String> response = post(PATH, TOKEN, "application/json", body);

        assertThat(response.statusCode()).isEqualTo(200);
        Contract.assertValid(Contract.validator().validate(validRequest(PATH, body), CsbsSpec.validatorResponse(response)));
        ObjectNode actual = (ObjectNode) Contract.parse(response.body());
        assertGeneratedFields(actual.get("checkpoint"));

        ObjectNode expected = Contract.documentedResponse();
        ObjectNode expectedCheckpoint = (ObjectNode) expected.get("checkpoint");
        expectedCheckpoint.set("id", actual.get("checkpoint").get("id"));
        expectedCheckpoint.set("created_at", actual.get("checkpoint").get("created_at"));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void backsUpOnlyTheRequestedResources() {
        String body = "{\"checkpoint\": {\"plan_id\": \"62171999-3df1-42f7-9513-6f9b1bea4744\","
                + " \"parameters\": {\"resources\": [\"b2b433bf-7dd6-4a74-aa8f-85673dfbda48\"]}}}";
        HttpResponse<String> response = post(PATH, TOKEN, "application/json", body);

        assertThat(response.statusCode()).isEqualTo(200);
        Contract.assertValid(Contract.validator().validate(validRequest(PATH, body), CsbsSpec.validatorResponse(response)));
        ArrayNode resources = (ArrayNode) Contract.parse(response.body()).get("checkpoint").get("protection_plan").get("resources");
        assertThat(resources).singleElement().satisfies(
                resource -> assertThat(resource.get("id").asText()).isEqualTo("b2b433bf-7dd6-4a74-aa8f-85673dfbda48"));
    }

    @Test
    void ignoresUnknownFieldsAsTheRealServiceDoes() {
        ObjectNode request = Contract.documentedRequest();
        request.put("request_origin", "test");
        ((ObjectNode) request.get("checkpoint")).put("description", "nightly");
        ((ObjectNode) request.get("checkpoint").get("parameters")).put("incremental", true);

        HttpResponse<String> response = post(PATH, TOKEN, "application/json", request.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        Contract.assertValid(Contract.validator().validateResponse(PATH, Request.Method.POST, CsbsSpec.validatorResponse(response)));
        assertThat(Contract.parse(response.body()).get("checkpoint").get("protection_plan").get("resources")).hasSize(2);
    }

    @Test
    void givesEveryCheckpointItsOwnId() {
        String body = Contract.documentedRequest().toString();
        String first = Contract.parse(post(PATH, TOKEN, "application/json", body).body()).get("checkpoint").get("id").asText();
        String second = Contract.parse(post(PATH, TOKEN, "application/json", body).body()).get("checkpoint").get("id").asText();

        assertThat(first).matches(UUID_PATTERN).isNotEqualTo(second);
    }

    @Test
    void servesItsSpec() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(stub.baseUri().resolve("openapi.yaml")).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/yaml");
        assertThat(response.body()).isEqualTo(Contract.specText());
    }

    private static void assertGeneratedFields(JsonNode checkpoint) {
        assertThat(checkpoint.get("id").asText()).matches(UUID_PATTERN);
        String createdAt = checkpoint.get("created_at").asText();
        assertThat(createdAt).matches(CREATED_AT_PATTERN);
        assertThat(LocalDateTime.parse(createdAt))
                .isBetween(LocalDateTime.now(ZoneOffset.UTC).minusMinutes(1), LocalDateTime.now(ZoneOffset.UTC));
    }

    private static HttpResponse<String> post(String path, String token, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(stub.baseUri().resolve(path.substring(1)))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return Contract.send(http, request);
    }

    private static SimpleRequest validRequest(String path, String body) {
        return SimpleRequest.Builder.post(path)
                .withContentType("application/json")
                .withHeader("X-Auth-Token", TOKEN)
                .withBody(body)
                .build();
    }}
