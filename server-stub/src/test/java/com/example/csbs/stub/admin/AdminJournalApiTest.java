package com.example.csbs.stub.admin;

import static com.example.csbs.stub.admin.AdminHttp.DAILY;
import static com.example.csbs.stub.admin.AdminHttp.PROJECT;
import static com.example.csbs.stub.admin.AdminHttp.PROVIDER;
import static com.example.csbs.stub.admin.AdminHttp.TOKEN;
import static com.example.csbs.stub.admin.AdminHttp.error;
import static com.example.csbs.stub.admin.AdminHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.journal.JournalOptions;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/** The request journal over the admin API: what it records, its filters, its bounds, clearing it, what it leaves out. */
class AdminJournalApiTest {

    private static final String CHECKPOINTS = "/providers/" + PROVIDER + "/checkpoints";
    private static final Instant NOW = Instant.parse("2026-03-02T09:15:04.120Z");

    private final MutableClock clock = MutableClock.of(NOW, ZoneOffset.UTC);
    private AdminHttp stub;

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void recordsEachRequestAsItArrivedWithTheStatusAndTheContractsVerdict() {
        stub = new AdminHttp(StubOptions.defaults().withClock(clock));
        stub.csbs("POST", CHECKPOINTS, "{\"checkpoint\": {\"plan_id\": 42, \"parameters\": {}}}", TOKEN);
        stub.csbs("GET", "/checkpoint_items?limit=2&name=web%20server", null, "");

        HttpResponse<String> response = stub.admin("GET", "/__admin/requests", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode journal = json(response.body());
        String userAgent = journal.at("/requests/0/headers/user-agent/0").asText();
        assertThat(userAgent).startsWith("Java-http-client/");
        assertThat(journal).isEqualTo(json("""
                {"capacity": 1000, "body_limit": 65536, "recorded": 2, "dropped": 0, "requests": [
                  {"id": 1, "received_at": "2026-03-02T09:15:04.120Z", "method": "POST",
                   "path": "/v1/%1$s/providers/%2$s/checkpoints", "query": null,
                   "headers": {"content-length": ["49"], "content-type": ["application/json"],
                               "host": ["%3$s"], "user-agent": ["%4$s"], "x-auth-token": ["****"]},
                   "body": "{\\"checkpoint\\": {\\"plan_id\\": 42, \\"parameters\\": {}}}", "body_truncated": false,
                   "status": 400, "valid": false, "messages": [
                     {"level": "ERROR", "key": "validation.request.body.schema.type",
                      "message": "[Path '/checkpoint/plan_id'] Instance type (integer) does not match any allowed primitive type (allowed: [\\"string\\"])"}]},
                  {"id": 2, "received_at": "2026-03-02T09:15:04.120Z", "method": "GET",
                   "path": "/v1/%1$s/checkpoint_items", "query": "limit=2&name=web%%20server",
                   "headers": {"content-length": ["0"], "host": ["%3$s"], "user-agent": ["%4$s"], "x-auth-token": [""]},
                   "body": null, "body_truncated": false,
                   "status": 401, "valid": false, "messages": [
                     {"level": "ERROR", "key": "validation.request.security.missing",
                      "message": "GET on path '/v1/%1$s/checkpoint_items' requires security parameters. None found."}]}
                ]}""".formatted(PROJECT, PROVIDER, stub.stub.baseUri().getAuthority(), userAgent)));
    }

    @Test
    void filtersByVerdictAndByTheLastIdSeen() {
        stub = new AdminHttp(StubOptions.defaults());
        stub.csbs("GET", "/policies", null, TOKEN);
        stub.csbs("GET", "/policies?limit=0", null, TOKEN);
        stub.csbs("GET", "/policies?sort=name:asc", null, TOKEN);

        assertThat(ids(stub.admin("GET", "/__admin/requests?valid=false", null))).isEqualTo(json("[2]"));
        assertThat(ids(stub.admin("GET", "/__admin/requests?valid=true", null))).isEqualTo(json("[1, 3]"));
        assertThat(ids(stub.admin("GET", "/__admin/requests?since=1", null))).isEqualTo(json("[2, 3]"));
        assertThat(ids(stub.admin("GET", "/__admin/requests?since=1&valid=true", null))).isEqualTo(json("[3]"));
        assertThat(ids(stub.admin("GET", "/__admin/requests?since=3", null))).isEqualTo(json("[]"));
    }

    @Test
    void aBadFilterIs400() {
        stub = new AdminHttp(StubOptions.defaults());

        for (String query : new String[] {"since=-1", "since=x", "valid=yes", "valid=TRUE"}) {
            HttpResponse<String> response = stub.adminRefused("GET", "/__admin/requests?" + query, null, null);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(json(response.body()).path("error_code").asText()).as(query).isEqualTo("CSBS.9001");
        }
        assertThat(json(stub.adminRefused("GET", "/__admin/requests?since=-1", null, null).body()))
                .isEqualTo(error("CSBS.9001", "Parameter verification failed: since must be greater than or equal to 0"));
    }

    @Test
    void keepsTheLastRequestsUpToItsSize() {
        stub = new AdminHttp(StubOptions.defaults().withJournal(new JournalOptions(2, 1024)));
        for (int limit = 1; limit <= 5; limit++) {
            stub.csbs("GET", "/policies?limit=" + limit, null, TOKEN);
        }

        JsonNode journal = json(stub.admin("GET", "/__admin/requests", null).body());

        assertThat(journal.path("capacity").asInt()).isEqualTo(2);
        assertThat(journal.path("recorded").asLong()).isEqualTo(5);
        assertThat(journal.path("dropped").asLong()).isEqualTo(3);
        assertThat(ids(journal)).isEqualTo(json("[4, 5]"));
        assertThat(journal.at("/requests/1/query").asText()).isEqualTo("limit=5");
    }

    @Test
    void keepsABodyUpToTheLimitAndDoesNotCheckALongerOne() {
        stub = new AdminHttp(StubOptions.defaults().withJournal(new JournalOptions(10, 16)));
        String body = "{\"checkpoint\": {\"plan_id\": \"" + DAILY + "\", \"parameters\": {}}}";

        HttpResponse<String> executed = stub.csbs("POST", CHECKPOINTS, body, TOKEN);

        assertThat(executed.statusCode()).as("the stub read the whole body all the same").isEqualTo(200);
        JsonNode recorded = json(stub.admin("GET", "/__admin/requests", null).body()).at("/requests/0");
        assertThat(recorded.path("body").asText()).isEqualTo(body.substring(0, 16));
        assertThat(recorded.path("body_truncated").asBoolean()).isTrue();
        assertThat(recorded.path("valid").isNull()).isTrue();
        assertThat(recorded.path("messages")).isEqualTo(json("""
                [{"level": "INFO", "key": "journal.body.truncated",
                  "message": "the body is longer than the journal keeps (--journal-body-limit): not checked"}]"""));
    }

    @Test
    void recordsRequestsTheStubTurnsAwayBeforeRoutingOrAuthentication() {
        stub = new AdminHttp(StubOptions.defaults());
        stub.csbs("GET", "/polices", null, TOKEN); // not a path of the API: 404
        stub.send("OPTIONS", "/v1/" + PROJECT + "/policies", null, null, TOKEN); // 405
        stub.csbs("GET", "/policies", null, "csbs-other-project-token"); // 403
        stub.send("POST", "/v1/" + PROJECT + CHECKPOINTS, "x".repeat(2 << 20), "application/json", TOKEN); // 413

        JsonNode requests = json(stub.admin("GET", "/__admin/requests", null).body()).path("requests");

        assertThat(requests).extracting(request -> request.path("status").asInt()).containsExactly(404, 405, 403, 413);
        assertThat(requests).extracting(request -> request.path("valid").asText())
                .containsExactly("false", "false", "true", "null");
        assertThat(requests.get(3).path("body").asText()).hasSize(JournalOptions.DEFAULT_BODY_LIMIT);
    }

    @Test
    void clearingEmptiesItAndTheIdsGoOn() {
        stub = new AdminHttp(StubOptions.defaults());
        stub.csbs("GET", "/policies", null, TOKEN);
        stub.csbs("GET", "/policies", null, TOKEN);

        HttpResponse<String> cleared = stub.admin("DELETE", "/__admin/requests", null);

        assertThat(cleared.statusCode()).isEqualTo(204);
        assertThat(cleared.body()).isEmpty();
        assertThat(json(stub.admin("GET", "/__admin/requests", null).body())).isEqualTo(json("""
                {"capacity": 1000, "body_limit": 65536, "recorded": 0, "dropped": 0, "requests": []}"""));
        stub.csbs("GET", "/policies", null, TOKEN);
        assertThat(ids(stub.admin("GET", "/__admin/requests", null))).isEqualTo(json("[3]"));
        assertThat(stub.control.journal().requests()).extracting(request -> request.id()).containsExactly(3L);
    }

    @Test
    void doesNotRecordTheAdminApiNorTheStubsDocuments() {
        stub = new AdminHttp(StubOptions.defaults());
        stub.send("GET", "/openapi.yaml", null, null, null);
        stub.send("GET", "/docs", null, null, null);
        stub.admin("GET", "/__admin/setup", null);
        stub.adminRefused("POST", "/__admin/setup/projects", "{", "application/json");
        stub.send("GET", "/__admin/nothing-here", null, null, null);

        assertThat(json(stub.admin("GET", "/__admin/requests", null).body()).path("recorded").asLong()).isZero();
    }

    @Test
    void offRecordsNothingAndSaysSo() {
        stub = new AdminHttp(StubOptions.defaults().withJournal(JournalOptions.off()));
        stub.csbs("GET", "/policies", null, TOKEN);

        assertThat(json(stub.admin("GET", "/__admin/requests", null).body())).isEqualTo(json("""
                {"capacity": 0, "body_limit": 65536, "recorded": 0, "dropped": 0, "requests": []}"""));
        assertThat(stub.control.journal().enabled()).isFalse();
    }

    @Test
    void answersAMethodThePathDoesNotHaveWith405AndAnUnknownAdminPathWith404() {
        stub = new AdminHttp(StubOptions.defaults());

        HttpResponse<String> put = stub.send("PUT", "/__admin/requests", "{}", "application/json", null);
        HttpResponse<String> unknown = stub.send("GET", "/__admin/request", null, null, null);

        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValueSatisfying(allow ->
                assertThat(allow.split(",")).containsExactlyInAnyOrder("DELETE", "GET"));
        assertThat(json(put.body())).isEqualTo(error("APIGW.0101", "The API does not support this HTTP method"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown.body())).isEqualTo(error("APIGW.0101", "The API does not exist or has not been published"));
    }

    @Test
    void servesItsOwnDocumentNextToTheContract() {
        stub = new AdminHttp(StubOptions.defaults());

        HttpResponse<String> document = stub.admin("GET", "/__admin/openapi.yaml", null);

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("Content-Type")).hasValue("application/yaml");
        assertThat(document.body()).isEqualTo(AdminHttp.resource("csbs/admin-openapi.yaml"));
        assertThat(document.body()).doesNotContain("/v1/{project_id}");
        assertThat(AdminHttp.resource("csbs/openapi.yaml")).doesNotContain("__admin");
    }

    private static JsonNode ids(HttpResponse<String> response) {
        return ids(json(response.body()));
    }

    private static JsonNode ids(JsonNode journal) {
        var ids = AdminHttp.JSON.createArrayNode();
        journal.path("requests").forEach(request -> ids.add(request.path("id")));
        return ids;
    }
}
