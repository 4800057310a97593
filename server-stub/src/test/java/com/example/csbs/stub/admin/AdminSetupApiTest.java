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
import com.example.csbs.stub.backup.BackupOutcome;
import com.example.csbs.stub.backup.BackupStatus;
import com.example.csbs.stub.backup.NextBackups;
import com.example.csbs.stub.data.BackupDataSet;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.threeten.extra.MutableClock;

/**
 * The run-time setup over the admin API: each endpoint, what it changes in the CSBS API, refused
 * setups (400 naming the problem, nothing applied), the outcome of the next backups on the stub's
 * clock, reset, and concurrent changes.
 */
class AdminSetupApiTest {

    private static final String CHECKPOINTS = "/providers/" + PROVIDER + "/checkpoints";
    private static final String NIGHTLY = "3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44";
    private static final String DB_SERVER = "8b1f5a30-7c2d-4e6f-a1b9-3c4d5e6f7a8b";
    private static final String TEAM_A = "0f1e2d3c4b5a49687766554433221100";
    private static final String TEAM_A_PROJECT = """
            {"id": "%s", "token": "team-a-token", "policies": [
              {"id": "%s", "name": "nightly", "resources": [
                {"id": "%s", "name": "db-server", "type": "OS::Nova::Server"}]}]}""".formatted(TEAM_A, NIGHTLY, DB_SERVER);

