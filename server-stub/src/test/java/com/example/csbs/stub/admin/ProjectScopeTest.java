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
import com.example.csbs.stub.backup.NextBackups;
import com.example.csbs.stub.journal.RecordedRequest;
import com.example.csbs.stub.journal.StubJournal;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.threeten.extra.MutableClock;

/**
 * Teams sharing one stub, each in a project of its own: a reset, the next backups and the journal scoped to
 * one project ({@code project_id}) leave every other project as it is; over HTTP and in Java.
 */
class ProjectScopeTest {

    static final String OTHER = "5d7ea3b1c94e4f0a8b6d2e1f3a9c7b60";
    static final String OTHER_TOKEN = "csbs-other-project-token";
    static final String OTHER_PLAN = "9f0c1e2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f";
    private static final String TEAM = "0f1e2d3c4b5a49687766554433221100";

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

    // ---------------------------------------------------------------- reset

    @Test
    void aResetOfOneProjectTakesItBackToItsStartUpStateAndLeavesTheOthers() {
        JsonNode startUp = setup();
        String policyOfA = createPolicy(PROJECT, TOKEN, "a-policy", "5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b");
        String checkpointOfA = execute(PROJECT, TOKEN, DAILY);
        String policyOfB = createPolicy(OTHER, OTHER_TOKEN, "b-policy", "6a2d3c4b-5e6f-4a71-9b8c-0d1e2f3a4b5c");
        String checkpointOfB = execute(OTHER, OTHER_TOKEN, OTHER_PLAN);
        stub.admin("PUT", "/__admin/setup/projects/" + PROJECT + "/quotas", "{\"backups\": 100}");
        stub.admin("POST", "/__admin/setup/projects/" + PROJECT + "/servers",
                "{\"id\": \"7b3e4d5c-6f70-4b82-8c9d-1e2f3a4b5c6d\", \"name\": \"stopped\", \"type\": \"OS::Nova::Server\"}");
        stub.admin("PUT", "/__admin/setup/next-backups?project_id=" + PROJECT, "{\"status\": \"error\"}");
        stub.admin("PUT", "/__admin/setup/next-backups?project_id=" + OTHER, "{\"duration\": \"PT0S\"}");
        stub.admin("PUT", "/__admin/setup/next-backups", "{\"duration\": \"PT1S\"}");
        stub.admin("PUT", "/__admin/setup/projects/" + PROJECT + "/token", "{\"token\": \"rotated-token\"}");
        JsonNode before = setup();

        HttpResponse<String> reset = stub.admin("POST", "/__admin/setup/reset?project_id=" + PROJECT, null);

        assertThat(reset.statusCode()).isEqualTo(204);
        JsonNode after = setup();
        assertThat(projectIn(after, PROJECT)).isEqualTo(projectIn(startUp, PROJECT));
        assertThat(projectIn(after, OTHER)).isEqualTo(projectIn(before, OTHER));
        assertThat(ids(projectIn(after, OTHER).path("policies"))).contains(policyOfB);
        assertThat(ids(projectIn(after, PROJECT).path("policies"))).doesNotContain(policyOfA);
        assertThat(after.path("next_backups")).isEqualTo(json("{\"duration\": \"PT1S\"}"));
        assertThat(after.path("next_backups_by_project")).isEqualTo(json("{\"" + OTHER + "\": {\"duration\": \"PT0S\"}}"));
        assertThat(stub.csbs("GET", "/policies", null, "rotated-token").statusCode()).isEqualTo(401);
        assertThat(backupsOf(PROJECT, TOKEN, checkpointOfA)).isEmpty();
        assertThat(json(stub.csbs("GET", "/checkpoint_items/count", null, TOKEN).body())).isEqualTo(json("{\"count\": 0}"));
        assertThat(backupsOf(OTHER, OTHER_TOKEN, checkpointOfB)).hasSize(1);
    }

