package com.example.csbs.stub.admin;

import static com.example.csbs.stub.admin.AdminHttp.DAILY;
import static com.example.csbs.stub.admin.AdminHttp.PROJECT;
import static com.example.csbs.stub.admin.AdminHttp.PROVIDER;
import static com.example.csbs.stub.admin.AdminHttp.TOKEN;
import static com.example.csbs.stub.admin.AdminHttp.error;
import static com.example.csbs.stub.admin.AdminHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.StubServer;
import com.example.csbs.stub.data.BackupDataSet;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.threeten.extra.MutableClock;

/**
 * The admin token of a shared stub: listening on every interface (0.0.0.0, reached here on 127.0.0.1) with a
 * token, every admin operation refuses a request without it (401, the CSBS body, the Bearer challenge) and
 * applies nothing of it, and answers it with the token. Off loopback the stub does not start without a token;
 * on loopback without one the admin API needs nothing, as before. The token shows nowhere.
 */
class AdminTokenTest {

    static final String ADMIN_TOKEN = "s3cret-admin-token-for-tests";
    private static final String CHECKPOINTS = "/providers/" + PROVIDER + "/checkpoints";
    private static final String NIGHTLY = "3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44";
    private static final String SERVER = "8b1f5a30-7c2d-4e6f-a1b9-3c4d5e6f7a8b";
    private static final JsonNode UNAUTHORIZED = error("APIGW.0301",
            "Incorrect authentication information: the admin API needs Authorization: Bearer <admin token>");
    private static final String CHALLENGE = "Bearer realm=\"csbs-stub-admin\"";

    /** One admin operation, with a request it would apply (a valid body where it takes one) and its status then. */
    record Operation(String operationId, String method, String path, String body, int status) {
        @Override
        public String toString() {
            return operationId + " (" + method + " " + path + ")";
        }
    }

    /** Every operation of the admin API's document ({@link #theOperationsAreEveryOperationOfTheAdminDocument}). */
    static Stream<Operation> operations() {
        String setup = "/__admin/setup";
        String project = setup + "/projects/" + PROJECT;
        String server = "{\"id\": \"%s\", \"name\": \"db-server\", \"type\": \"OS::Nova::Server\"}".formatted(SERVER);
        return Stream.of(
                new Operation("getAdminSpec", "GET", "/__admin/openapi.yaml", null, 200),
                new Operation("listRequests", "GET", "/__admin/requests", null, 200),
                new Operation("clearRequests", "DELETE", "/__admin/requests", null, 204),
                new Operation("getSetup", "GET", setup, null, 200),
                new Operation("putProject", "POST", setup + "/projects",
                        "{\"id\": \"0f1e2d3c4b5a49687766554433221100\", \"token\": \"team-a-token\"}", 204),
                new Operation("putToken", "PUT", project + "/token", "{\"token\": \"rotated-token\"}", 204),
                new Operation("putPolicy", "POST", project + "/policies", "{\"id\": \"" + NIGHTLY + "\", \"name\": \"nightly\"}", 204),
                new Operation("putResource", "POST", project + "/policies/" + DAILY + "/resources", server, 204),
                new Operation("putServer", "POST", project + "/servers", server, 204),
                new Operation("putQuotas", "PUT", project + "/quotas", "{\"backups\": 3}", 204),
                new Operation("setNextBackups", "PUT", setup + "/next-backups", "{\"status\": \"error\"}", 204),
                new Operation("clearNextBackups", "DELETE", setup + "/next-backups", null, 204),
                new Operation("resetSetup", "POST", setup + "/reset", null, 204));
    }

    /** Credentials that are not the admin token's. */
    static Stream<Map<String, String>> wrongCredentials() {
        return Stream.of(
                Map.of(),
                Map.of("Authorization", "Bearer wrong-token"),
                Map.of("Authorization", "Bearer " + ADMIN_TOKEN + "x"),
                Map.of("Authorization", "Bearer " + ADMIN_TOKEN.substring(1)),
                Map.of("Authorization", ADMIN_TOKEN),
                Map.of("Authorization", "Basic " + ADMIN_TOKEN),
                Map.of("X-Auth-Token", "csbs-admin-token"), // a CSBS administrator's token is not the stub's
                Map.of("X-Auth-Token", ADMIN_TOKEN));
    }