    private final MutableClock clock = MutableClock.of(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    private AdminHttp stub;

    @BeforeEach
    void start() {
        stub = new AdminHttp(StubOptions.defaults().withClock(clock).withBackupDuration(Duration.ofSeconds(3)));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void showsTheStartUpDataSetWithItsDefaultsAndNothingSetForTheNextBackups() {
        HttpResponse<String> response = stub.admin("GET", "/__admin/setup", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode setup = json(response.body());
        assertThat(setup.has("next_backups")).isFalse();
        assertThat(setup.at("/data_set/projects")).extracting(project -> project.path("id").asText() + " "
                        + project.path("token").asText() + " " + project.path("admin").asBoolean())
                .containsExactly(PROJECT + " csbs-demo-token false",
                        "5d7ea3b1c94e4f0a8b6d2e1f3a9c7b60 csbs-other-project-token false",
                        "0a1d2b3c4d5e4f60a7b8c9d0e1f2a3b4 csbs-admin-token true");
        assertThat(setup.at("/data_set/projects/0/policies/1")).isEqualTo(json("""
                {"id": "6a6cda7e-7b89-4b14-8e5c-3b6821a97d2c", "name": "backup", "description": "", "status": "enabled",
                 "created_at": "2016-12-06T21:20:29.898823", "scheduled_operations": [], "tags": [],
                 "resources": [{"id": "1c960fe4-e679-421a-97cd-4f7463d2344b", "name": "server0", "type": "OS::Nova::Server",
                                "extra_info": "{}", "az": "eu-de-01", "private_ip": "", "eip": "", "vcpus": 1, "ram": 1024,
                                "disk": 40, "backup_outcome": {"status": "available"}, "protectable": {"result": true},
                                "restorable": {"result": true}, "restore_outcome": {"status": "available"}}]}"""));
        assertThat(setup.at("/data_set/projects/0/servers")).isEqualTo(json("[]"));
        assertThat(setup.at("/data_set/projects/0/quotas")).isEqualTo(json("{\"backups\": -1, \"backup_capacity\": -1}"));
        assertThat(setup.at("/data_set/projects/0/policies/0/scheduled_operations/0/operation_definition/max_backups").asInt())
                .isEqualTo(7);
        assertThat(setup.at("/data_set/projects/0/policies/2/resources/0/backup_outcome")).isEqualTo(json("""
                {"status": "error", "fail_code": 6007,
                 "fail_reason": "No volume attached to the server (e3d2c1b0-a9f8-4e7d-8c6b-5a4f3e2d1c0b) for protect."}"""));
    }

    @Test
    void addsAProjectWhoseTokenAndPoliciesTheCsbsApiThenAnswersWith() {
        HttpResponse<String> added = stub.admin("POST", "/__admin/setup/projects", TEAM_A_PROJECT);

        assertThat(added.statusCode()).isEqualTo(204);
        assertThat(added.body()).isEmpty();
        HttpResponse<String> policies = stub.send("GET", "/v1/" + TEAM_A + "/policies", null, null, "team-a-token");
        assertThat(policies.statusCode()).isEqualTo(200);
        assertThat(policies.body()).contains("\"name\":\"nightly\"", "\"project_id\":\"" + TEAM_A + "\"");
        HttpResponse<String> executed = stub.send("POST", "/v1/" + TEAM_A + CHECKPOINTS,
                "{\"checkpoint\": {\"plan_id\": \"" + NIGHTLY + "\", \"parameters\": {}}}", "application/json", "team-a-token");
        assertThat(executed.statusCode()).isEqualTo(200);
        assertThat(json(executed.body()).at("/checkpoint/protection_plan/resources/0/name").asText()).isEqualTo("db-server");
    }

    @Test
    void replacesTheProjectWithTheSameIdWhole() {
        stub.admin("POST", "/__admin/setup/projects", """
                {"id": "%s", "token": "csbs-demo-token", "policies": [{"id": "%s", "name": "nightly"}]}"""
                .formatted(PROJECT, NIGHTLY));

        assertThat(stub.csbs("GET", "/policies/" + NIGHTLY, null, TOKEN).statusCode()).isEqualTo(200);
        assertThat(json(stub.csbs("GET", "/policies/" + DAILY, null, TOKEN).body()))
                .isEqualTo(error("CSBS.3000", "plan not found"));
        assertThat(json(stub.admin("GET", "/__admin/setup", null).body()).at("/data_set/projects/0/policies"))
                .extracting(policy -> policy.path("name").asText()).containsExactly("nightly");
    }

    @Test
    void replacesATokenAndWhetherItIsAnAdministrators() {
        HttpResponse<String> replaced = stub.admin("PUT", "/__admin/setup/projects/" + PROJECT + "/token",
                "{\"token\": \"rotated-token\", \"admin\": true}");

        assertThat(replaced.statusCode()).isEqualTo(204);
        assertThat(stub.csbs("GET", "/policies", null, TOKEN).statusCode()).isEqualTo(401);
        assertThat(stub.csbs("GET", "/policies?all_tenants=true", null, "rotated-token").statusCode()).isEqualTo(200);
    }

    @Test
    void addsAndReplacesAPolicy() {
        String policy = "{\"id\": \"%s\", \"name\": \"%s\", \"tags\": [{\"key\": \"team\", \"value\": \"db\"}]}";

        HttpResponse<String> added = stub.admin("POST", "/__admin/setup/projects/" + PROJECT + "/policies",
                policy.formatted(NIGHTLY, "nightly"));
        stub.admin("POST", "/__admin/setup/projects/" + PROJECT + "/policies", policy.formatted(NIGHTLY, "hourly"));

        assertThat(added.statusCode()).isEqualTo(204);
        JsonNode answered = json(stub.csbs("GET", "/policies/" + NIGHTLY, null, TOKEN).body()).path("policy");
        assertThat(answered.path("name").asText()).isEqualTo("hourly");
        assertThat(answered.path("tags")).isEqualTo(json("[{\"key\": \"team\", \"value\": \"db\"}]"));
        assertThat(json(stub.csbs("GET", "/policies", null, TOKEN).body()).path("policies")).hasSize(4);
    }

    @Test
    void addsAResourceWhoseBackupsEndAsItSays() {
        HttpResponse<String> added = stub.admin("POST", "/__admin/setup/projects/" + PROJECT + "/policies/" + DAILY
                + "/resources", """
                {"id": "%s", "name": "db-server", "type": "OS::Nova::Server", "disk": 100,
                 "backup_outcome": {"status": "error", "fail_code": 6007, "fail_reason": "No volume attached"}}"""
                .formatted(DB_SERVER));

        assertThat(added.statusCode()).isEqualTo(204);
        String checkpoint = execute("{\"checkpoint\": {\"plan_id\": \"" + DAILY + "\", \"parameters\": {\"resources\": [\""
                + DB_SERVER + "\"]}}}", null);
        clock.add(Duration.ofSeconds(3));
        JsonNode backup = backups(checkpoint).get(0);
        assertThat(backup.path("status").asText()).isEqualTo("error");
        assertThat(backup.at("/extend_info/fail_code")).isEqualTo(json("{\"Code\": \"6007\", \"Description\": \"No volume attached\"}"));
        assertThat(backup.at("/extend_info/fail_reason").asText()).isEqualTo("No volume attached");
        assertThat(backup.at("/backup_data/disk").asInt()).isEqualTo(100);
    }

    @Test
    void addsAndReplacesAServerOfTheProjectWithWhetherItCanBeBackedUpAndRestoredTo() {
        String server = """
                {"id": "5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b", "name": "%s", "type": "OS::Nova::Server",
                 "protectable": {"result": false, "error_code": "CSBS.6006", "error_msg": "stopped"},
                 "restore_outcome": {"status": "error", "fail_code": 6014}}""";

        HttpResponse<String> added = stub.admin("POST", "/__admin/setup/projects/" + PROJECT + "/servers",
                server.formatted("stopped-server"));
        stub.admin("POST", "/__admin/setup/projects/" + PROJECT + "/servers", server.formatted("renamed-server"));

        assertThat(added.statusCode()).isEqualTo(204);
        JsonNode servers = json(stub.admin("GET", "/__admin/setup", null).body()).at("/data_set/projects/0/servers");
        assertThat(servers).hasSize(1);
        assertThat(servers.get(0).path("name").asText()).isEqualTo("renamed-server");
        assertThat(servers.get(0).path("protectable")).isEqualTo(json(
                "{\"result\": false, \"error_code\": \"CSBS.6006\", \"error_msg\": \"stopped\"}"));
        assertThat(servers.get(0).path("restorable")).isEqualTo(json("{\"result\": true}"));
        assertThat(servers.get(0).path("restore_outcome")).isEqualTo(json(
                "{\"status\": \"error\", \"fail_code\": 6014, \"fail_reason\": \"backup failed: the stub was asked for a failed backup\"}"));
        assertThat(stub.control.setup().dataSet().project(PROJECT).orElseThrow().server("5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b"))
                .get().extracting(server1 -> server1.protectable().result()).isEqualTo(false);
    }

    @Test
    void setsQuotasThatAnExecutionPastThemIsRefusedWith9006() {
        HttpResponse<String> set = stub.admin("PUT", "/__admin/setup/projects/" + PROJECT + "/quotas", "{\"backups\": 3}");

        assertThat(set.statusCode()).isEqualTo(204);
        assertThat(json(stub.admin("GET", "/__admin/setup", null).body()).at("/data_set/projects/0/quotas"))
                .isEqualTo(json("{\"backups\": 3, \"backup_capacity\": -1}"));
        execute(dailyExecution(), null); // two backups
        HttpResponse<String> refused = stub.csbs("POST", CHECKPOINTS, dailyExecution(), TOKEN);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body())).isEqualTo(error("CSBS.9006", "Quota exceeded for resources: backups"));
        stub.admin("PUT", "/__admin/setup/projects/" + PROJECT + "/quotas", "{}");
        execute(dailyExecution(), null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a server of an unknown project | /__admin/setup/projects/nope/servers | {"id": "5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b", "name": "s", "type": "OS::Nova::Server"} | invalid setup: there is no project nope
            a refusal said to be a success | /__admin/setup/projects/b942cc8342734d15bcb246babb1953cf/servers | {"id": "5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b", "name": "s", "type": "OS::Nova::Server", "restorable": {"result": true, "error_code": "CSBS.6020"}} | invalid setup: error_code and error_msg go with result false only
            a server id not a UUID         | /__admin/setup/projects/b942cc8342734d15bcb246babb1953cf/servers | {"id": "s1", "name": "s", "type": "OS::Nova::Server"} | id must be a UUID string
            """)
    void refusesAServerNamingTheProblemAndAppliesNothing(String what, String path, String body, String problem) {
        JsonNode before = json(stub.admin("GET", "/__admin/setup", null).body());

        HttpResponse<String> refused = stub.adminRefused("POST", path, body, "application/json");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body())).isEqualTo(error("CSBS.9001", "Parameter verification failed: " + problem));
        assertThat(json(stub.admin("GET", "/__admin/setup", null).body())).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a quota under -1   | b942cc8342734d15bcb246babb1953cf | {"backups": -2}         | quotas.backups must be greater than or equal to -1
            an unknown project | nope                             | {"backups": 1}          | invalid setup: there is no project nope
            an unknown quota   | b942cc8342734d15bcb246babb1953cf | {"volumes": 1}          | volumes is not a known field
            """)
    void refusesQuotasNamingTheProblem(String what, String project, String body, String problem) {
        HttpResponse<String> refused = stub.adminRefused("PUT", "/__admin/setup/projects/" + project + "/quotas", body,
                "application/json");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body())).isEqualTo(error("CSBS.9001", "Parameter verification failed: " + problem));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a token of another project     | /__admin/setup/projects | {"id": "x1", "token": "csbs-other-project-token"} | invalid setup: a token is shared by two projects
            two policies with one id       | /__admin/setup/projects | {"id": "x1", "token": "t", "policies": [{"id": "3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44", "name": "a"}, {"id": "3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44", "name": "b"}]} | invalid setup: policy id 3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44 appears twice in project x1
            a policy id not a UUID         | /__admin/setup/projects | {"id": "x1", "token": "t", "policies": [{"id": "42", "name": "a"}]} | policies[0].id must be a UUID string
            a misspelt field               | /__admin/setup/projects | {"id": "x1", "token": "t", "policis": []} | policis is not a known field
            a field of the wrong type      | /__admin/setup/projects | {"id": "x1", "token": "t", "policies": [{"id": "3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44", "name": "a", "resources": [{"id": "8b1f5a30-7c2d-4e6f-a1b9-3c4d5e6f7a8b", "name": "s", "type": "OS::Nova::Server", "disk": "big"}]}]} | policies[0].resources[0].disk must be an integer
            a resource type CSBS has not   | /__admin/setup/projects | {"id": "x1", "token": "t", "policies": [{"id": "3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44", "name": "a", "resources": [{"id": "8b1f5a30-7c2d-4e6f-a1b9-3c4d5e6f7a8b", "name": "s", "type": "OS::Nova::Volume"}]}]} | policies[0].resources[0].type must be one of [OS::Nova::Server]
            no token                       | /__admin/setup/projects | {"id": "x1"} | token is required
            an empty token                 | /__admin/setup/projects | {"id": "x1", "token": ""} | project.token size must be between 1 and 2147483647
            an outcome not available/error | /__admin/setup/projects/b942cc8342734d15bcb246babb1953cf/policies/62171999-3df1-42f7-9513-6f9b1bea4744/resources | {"id": "8b1f5a30-7c2d-4e6f-a1b9-3c4d5e6f7a8b", "name": "s", "type": "OS::Nova::Server", "backup_outcome": {"status": "protecting"}} | backup_outcome.status must be one of [available, error]
            a fail_code with available     | /__admin/setup/projects/b942cc8342734d15bcb246babb1953cf/policies/62171999-3df1-42f7-9513-6f9b1bea4744/resources | {"id": "8b1f5a30-7c2d-4e6f-a1b9-3c4d5e6f7a8b", "name": "s", "type": "OS::Nova::Server", "backup_outcome": {"status": "available", "fail_code": 1}} | invalid setup: backup_outcome: fail_code and fail_reason go with status error only
            a policy of an unknown project | /__admin/setup/projects/nope/policies | {"id": "3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44", "name": "a"} | invalid setup: there is no project nope
            a resource of an unknown policy | /__admin/setup/projects/b942cc8342734d15bcb246babb1953cf/policies/3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44/resources | {"id": "8b1f5a30-7c2d-4e6f-a1b9-3c4d5e6f7a8b", "name": "s", "type": "OS::Nova::Server"} | invalid setup: there is no policy 3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44 in project b942cc8342734d15bcb246babb1953cf
            a policy id in the path not a UUID | /__admin/setup/projects/b942cc8342734d15bcb246babb1953cf/policies/daily/resources | {"id": "8b1f5a30-7c2d-4e6f-a1b9-3c4d5e6f7a8b", "name": "s", "type": "OS::Nova::Server"} | policy_id has a value of the wrong type or form
            malformed JSON                 | /__admin/setup/projects | {"id": | the request body is not valid JSON (line 1, column 7)
            no body                        | /__admin/setup/projects | `` | project must not be null
            """)
    void refusesASetupNamingTheProblemAndAppliesNothing(String what, String path, String body, String problem) {
        JsonNode before = json(stub.admin("GET", "/__admin/setup", null).body());

        HttpResponse<String> refused = stub.adminRefused("POST", path, body == null ? "" : body, "application/json");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body())).isEqualTo(error("CSBS.9001", "Parameter verification failed: " + problem));
        assertThat(json(stub.admin("GET", "/__admin/setup", null).body())).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a token of another project | {"token": "csbs-other-project-token"} | invalid setup: a token is shared by two projects
            a blank token              | {"token": " "}                        | invalid setup: project b942cc8342734d15bcb246babb1953cf has no token
            an unknown project         | {"token": "t"}                        | invalid setup: there is no project nope
            """)
    void refusesATokenNamingTheProblem(String what, String body, String problem) {
        String project = what.equals("an unknown project") ? "nope" : PROJECT;

        HttpResponse<String> refused = stub.adminRefused("PUT", "/__admin/setup/projects/" + project + "/token", body,
                "application/json");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body())).isEqualTo(error("CSBS.9001", "Parameter verification failed: " + problem));
        assertThat(stub.csbs("GET", "/policies", null, TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void aProjectWhoseLastPolicyIsRefusedIsNotAddedInPart() {
        HttpResponse<String> refused = stub.adminRefused("POST", "/__admin/setup/projects", """
                {"id": "%s", "token": "team-a-token", "policies": [
                  {"id": "%s", "name": "nightly"},
                  {"id": "11111111-2222-4333-8444-555555555555", "name": "twice", "resources": [
                    {"id": "%s", "name": "a", "type": "OS::Nova::Server"}, {"id": "%3$s", "name": "b", "type": "OS::Nova::Server"}]}]}"""
                .formatted(TEAM_A, NIGHTLY, DB_SERVER), "application/json");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body()).path("error_msg").asText()).isEqualTo("Parameter verification failed: invalid setup: "
                + "resource id " + DB_SERVER + " appears twice in policy 11111111-2222-4333-8444-555555555555");
        assertThat(stub.send("GET", "/v1/" + TEAM_A + "/policies", null, null, "team-a-token").statusCode()).isEqualTo(401);
        assertThat(stub.control.setup().dataSet().project(TEAM_A)).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        HttpResponse<String> refused = stub.adminRefused("POST", "/__admin/setup/projects", TEAM_A_PROJECT, "text/plain");

        assertThat(refused.statusCode()).isEqualTo(415);
        assertThat(json(refused.body())).isEqualTo(error("CSBS.9001",
                "Parameter verification failed: the request body must be application/json"));
    }