    @Test
    void aResetOfAProjectAddedSinceRemovesItAsAWholeResetWould() {
        stub.admin("POST", "/__admin/setup/projects", """
                {"id": "%s", "token": "team-token", "policies": [{"id": "3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44", "name": "nightly",
                  "resources": [{"id": "8b1f5a30-7c2d-4e6f-a1b9-3c4d5e6f7a8b", "name": "db", "type": "OS::Nova::Server"}]}]}"""
                .formatted(TEAM));
        execute(TEAM, "team-token", "3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44");
        String checkpointOfA = execute(PROJECT, TOKEN, DAILY);
        JsonNode before = setup();

        HttpResponse<String> reset = stub.admin("POST", "/__admin/setup/reset?project_id=" + TEAM, null);

        assertThat(reset.statusCode()).isEqualTo(204);
        assertThat(ids(setup().path("data_set").path("projects"))).containsExactly(PROJECT, OTHER,
                "0a1d2b3c4d5e4f60a7b8c9d0e1f2a3b4");
        assertThat(projectIn(setup(), PROJECT)).isEqualTo(projectIn(before, PROJECT));
        assertThat(stub.send("GET", "/v1/" + TEAM + "/policies", null, null, "team-token").statusCode()).isEqualTo(401);
        assertThat(backupsOf(PROJECT, TOKEN, checkpointOfA)).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown project | ?project_id=nope | invalid setup: there is no project nope
            an empty project   | ?project_id=     | project_id size must be between 1 and 2147483647
            """)
    void aResetOfAProjectTheStubDoesNotKnowIsRefusedAndResetsNothing(String what, String query, String problem) {
        String checkpoint = execute(PROJECT, TOKEN, DAILY);
        stub.admin("PUT", "/__admin/setup/next-backups?project_id=" + PROJECT, "{\"status\": \"error\"}");
        JsonNode before = setup();

        HttpResponse<String> refused = stub.adminRefused("POST", "/__admin/setup/reset" + query, null, null);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body())).isEqualTo(error("CSBS.9001", "Parameter verification failed: " + problem));
        assertThat(setup()).isEqualTo(before);
        assertThat(backupsOf(PROJECT, TOKEN, checkpoint)).hasSize(2);
    }

    // ---------------------------------------------------------------- next backups

    @Test
    void aProjectsNextBackupsWinOverThoseOfEveryProjectAndOnlyItsExecutionsTakeThem() {
        stub.admin("PUT", "/__admin/setup/next-backups", "{\"status\": \"available\", \"duration\": \"PT0S\", \"executions\": 5}");
        HttpResponse<String> set = stub.admin("PUT", "/__admin/setup/next-backups?project_id=" + PROJECT, """
                {"status": "error", "fail_code": 6007, "fail_reason": "No volume attached", "duration": "PT0S", "executions": 1}""");

        assertThat(set.statusCode()).isEqualTo(204);
        assertThat(setup().path("next_backups_by_project")).isEqualTo(json("""
                {"%s": {"status": "error", "fail_code": 6007, "fail_reason": "No volume attached", "duration": "PT0S",
                        "executions": 1}}""".formatted(PROJECT)));
        String failed = execute(PROJECT, TOKEN, DAILY);        // takes the project's own, which is then used up
        String ofB = execute(OTHER, OTHER_TOKEN, OTHER_PLAN);  // takes the one for every project
        String afterItsOwn = execute(PROJECT, TOKEN, DAILY);  // back to the one for every project

        assertThat(statuses(PROJECT, TOKEN, failed)).containsExactly("error", "error");
        assertThat(statuses(OTHER, OTHER_TOKEN, ofB)).containsExactly("available");
        assertThat(statuses(PROJECT, TOKEN, afterItsOwn)).containsExactly("available", "available");
        assertThat(setup().has("next_backups_by_project")).as("used up").isFalse();
        assertThat(setup().path("next_backups").path("executions").asInt()).as("two of five taken").isEqualTo(3);
    }

    @Test
    void clearingAProjectsNextBackupsLeavesThoseOfEveryProjectAndOfOtherProjects() {
        stub.admin("PUT", "/__admin/setup/next-backups", "{\"status\": \"available\"}");
        stub.admin("PUT", "/__admin/setup/next-backups?project_id=" + PROJECT, "{\"duration\": \"PT0S\"}");
        stub.admin("PUT", "/__admin/setup/next-backups?project_id=" + OTHER, "{\"duration\": \"PT1S\"}");

        HttpResponse<String> cleared = stub.admin("DELETE", "/__admin/setup/next-backups?project_id=" + PROJECT, null);

        assertThat(cleared.statusCode()).isEqualTo(204);
        assertThat(setup().path("next_backups")).isEqualTo(json("{\"status\": \"available\"}"));
        assertThat(setup().path("next_backups_by_project")).isEqualTo(json("{\"" + OTHER + "\": {\"duration\": \"PT1S\"}}"));
        stub.admin("DELETE", "/__admin/setup/next-backups", null);
        assertThat(setup().has("next_backups")).isFalse();
        assertThat(setup().path("next_backups_by_project")).as("a project's own stays").hasSize(1);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"PUT, ?project_id=nope", "DELETE, ?project_id=nope"})
    void nextBackupsOfAProjectTheStubDoesNotKnowAreRefused(String method, String query) {
        HttpResponse<String> refused = stub.adminRefused(method, "/__admin/setup/next-backups" + query,
                method.equals("PUT") ? "{\"status\": \"error\"}" : null, "application/json");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body())).isEqualTo(error("CSBS.9001",
                "Parameter verification failed: invalid setup: there is no project nope"));
        assertThat(setup().has("next_backups_by_project")).isFalse();
    }

    // ---------------------------------------------------------------- journal

    @Test
    void theJournalOfOneProjectListsAndClearsItsRequestsOnly() {
        stub.csbs("GET", "/policies", null, TOKEN);                                        // 1: A
        stub.send("GET", "/v1/" + OTHER + "/policies", null, null, OTHER_TOKEN);          // 2: B
        stub.csbs("GET", "/policies?limit=0", null, TOKEN);                                // 3: A, invalid
        stub.send("GET", "/nope", null, null, (String) null);                              // 4: no project
        stub.send("GET", "/v1/" + OTHER + "/policies", null, null, TOKEN);                // 5: B, with A's token (403)

        assertThat(ids("?project_id=" + PROJECT)).containsExactly(1, 3);
        assertThat(ids("?project_id=" + OTHER)).containsExactly(2, 5);
        assertThat(ids("?project_id=" + PROJECT + "&valid=false")).containsExactly(3);
        assertThat(ids("?project_id=" + OTHER + "&since=2")).containsExactly(5);
        assertThat(ids("?project_id=" + TEAM)).isEmpty();

        HttpResponse<String> cleared = stub.admin("DELETE", "/__admin/requests?project_id=" + PROJECT, null);
        stub.csbs("GET", "/policies", null, TOKEN);                                        // 6: A

        assertThat(cleared.statusCode()).isEqualTo(204);
        assertThat(ids("")).containsExactly(2, 4, 5, 6);
        JsonNode journal = json(stub.admin("GET", "/__admin/requests", null).body());
        assertThat(journal.path("recorded").asInt()).as("the whole journal's").isEqualTo(6);
        assertThat(journal.path("dropped").asInt()).isZero();
    }

    @Test
    void anEmptyProjectIdOfTheJournalIsRefused() {
        HttpResponse<String> refused = stub.adminRefused("GET", "/__admin/requests?project_id=", null, null);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body())).isEqualTo(error("CSBS.9001",
                "Parameter verification failed: project_id size must be between 1 and 2147483647"));
    }

    // ---------------------------------------------------------------- Java

    @Test
    void theJavaApiIsScopedTheSameWay() {
        StubSetup setup = stub.control.setup();
        StubJournal journal = stub.control.journal();
        NextBackups failing = NextBackups.endingAs(BackupOutcome.error(6007, "No volume attached")).forExecutions(2);

        setup.setNextBackups(OTHER, failing).setNextBackups(NextBackups.endingAs(BackupOutcome.AVAILABLE));
        String checkpointOfA = execute(PROJECT, TOKEN, DAILY);
        execute(OTHER, OTHER_TOKEN, OTHER_PLAN);

        assertThat(setup.nextBackups(OTHER)).contains(failing.forExecutions(1));
        assertThat(setup.nextBackups(PROJECT)).isEmpty();
        assertThat(setup.nextBackupsByProject()).containsOnlyKeys(OTHER);
        assertThat(journal.requests(PROJECT)).extracting(RecordedRequest::id).containsExactly(1L);
        assertThat(journal.requests(OTHER)).extracting(RecordedRequest::projectId).containsExactly(Optional.of(OTHER));
        journal.clear(OTHER);
        assertThat(journal.requests()).extracting(RecordedRequest::id).containsExactly(1L);

        setup.clearNextBackups(OTHER);
        assertThat(setup.nextBackupsByProject()).isEmpty();
        assertThat(setup.nextBackups()).isPresent();
        setup.setNextBackups(PROJECT, failing).reset(PROJECT);
        assertThat(setup.nextBackups(PROJECT)).isEmpty();
        assertThat(backupsOf(PROJECT, TOKEN, checkpointOfA)).isEmpty();
        assertThat(setup.nextBackups()).as("what is set for every project stays").isPresent();
        assertThatThrownBy(() -> setup.reset("nope")).isInstanceOf(InvalidSetupException.class)
                .hasMessage("there is no project nope");
        assertThatThrownBy(() -> setup.setNextBackups("nope", failing)).isInstanceOf(InvalidSetupException.class)
                .hasMessage("there is no project nope");
        assertThatThrownBy(() -> setup.clearNextBackups("nope")).isInstanceOf(InvalidSetupException.class)
                .hasMessage("there is no project nope");
    }

    @Test
    void aProjectsResetIsRefusedWhenAnotherProjectHasTakenItsStartUpTokenSince() {
        stub.admin("PUT", "/__admin/setup/projects/" + PROJECT + "/token", "{\"token\": \"rotated-token\"}");
        stub.admin("PUT", "/__admin/setup/projects/" + OTHER + "/token", "{\"token\": \"" + TOKEN + "\"}");
        String checkpointOfOther = execute(OTHER, TOKEN, OTHER_PLAN);
        JsonNode before = setup();

        HttpResponse<String> refused = stub.adminRefused("POST", "/__admin/setup/reset?project_id=" + PROJECT, null, null);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body())).isEqualTo(error("CSBS.9001",
                "Parameter verification failed: invalid setup: a token is shared by two projects"));
        assertThat(setup()).isEqualTo(before);
        assertThat(backupsOf(OTHER, TOKEN, checkpointOfOther)).hasSize(1);
    }

    // ---------------------------------------------------------------- helpers

    private JsonNode setup() {
        return json(stub.admin("GET", "/__admin/setup", null).body());
    }

    /** The project with that ID in a setup ({@code GET /__admin/setup}). */
    static JsonNode projectIn(JsonNode setup, String projectId) {
        for (JsonNode project : setup.path("data_set").path("projects")) {
            if (project.path("id").asText().equals(projectId)) {
                return project;
            }
        }
        throw new AssertionError("no project " + projectId + " in " + setup);
    }

    /** The {@code id} of each item of an array. */
    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private List<Integer> ids(String query) {
        List<Integer> ids = new ArrayList<>();
        json(stub.admin("GET", "/__admin/requests" + query, null).body()).path("requests")
                .forEach(request -> ids.add(request.path("id").asInt()));
        return ids;
    }

    private String createPolicy(String projectId, String token, String name, String serverId) {
        HttpResponse<String> created = stub.send("POST", "/v1/" + projectId + "/policies", policy(name, serverId),
                "application/json", token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return json(created.body()).at("/policy/id").asText();
    }

    /** The body of {@code createBackupPolicy}: a policy backing up one server, nightly. */
    static String policy(String name, String serverId) {
        return """
                {"policy": {"name": "%s", "provider_id": "%s", "parameters": {"common": {}},
                  "resources": [{"id": "%s", "type": "OS::Nova::Server", "name": "s"}],
                  "scheduled_operations": [{"name": "nightly", "enabled": false, "operation_type": "backup",
                    "operation_definition": {"max_backups": 1}, "trigger": {"properties": {"pattern":
                      "BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nRRULE:FREQ=DAILY;BYHOUR=3;BYMINUTE=0\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n"}}}]}}"""
                .formatted(name, PROVIDER, serverId);
    }

    private String execute(String projectId, String token, String policyId) {
        HttpResponse<String> executed = stub.send("POST", "/v1/" + projectId + "/providers/" + PROVIDER + "/checkpoints",
                "{\"checkpoint\": {\"plan_id\": \"" + policyId + "\", \"parameters\": {}}}", "application/json", token);
        assertThat(executed.statusCode()).as(executed.body()).isEqualTo(200);
        return json(executed.body()).at("/checkpoint/id").asText();
    }

    private List<JsonNode> backupsOf(String projectId, String token, String checkpointId) {
        HttpResponse<String> listed = stub.send("GET", "/v1/" + projectId + "/checkpoint_items?checkpoint_id=" + checkpointId,
                null, null, token);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        json(listed.body()).path("checkpoint_items").forEach(items::add);
        return items;
    }

    private List<String> statuses(String projectId, String token, String checkpointId) {
        return backupsOf(projectId, token, checkpointId).stream().map(item -> item.path("status").asText()).toList();
    }
}