    private final MutableClock clock = MutableClock.of(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    private AdminHttp stub;

    @BeforeEach
    void startOnEveryInterfaceWithAToken() {
        stub = new AdminHttp("0.0.0.0", StubOptions.defaults().withClock(clock), ADMIN_TOKEN);
        // Something for each operation to change: a checkpoint and a request in the journal, a policy, next backups.
        assertThat(stub.csbs("POST", CHECKPOINTS, "{\"checkpoint\": {\"plan_id\": \"" + DAILY + "\", \"parameters\": {}}}",
                TOKEN).statusCode()).isEqualTo(200);
        stub.admin("POST", "/__admin/setup/projects/" + PROJECT + "/policies",
                "{\"id\": \"11111111-2222-4333-8444-555555555555\", \"name\": \"added\"}");
        stub.admin("PUT", "/__admin/setup/next-backups", "{\"duration\": \"PT0S\"}");
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void theOperationsAreEveryOperationOfTheAdminDocument() {
        List<String> documented = new OpenAPIV3Parser().readContents(AdminHttp.resource("csbs/admin-openapi.yaml"))
                .getOpenAPI().getPaths().values().stream()
                .flatMap(path -> path.readOperations().stream())
                .map(io.swagger.v3.oas.models.Operation::getOperationId)
                .toList();

        assertThat(operations().map(Operation::operationId)).containsExactlyInAnyOrderElementsOf(documented).hasSize(13);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void refusesAnOperationWithoutTheTokenAndAppliesNothing(Operation operation) {
        State before = state();

        wrongCredentials().forEach(credentials -> {
            HttpResponse<String> refused = stub.adminAs(credentials, operation.method(), operation.path(), operation.body(),
                    "application/json");

            assertThat(refused.statusCode()).as("%s", credentials).isEqualTo(401);
            assertThat(json(refused.body())).as("%s", credentials).isEqualTo(UNAUTHORIZED);
            assertThat(refused.headers().allValues("WWW-Authenticate")).as("%s", credentials).containsExactly(CHALLENGE);
            assertThat(refused.headers().firstValue("Content-Type")).as("%s", credentials).hasValue("application/json");
            assertThat(state()).as("%s", credentials).isEqualTo(before);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void answersAnOperationWithTheToken(Operation operation) {
        HttpResponse<String> answered = stub.admin(operation.method(), operation.path(), operation.body());

        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(operation.status());
    }

    @Test
    void takesTheSchemeInAnyCase() {
        HttpResponse<String> answered = stub.adminAs(Map.of("Authorization", "bearer " + ADMIN_TOKEN), "GET",
                "/__admin/setup", null, null);

        assertThat(answered.statusCode()).isEqualTo(200);
    }

    /** Paths that no operation has, and spellings of an operation's path, which routing may or may not reach. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET /__admin", "GET /__admin/", "POST /__admin/nope", "PUT /__admin/setup", "OPTIONS /__admin/setup",
            "HEAD /__admin/setup", "PATCH /__admin/requests", "POST /__admin/setup/reset/", "POST /__admin;x=1/setup/reset",
            "POST /__admin/setup;x=1/reset", "POST /__admin/setup/reset;x=1", "POST /__admin/setup/./reset",
            "POST /v1/../__admin/setup/reset", "POST /%5F%5Fadmin/setup/reset", "POST /__admin/%73etup/reset",
            "POST //__admin/setup/reset"})
    void refusesEveryOtherAdminPathAndSpellingWithoutTheTokenToo(String request) {
        State before = state();
        String[] methodAndPath = request.split(" ");

        String answer = rawExchange(methodAndPath[0], methodAndPath[1]);

        assertThat(answer).startsWith("HTTP/1.1 401 ");
        assertThat(answer).contains("\r\nWWW-Authenticate: " + CHALLENGE + "\r\n");
        if (!methodAndPath[0].equals("HEAD")) {
            assertThat(json(answer.substring(answer.indexOf("\r\n\r\n") + 4))).isEqualTo(UNAUTHORIZED);
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void theCsbsApiIsAnsweredAsBeforeWithoutTheAdminToken() {
        assertThat(stub.csbs("GET", "/policies", null, TOKEN).statusCode()).isEqualTo(200);
        assertThat(json(stub.csbs("GET", "/policies", null, null).body()).path("error_code").asText()).isEqualTo("APIGW.0301");
        assertThat(stub.sendWith(Map.of(), "GET", "/openapi.yaml", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void theTokenShowsNowhere() {
        String bearer = "Bearer " + ADMIN_TOKEN;
        // Sent where it does not belong too: to the CSBS API, in the Authorization header and in another header.
        stub.sendWith(Map.of("X-Auth-Token", TOKEN, "Authorization", bearer), "GET", "/v1/" + PROJECT + "/policies", null, null);
        stub.sendWith(Map.of("X-Auth-Token", ADMIN_TOKEN), "GET", "/v1/" + PROJECT + "/policies", null, null);
        stub.admin("GET", "/__admin/setup", null);

        String journal = stub.admin("GET", "/__admin/requests", null).body();
        String setup = stub.admin("GET", "/__admin/setup", null).body();

        assertThat(json(journal).path("requests")).hasSize(3); // the seeded execution and the two above; admin requests are not recorded
        assertThat(journal).doesNotContain(ADMIN_TOKEN);
        assertThat(json(journal).at("/requests/1/headers/authorization")).isEqualTo(json("[\"****\"]"));
        assertThat(json(journal).at("/requests/2/headers/x-auth-token")).isEqualTo(json("[\"****\"]"));
        assertThat(stub.control.journal().requests()).allSatisfy(request ->
                assertThat(request.headers().toString() + request).doesNotContain(ADMIN_TOKEN));
        assertThat(setup).doesNotContain(ADMIN_TOKEN);
        assertThat(StubOptions.defaults().withAdminToken(ADMIN_TOKEN).toString()).doesNotContain(ADMIN_TOKEN);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0.0.0.0", "::", "192.0.2.10"})
    void offLoopbackWithoutATokenTheStubDoesNotStart(String host) {
        assertThatThrownBy(() -> StubServer.start(host, 0, BackupDataSet.embeddedDefault(), StubOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refusing to listen on " + host + " without an admin token: anyone who can reach it could"
                        + " change its setup; give one with --admin-token TOKEN or --admin-token-file PATH"
                        + " (StubOptions.withAdminToken in-process), or listen on 127.0.0.1");
    }

    @Test
    void onLoopbackWithoutATokenTheAdminApiNeedsNone() {
        try (AdminHttp loopback = new AdminHttp("localhost", StubOptions.defaults(), null)) {
            assertThat(loopback.adminAs(Map.of(), "GET", "/__admin/setup", null, null).statusCode()).isEqualTo(200);
            assertThat(loopback.adminAs(Map.of(), "POST", "/__admin/setup/reset", null, null).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void onLoopbackWithATokenTheAdminApiNeedsIt() {
        try (AdminHttp loopback = new AdminHttp("127.0.0.1", StubOptions.defaults(), ADMIN_TOKEN)) {
            HttpResponse<String> refused = loopback.adminAs(Map.of(), "POST", "/__admin/setup/reset", null, null);

            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(json(refused.body())).isEqualTo(UNAUTHORIZED);
            assertThat(loopback.admin("POST", "/__admin/setup/reset", null).statusCode()).isEqualTo(204);
        }
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", "two words", "tab\there"})
    void refusesATokenNoHeaderCouldCarry(String token) {
        assertThatThrownBy(() -> StubOptions.defaults().withAdminToken(token))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the admin token ");
    }

    /** What a refused request could have changed: the setup (data set, next backups), the journal, the backups. */
    private record State(JsonNode setup, List<JsonNode> journal, JsonNode backups) {
    }

    private static final String STATE_READ = "X-State-Read";

    // The setup and the journal through the admin API with the token (admin requests are not recorded); the backups
    // through the CSBS API, in a request marked as the state's own, which the journal of a later state leaves out.
    private State state() {
        JsonNode setup = json(stub.admin("GET", "/__admin/setup", null).body());
        List<JsonNode> journal = new ArrayList<>();
        json(stub.admin("GET", "/__admin/requests", null).body()).path("requests").forEach(request -> {
            if (!request.path("headers").has(STATE_READ.toLowerCase(Locale.ROOT))) {
                journal.add(request);
            }
        });
        JsonNode backups = json(stub.sendWith(Map.of("X-Auth-Token", TOKEN, STATE_READ, "true"), "GET",
                "/v1/" + PROJECT + "/checkpoint_items", null, null).body());
        return new State(setup, journal, backups);
    }

    // One request on a connection of its own, written as given (no client normalises its path).
    private String rawExchange(String method, String path) {
        try (Socket socket = new Socket("127.0.0.1", stub.stub.baseUri().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