    @Test
    void theNextBackupsEndAsSetForTheExecutionsGivenThenAsTheDataSetSays() {
        HttpResponse<String> set = stub.admin("PUT", "/__admin/setup/next-backups", """
                {"status": "error", "fail_code": 6007, "fail_reason": "No volume attached", "duration": "PT10S", "executions": 1}""");
        assertThat(set.statusCode()).isEqualTo(204);
        assertThat(json(stub.admin("GET", "/__admin/setup", null).body()).path("next_backups")).isEqualTo(json("""
                {"status": "error", "fail_code": 6007, "fail_reason": "No volume attached", "duration": "PT10S", "executions": 1}"""));

        String failing = execute(dailyExecution(), null);
        String available = execute(dailyExecution(), null);

        assertThat(json(stub.admin("GET", "/__admin/setup", null).body()).has("next_backups")).as("used up").isFalse();
        clock.add(Duration.ofSeconds(4)); // past the default 3 s; the failing ones take 10 s, and fail half-way
        assertThat(statuses(failing)).containsExactly("protecting", "protecting");
        assertThat(statuses(available)).containsExactly("available", "available");
        clock.add(Duration.ofSeconds(1));
        assertThat(statuses(failing)).containsExactly("error", "error");
        assertThat(backups(failing).get(0).at("/extend_info/fail_code"))
                .isEqualTo(json("{\"Code\": \"6007\", \"Description\": \"No volume attached\"}"));
    }

    @Test
    void withoutExecutionsEveryExecutionTakesItUntilCleared() {
        stub.admin("PUT", "/__admin/setup/next-backups", "{\"duration\": \"PT0S\"}");
        String first = execute(dailyExecution(), null);
        String second = execute(dailyExecution(), null);
        assertThat(json(stub.admin("GET", "/__admin/setup", null).body()).path("next_backups"))
                .isEqualTo(json("{\"duration\": \"PT0S\"}"));

        HttpResponse<String> cleared = stub.admin("DELETE", "/__admin/setup/next-backups", null);
        String third = execute(dailyExecution(), null);

        assertThat(cleared.statusCode()).isEqualTo(204);
        assertThat(json(stub.admin("GET", "/__admin/setup", null).body()).has("next_backups")).isFalse();
        assertThat(statuses(first)).containsExactly("available", "available");
        assertThat(statuses(second)).containsExactly("available", "available");
        assertThat(statuses(third)).containsExactly("waiting_protect", "waiting_protect");
    }

    @Test
    void aPreferHeaderStillDecidesTheOutcomeOfItsOwnExecution() {
        stub.admin("PUT", "/__admin/setup/next-backups", "{\"status\": \"error\", \"duration\": \"PT2S\"}");

        String preferred = execute(dailyExecution(), "backup=available");
        clock.add(Duration.ofSeconds(2));

        assertThat(statuses(preferred)).containsExactly("available", "available");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a duration not ISO-8601      | {"duration": "10s"}                   | invalid setup: duration must be an ISO-8601 duration such as PT0S, PT10S or PT2M
            a negative duration          | {"duration": "-PT1S"}                 | invalid setup: duration must not be negative, was PT-1S
            a fail_code without error    | {"fail_code": 6007}                   | invalid setup: fail_code and fail_reason go with status error only
            no executions                | {"status": "error", "executions": 0}  | next_backups.executions must be greater than or equal to 1
            an unknown status            | {"status": "done"}                    | status must be one of [available, error]
            an unknown field             | {"status": "error", "count": 2}       | count is not a known field
            """)
    void refusesNextBackupsNamingTheProblem(String what, String body, String problem) {
        HttpResponse<String> refused = stub.adminRefused("PUT", "/__admin/setup/next-backups", body, "application/json");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body())).isEqualTo(error("CSBS.9001", "Parameter verification failed: " + problem));
        assertThat(json(stub.admin("GET", "/__admin/setup", null).body()).has("next_backups")).isFalse();
    }

    @Test
    void resetGoesBackToTheStartUpDataSetWithoutBackupsAndKeepsTheJournal() {
        JsonNode startUp = json(stub.admin("GET", "/__admin/setup", null).body());
        stub.admin("POST", "/__admin/setup/projects", TEAM_A_PROJECT);
        stub.admin("PUT", "/__admin/setup/projects/" + PROJECT + "/token", "{\"token\": \"rotated-token\"}");
        stub.admin("PUT", "/__admin/setup/next-backups", "{\"status\": \"error\"}");
        String checkpoint = execute("{\"checkpoint\": {\"plan_id\": \"" + DAILY + "\", \"parameters\": {}}}", null, "rotated-token");
        long journaled = stub.control.journal().recorded();

        HttpResponse<String> reset = stub.admin("POST", "/__admin/setup/reset", null);

        assertThat(reset.statusCode()).isEqualTo(204);
        assertThat(json(stub.admin("GET", "/__admin/setup", null).body())).isEqualTo(startUp);
        assertThat(json(stub.csbs("GET", "/checkpoint_items/count", null, TOKEN).body())).isEqualTo(json("{\"count\": 0}"));
        assertThat(json(stub.csbs("GET", "/checkpoint_items?checkpoint_id=" + checkpoint, null, TOKEN).body()))
                .isEqualTo(json("{\"checkpoint_items\": []}"));
        assertThat(stub.control.journal().recorded()).isEqualTo(journaled + 2);
    }

    @Test
    void theJavaApiIsTheSameSetupWithTheSameChecks() {
        StubSetup setup = stub.control.setup();

        setup.putPolicy(PROJECT, new BackupDataSet.Policy(NIGHTLY, "nightly", List.of(
                new BackupDataSet.ProtectedResource(DB_SERVER, "db-server"))));
        setup.setNextBackups(NextBackups.endingAs(new BackupOutcome(BackupStatus.ERROR, 6007L, "No volume attached"))
                .withDuration(Duration.ZERO).forExecutions(1));

        assertThat(json(stub.admin("GET", "/__admin/setup", null).body()).path("next_backups")).isEqualTo(json("""
                {"status": "error", "fail_code": 6007, "fail_reason": "No volume attached", "duration": "PT0S", "executions": 1}"""));
        assertThat(stub.csbs("GET", "/policies/" + NIGHTLY, null, TOKEN).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> setup.putToken(PROJECT, "csbs-admin-token", false))
                .isInstanceOf(InvalidSetupException.class)
                .hasMessage("a token is shared by two projects");
        assertThatThrownBy(() -> setup.putPolicy("nope", new BackupDataSet.Policy(NIGHTLY, "x", List.of())))
                .isInstanceOf(InvalidSetupException.class)
                .hasMessage("there is no project nope");
        assertThat(setup.dataSet().projectByToken(TOKEN)).isPresent();
    }

    @Test
    void concurrentChangesAllTakeEffect() throws Exception {
        StubSetup setup = stub.control.setup();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int first = thread * 25;
                done.add(threads.submit(() -> IntStream.range(first, first + 25).forEach(i -> setup.putPolicy(PROJECT,
                        new BackupDataSet.Policy("00000000-0000-4000-8000-%012d".formatted(i), "p" + i, List.of())))));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(setup.dataSet().project(PROJECT).orElseThrow().policies()).hasSize(3 + 200);
        assertThat(json(stub.csbs("GET", "/policies", null, TOKEN).body()).path("policies")).hasSize(203);
    }

    private static String dailyExecution() {
        return "{\"checkpoint\": {\"plan_id\": \"" + DAILY + "\", \"parameters\": {}}}";
    }

    private String execute(String body, String prefer) {
        return execute(body, prefer, TOKEN);
    }

    /** Executes a policy; returns the checkpoint's id. */
    private String execute(String body, String prefer, String token) {
        HttpResponse<String> executed = prefer == null
                ? stub.csbs("POST", CHECKPOINTS, body, token)
                : stub.send("POST", "/v1/" + PROJECT + CHECKPOINTS, body, "application/json", token, prefer);
        assertThat(executed.statusCode()).as(executed.body()).isEqualTo(200);
        return json(executed.body()).at("/checkpoint/id").asText();
    }

    private List<JsonNode> backups(String checkpoint) {
        List<JsonNode> items = new ArrayList<>();
        json(stub.csbs("GET", "/checkpoint_items?checkpoint_id=" + checkpoint, null, TOKEN).body())
                .path("checkpoint_items").forEach(items::add);
        return items;
    }

    private List<String> statuses(String checkpoint) {
        return backups(checkpoint).stream().map(item -> item.path("status").asText()).toList();
    }
}
