package com.example.csbs.contract;

import static com.example.csbs.contract.Contract.OTHER_PROJECT_TOKEN;
import static com.example.csbs.contract.Contract.PROJECT_ID;
import static com.example.csbs.contract.Contract.PROVIDER_ID;
import static com.example.csbs.contract.Contract.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.StubServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.threeten.extra.MutableClock;

/**
 * Bad input, one row per case: the stub answers each with a status the spec lists and the CSBS
 * error body, valid against the spec, without a stack trace or an echo of the input, within a second.
 */
class BadInputTest {

    private static final String PATH = Contract.checkpointsPath(PROJECT_ID, PROVIDER_ID);
    private static final String PLAN = Contract.EXAMPLE_PLAN_ID;
    private static final String RESOURCE = "7a32a8b5-7977-4e24-b5da-e0eb457db75b";
    private static final String JSON = "application/json";
    /** Put into inputs where the stub might be tempted to quote them; never seen in an answer. */
    private static final String MARKER = "<script>csbs-marker</script>";
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(1);
    private static final String ADMIN_PROJECT = "0a1d2b3c4d5e4f60a7b8c9d0e1f2a3b4";
    private static final List<String> BACKUP_SORT_KEYS = List.of("name", "created_at", "updated_at", "status", "protected_at", "id");
    private static final List<String> POLICY_SORT_KEYS = List.of("name", "created_at", "id", "status");

    private static final String ADMIN_TOKEN = "csbs-admin-token";
    private static final String OTHER_PROJECT_POLICY = "9f0c1e2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f";
    private static final String UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
    /** The marker as a path segment or query value. */
    private static final String MARKER_IN_URL = URLEncoder.encode(MARKER, StandardCharsets.UTF_8);
    private static final String BACKUPS = "/v1/" + PROJECT_ID + "/checkpoint_items";
    private static final String COUNT = BACKUPS + "/count";
    private static final String POLICIES = "/v1/" + PROJECT_ID + "/policies";
    /** The paths of the POST operations of 1.3.0 and 1.4.0 (tags): their rows are documented by their own operation. */
    private static final java.util.regex.Pattern NEW_POST_PATHS = java.util.regex.Pattern.compile(
            "/v1/[^/]+/(policies|restores|providers/[^/]+/resources/action|providers/[^/]+/resources/[^/]+/action"
                    + "|csbs_backup(_policy)?/[^/]+/tags(/action)?|csbs_backup(_policy)?/resource_instances/action)");
    private static final String RESOURCES = "/v1/" + PROJECT_ID + "/providers/" + PROVIDER_ID + "/resources";
    private static final String RESTORES = "/v1/" + PROJECT_ID + "/restores";
    private static final String QUOTAS = "/v1/" + PROJECT_ID + "/quotas";
    private static final String OTHER_PROJECT = "5d7ea3b1c94e4f0a8b6d2e1f3a9c7b60";
    /** A server of no policy: CSBS backs up any server of the project. */
    private static final String NEW_SERVER = "9506416d-db6c-406e-8bca-c0f43793d914";
    private static final String TARGET = "f45c477a-57e5-465f-999f-d845083962db";
    private static final String VOLUME = "ee27f809-6fb5-40ae-ac46-c932bb4ee8fe";
    /** Set up as refused for backup (CSBS.6006) and as a target of a restore (CSBS.6020). */
    private static final String REFUSED_SERVER = "3f1e2d3c-4b5a-4678-9abc-def012345678";
    private static final String DAILY_RULE = "BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nRRULE:FREQ=DAILY;BYHOUR=3;BYMINUTE=0"
            + "\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n";
    private static final String SCHEDULE = "{\"enabled\": false, \"operation_type\": \"backup\", \"operation_definition\": "
            + "{\"max_backups\": 1}, \"trigger\": {\"properties\": {\"pattern\": \"" + DAILY_RULE + "\"}}}";
    private static final com.example.csbs.stub.admin.StubControl CONTROL = new com.example.csbs.stub.admin.StubControl();
    private static final MutableClock CLOCK = MutableClock.of(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    // Made in startStub: a checkpoint whose backups are available, and one whose backups are being created.
    private static String AVAILABLE_CHECKPOINT;
    private static String AVAILABLE_BACKUP;
    private static String CREATING_CHECKPOINT;
    private static String CREATING_BACKUP;
    // Made in startStub: the disk backups of AVAILABLE_BACKUP, and a policy of no server for the update rows.
    private static String AVAILABLE_DISK;
    // Made in startStub, available and left alone by the rows before the restore rows (deleteBackup's delete AVAILABLE_BACKUP).
    private static String RESTORABLE_CHECKPOINT;
    private static String RESTORABLE_BACKUP;
    private static String UPDATABLE_POLICY;
    private static String UPDATABLE_OPERATION;

    private static StubServer stub;
    private static HttpClient http;

    /** One request and the answer the spec documents for it ({@code errorCode} null: a 200). */
    record Case(String name, String method, String path, Map<String, String> headers, byte[] body,
                boolean chunked, int status, String errorCode, Request.Method documentedBy, Consumer<JsonNode> check) {

        Case(String name, String method, String path, Map<String, String> headers, byte[] body,
             boolean chunked, int status, String errorCode) {
            this(name, method, path, headers, body, chunked, status, errorCode, Request.Method.POST, answer -> { });
        }

        /**
         * The operation whose responses the answer must be one of: its path (without the query) and documentedBy.
         * POST is executeBackupPolicy's, also for the rows on unknown paths.
         */
        String operationPath() {
            int query = path.indexOf('?');
            String bare = query < 0 ? path : path.substring(0, query);
            if (documentedBy == Request.Method.POST && !NEW_POST_PATHS.matcher(bare).matches()) {
                return PATH;
            }
            return bare;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void startStub() throws Exception {
        // The stub's clock stands still unless moved: a backup is being created until the clock passes its
        // duration, and a deleted one stays being deleted.
        stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault(), StubOptions.defaults().withClock(CLOCK)
                .withControl(CONTROL));
        CONTROL.setup().putServer(PROJECT_ID, new BackupDataSet.ProtectedResource(REFUSED_SERVER, "refused",
                "OS::Nova::Server", null, null, null, null, null, null, null, null,
                BackupDataSet.Capability.refused("CSBS.6006", "Server (" + REFUSED_SERVER + ") status (error) is not allowed to protect."),
                BackupDataSet.Capability.refused("CSBS.6020", "No volume attached to the server (" + REFUSED_SERVER + ") for restore."),
                null));
        // The other project has no room for a backup: its rows show CSBS.9006.
        CONTROL.setup().putQuotas(OTHER_PROJECT, new BackupDataSet.Quotas(0, -1));
        http = HttpClient.newBuilder().connectTimeout(ANSWERED_WITHIN).build();
        // The one-second bound is about answering bad input, not about the JVM's first request.
        AVAILABLE_CHECKPOINT = checkpointId(Contract.send(http, post(Contract.documentedRequest().toString()).build()));
        RESTORABLE_CHECKPOINT = checkpointId(Contract.send(http, post(Contract.documentedRequest().toString()).build()));
        CLOCK.add(Duration.ofHours(1));
        CREATING_CHECKPOINT = checkpointId(Contract.send(http, post(Contract.documentedRequest().toString()).build()));
        AVAILABLE_BACKUP = backupIdOf(AVAILABLE_CHECKPOINT);
        CREATING_BACKUP = backupIdOf(CREATING_CHECKPOINT);
        RESTORABLE_BACKUP = backupIdOf(RESTORABLE_CHECKPOINT);
        HttpResponse<String> backup = Contract.send(http, HttpRequest.newBuilder(stub.baseUri().resolve(
                BACKUPS.substring(1) + "/" + RESTORABLE_BACKUP)).header("X-Auth-Token", TOKEN).GET().build());
        assertThat(backup.statusCode()).as("the available backup: %s", backup.body()).isEqualTo(200);
        AVAILABLE_DISK = Contract.parse(backup.body()).at("/checkpoint_item/extend_info/volume_backups/0/id").asText();
        HttpResponse<String> created = Contract.send(http, HttpRequest.newBuilder(stub.baseUri().resolve(POLICIES.substring(1)))
                .header("X-Auth-Token", TOKEN).header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(createPolicy("\"bad-input-target\"", "[]", "[" + SCHEDULE + "]", "")))
                .build());
        assertThat(created.statusCode()).as("creating the policy to update: %s", created.body()).isEqualTo(200);
        UPDATABLE_POLICY = Contract.parse(created.body()).at("/policy/id").asText();
        UPDATABLE_OPERATION = Contract.parse(created.body()).at("/policy/scheduled_operations/0/id").asText();
    }

    private static String checkpointId(HttpResponse<String> executed) {
        assertThat(executed.statusCode()).as("executing the documented request: %s", executed.body()).isEqualTo(200);
        return Contract.parse(executed.body()).get("checkpoint").get("id").asText();
    }

    // One backup of the checkpoint, by listing the checkpoint's backups.
    private static String backupIdOf(String checkpointId) throws Exception {
        HttpResponse<String> listed = Contract.send(http, HttpRequest.newBuilder(stub.baseUri().resolve(
                BACKUPS.substring(1) + "?checkpoint_id=" + checkpointId)).header("X-Auth-Token", TOKEN).GET().build());
        assertThat(listed.statusCode()).as("listing the backups of %s: %s", checkpointId, listed.body()).isEqualTo(200);
        return Contract.parse(listed.body()).get("checkpoint_items").get(0).get("id").asText();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    static Stream<Case> badInput() {
        return Stream.of(executeBackupPolicyRows(), deleteBackupRows(), getBackupRows(), listBackupsRows(),
                countBackupsRows(), getBackupPolicyRows(), listBackupPoliciesRows(), createBackupPolicyRows(),
                updateBackupPolicyRows(), deleteBackupPolicyRows(), backupResourceRows(), checkResourceCapabilityRows(),
                createRestorationRows(), listQuotasRows(), tagRows("csbs_backup_policy", PLAN, "CSBS.3000"),
                tagRows("csbs_backup", RESTORABLE_BACKUP, "CSBS.3001"), projectTagRows("csbs_backup_policy"),
                projectTagRows("csbs_backup")).flatMap(rows -> rows);
    }

    static Stream<Case> executeBackupPolicyRows() {
        String otherProvider = Contract.checkpointsPath(PROJECT_ID, "d0a6d9b2-4a5d-4c29-8e11-3a4a8ad4c6e9");
        String documented = Contract.documentedRequest().toString();
        return Stream.of(
                // The body's JSON
                bad("malformed JSON", "{\"checkpoint\": {", 400, "CSBS.9001"),
                bad("empty body", "", 400, "CSBS.9001"),
                bad("JSON array instead of an object", "[" + documented + "]", 400, "CSBS.9001"),
                bad("JSON string instead of an object", "\"" + MARKER + "\"", 400, "CSBS.9001"),
                bad("JSON number instead of an object", "42", 400, "CSBS.9001"),
                bad("JSON null instead of an object", "null", 400, "CSBS.9001"),
                bad("trailing garbage after the object", documented + " " + MARKER, 400, "CSBS.9001"),
                bad("invalid UTF-8", bytes("{\"checkpoint\": {\"plan_id\": \"", new byte[] {(byte) 0xC3, (byte) 0x28},
                        "\", \"parameters\": {}}}"), 400, "CSBS.9001"),
                bad("JSON nested 100,000 levels deep",
                        "{\"checkpoint\": " + "{\"a\": ".repeat(100_000) + "1" + "}".repeat(100_000) + "}", 400, "CSBS.9001"),
                bad("JSON arrays nested 100,000 levels deep", "[".repeat(100_000) + "]".repeat(100_000), 400, "CSBS.9001"),
                bad("huge number for auto_trigger", parameters("\"auto_trigger\": " + "9".repeat(5_000)), 400, "CSBS.9001"),
                bad("huge number for plan_id", "{\"checkpoint\": {\"plan_id\": 1e999999999, \"parameters\": {}}}",
                        400, "CSBS.9001"),
                // checkpoint
                bad("checkpoint missing", "{}", 400, "CSBS.9001"),
                bad("checkpoint null", "{\"checkpoint\": null}", 400, "CSBS.9001"),
                bad("checkpoint a string", "{\"checkpoint\": \"" + MARKER + "\"}", 400, "CSBS.9001"),
                // plan_id
                bad("plan_id missing", "{\"checkpoint\": {\"parameters\": {}}}", 400, "CSBS.9001"),
                bad("plan_id null", "{\"checkpoint\": {\"plan_id\": null, \"parameters\": {}}}", 400, "CSBS.9001"),
                bad("plan_id empty", "{\"checkpoint\": {\"plan_id\": \"\", \"parameters\": {}}}", 400, "CSBS.9001"),
                bad("plan_id a UUID in base64", "{\"checkpoint\": {\"plan_id\": \"YhcZmT3xQveVE2+bG+pHRA==\", \"parameters\": {}}}",
                        400, "CSBS.9001"),
                bad("plan_id a number", "{\"checkpoint\": {\"plan_id\": 7, \"parameters\": {}}}", 400, "CSBS.9001"),
                bad("plan_id not a UUID", "{\"checkpoint\": {\"plan_id\": \"" + MARKER + "\", \"parameters\": {}}}",
                        400, "CSBS.9001"),
                bad("plan_id unknown", documented.replace(PLAN, "00000000-0000-4000-8000-000000000000"), 404, "CSBS.3000"),
                bad("plan_id of another project", documented.replace(PLAN, "9f0c1e2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f"),
                        404, "CSBS.3000"),
                // parameters
                bad("parameters missing", "{\"checkpoint\": {\"plan_id\": \"" + PLAN + "\"}}", 400, "CSBS.9001"),
                bad("parameters null", "{\"checkpoint\": {\"plan_id\": \"" + PLAN + "\", \"parameters\": null}}",
                        400, "CSBS.9001"),
                bad("auto_trigger a string", parameters("\"auto_trigger\": \"false\""), 400, "CSBS.9001"),
                bad("auto_trigger a number", parameters("\"auto_trigger\": 0"), 400, "CSBS.9001"),
                // An optional field sent as null means the same as the field left out (nullable in the spec).
                ok("auto_trigger null", parameters("\"auto_trigger\": null"), answer ->
                        assertThat(answer.at("/checkpoint/protection_plan/resources")).hasSize(2)),
                ok("resources null: every resource of the policy", parameters("\"resources\": null"), answer ->
                        assertThat(resourceIds(answer)).containsExactlyInAnyOrder(RESOURCE, "b2b433bf-7dd6-4a74-aa8f-85673dfbda48")),
                ok("auto_trigger and resources null", parameters("\"auto_trigger\": null, \"resources\": null"), answer ->
                        assertThat(resourceIds(answer)).containsExactlyInAnyOrder(RESOURCE, "b2b433bf-7dd6-4a74-aa8f-85673dfbda48")),
                bad("resources holding an empty string", parameters("\"resources\": [\"\"]"), 400, "CSBS.9001"),
                bad("resources not an array", parameters("\"resources\": \"" + RESOURCE + "\""), 400, "CSBS.9001"),
                bad("resources holding numbers", parameters("\"resources\": [1, 2]"), 400, "CSBS.9001"),
                bad("resources holding objects", parameters("\"resources\": [{\"id\": \"" + RESOURCE + "\"}]"),
                        400, "CSBS.9001"),
                bad("resources holding null", parameters("\"resources\": [null]"), 400, "CSBS.9001"),
                bad("resources holding a non-UUID", parameters("\"resources\": [\"" + MARKER + "\"]"), 400, "CSBS.9001"),
                bad("resources with a duplicate", parameters("\"resources\": [\"" + RESOURCE + "\", \"" + RESOURCE + "\"]"),
                        400, "CSBS.9001"),
                bad("resources empty", parameters("\"resources\": []"), 400, "CSBS.9001"),
                bad("resources with 10,000 entries", parameters("\"resources\": " + manyResourceIds(10_000)), 400, "CSBS.9001"),
                bad("resource not in the plan", documented.replace(RESOURCE, "1c960fe4-e679-421a-97cd-4f7463d2344b"),
                        400, "CSBS.9001"),
                // Unknown fields are accepted and ignored, as clients of the real service expect.
                new Case("unknown fields", "POST", PATH, headers(TOKEN, JSON),
                        utf8("{\"origin\": \"" + MARKER + "\", \"checkpoint\": {\"plan_id\": \"" + PLAN + "\", \"note\": 1,"
                                + " \"parameters\": {\"incremental\": true}}}"), false, 200, null),
                // Size
                new Case("body over 1 MiB with Content-Length", "POST", PATH, headers(TOKEN, JSON), overOneMebibyte(),
                        false, 413, "CSBS.9001"),
                new Case("body over 1 MiB, chunked", "POST", PATH, headers(TOKEN, JSON), overOneMebibyte(),
                        true, 413, "CSBS.9001"),
                // Media types
                new Case("no Content-Type", "POST", PATH, headers(TOKEN, null), utf8(documented), false, 415, "CSBS.9001"),
                new Case("Content-Type text/plain", "POST", PATH, headers(TOKEN, "text/plain"), utf8(documented),
                        false, 415, "CSBS.9001"),
                new Case("Content-Type application/xml", "POST", PATH, headers(TOKEN, "application/xml"),
                        utf8("<checkpoint/>"), false, 415, "CSBS.9001"),
                new Case("Accept text/html", "POST", PATH, with(headers(TOKEN, JSON), "Accept", "text/html"),
                        utf8(documented), false, 406, "CSBS.9001"),
                // Method and path
                new Case("GET on the path", "GET", PATH, headers(TOKEN, null), null, false, 405, "APIGW.0101"),
                new Case("PUT on the path", "PUT", PATH, headers(TOKEN, JSON), utf8(documented), false, 405, "APIGW.0101"),
                new Case("DELETE on the path", "DELETE", PATH, headers(TOKEN, null), null, false, 405, "APIGW.0101"),
                new Case("PATCH on the path", "PATCH", PATH, headers(TOKEN, JSON), utf8(documented), false, 405, "APIGW.0101"),
                new Case("OPTIONS on the path", "OPTIONS", PATH, headers(TOKEN, null), null, false, 405, "APIGW.0101"),
                new Case("unknown path", "POST", "/v1/" + PROJECT_ID + "/providers/" + PROVIDER_ID + "/checkpoint",
                        headers(TOKEN, JSON), utf8(documented), false, 404, "APIGW.0101"),
                new Case("unknown version", "POST", PATH.replace("/v1/", "/v2/"), headers(TOKEN, JSON), utf8(documented),
                        false, 404, "APIGW.0101"),
                new Case("root path", "GET", "/", headers(null, null), null, false, 404, "APIGW.0101"),
                new Case("provider other than CSBS", "POST", otherProvider, headers(TOKEN, JSON), utf8(documented),
                        false, 400, "CSBS.9001"),
                // X-Auth-Token
                new Case("no X-Auth-Token", "POST", PATH, headers(null, JSON), utf8(documented), false, 401, "APIGW.0301"),
                new Case("empty X-Auth-Token", "POST", PATH, headers("", JSON), utf8(documented), false, 401, "APIGW.0301"),
                new Case("blank X-Auth-Token", "POST", PATH, headers(" ", JSON), utf8(documented), false, 401, "APIGW.0301"),
                new Case("unknown X-Auth-Token", "POST", PATH, headers(MARKER, JSON), utf8(documented),
                        false, 401, "APIGW.0301"),
                new Case("X-Auth-Token of another project", "POST", PATH, headers(OTHER_PROJECT_TOKEN, JSON),
                        utf8(documented), false, 403, "CSBS.9009"),
                // Prefer: the faults a client asks for
                new Case("Prefer: status=503", "POST", PATH, with(headers(TOKEN, JSON), "Prefer", "status=503"),
                        utf8(documented), false, 503, "CSBS.9998"),
                new Case("Prefer: status=500 among other preferences", "POST", PATH,
                        with(headers(TOKEN, JSON), "Prefer", "return=minimal, status=\"500\""), utf8(documented),
                        false, 500, "CSBS.9999"),
                new Case("Prefer: status=404", "POST", PATH, with(headers(TOKEN, JSON), "Prefer", "status=404"),
                        utf8(documented), false, 404, "CSBS.3000"),
                new Case("Prefer: a status the operation does not document", "POST", PATH,
                        with(headers(TOKEN, JSON), "Prefer", "status=" + MARKER), utf8(documented), false, 400, "CSBS.9001"));
    }

    static Stream<Case> deleteBackupRows() {
        String base = PATH + "/";
        Stream<Case> rows = Stream.of(
                delete("deleteBackup: checkpoint unknown", base + UNKNOWN_ID, TOKEN, 404, "CSBS.3001"),
                delete("deleteBackup: checkpoint of another project's token", base + AVAILABLE_CHECKPOINT,
                        OTHER_PROJECT_TOKEN, 403, "CSBS.9009"),
                delete("deleteBackup: checkpoint_items names an unknown backup",
                        base + AVAILABLE_CHECKPOINT + "?checkpoint_items=" + UNKNOWN_ID, TOKEN, 404, "CSBS.3001"),
                delete("deleteBackup: checkpoint_items names a backup of another checkpoint",
                        base + AVAILABLE_CHECKPOINT + "?checkpoint_items=" + CREATING_BACKUP, TOKEN, 404, "CSBS.3001"),
                delete("deleteBackup: checkpoint_items holding a non-UUID",
                        base + AVAILABLE_CHECKPOINT + "?checkpoint_items=" + AVAILABLE_BACKUP + "," + MARKER_IN_URL, TOKEN, 400, "CSBS.9001"),
                delete("deleteBackup: checkpoint_items a UUID missing a digit",
                        base + AVAILABLE_CHECKPOINT + "?checkpoint_items=" + AVAILABLE_BACKUP.substring(1), TOKEN, 400, "CSBS.9001"),
                delete("deleteBackup: checkpoint_items 1-1-1-1-1", base + AVAILABLE_CHECKPOINT + "?checkpoint_items=1-1-1-1-1",
                        TOKEN, 400, "CSBS.9001"),
                delete("deleteBackup: checkpoint_items with an empty element",
                        base + AVAILABLE_CHECKPOINT + "?checkpoint_items=" + AVAILABLE_BACKUP + ",", TOKEN, 400, "CSBS.9001"),
                delete("deleteBackup: a backup still being created", base + CREATING_CHECKPOINT, TOKEN, 400, "CSBS.2003"),
                delete("deleteBackup: a backup still being created, named",
                        base + CREATING_CHECKPOINT + "?checkpoint_items=" + CREATING_BACKUP, TOKEN, 400, "CSBS.2003"),
                delete("deleteBackup: provider other than CSBS", Contract.checkpointsPath(PROJECT_ID,
                        "d0a6d9b2-4a5d-4c29-8e11-3a4a8ad4c6e9") + "/" + AVAILABLE_CHECKPOINT, TOKEN, 400, "CSBS.9001"),
                delete("deleteBackup: provider_id not a UUID", Contract.checkpointsPath(PROJECT_ID, MARKER_IN_URL)
                        + "/" + AVAILABLE_CHECKPOINT, TOKEN, 400, "CSBS.9001"));
        // Last, as it deletes: unknown query parameters are ignored.
        Stream<Case> deletes = Stream.of(new Case("deleteBackup: unknown query parameters ignored", "DELETE",
                base + AVAILABLE_CHECKPOINT + "?checkpoint_items=" + AVAILABLE_BACKUP + "&force=" + MARKER_IN_URL + "&x=1",
                headers(TOKEN, null), null, false, 200, null, Request.Method.DELETE,
                answer -> assertThat(Contract.fieldNames(answer)).isEmpty()));
        return Stream.of(rows, badPathIds("deleteBackup", "DELETE", base, "", Request.Method.DELETE),
                common("deleteBackup", "DELETE", base + AVAILABLE_CHECKPOINT, Request.Method.DELETE,
                        List.of("GET", "PUT", "POST", "PATCH", "OPTIONS")),
                deletes).flatMap(stream -> stream);
    }

    static Stream<Case> getBackupRows() {
        String base = BACKUPS + "/";
        return Stream.of(Stream.of(
                        get("getBackup: unknown backup", base + UNKNOWN_ID, TOKEN, 404, "CSBS.3001"),
                        get("getBackup: a checkpoint ID, not a backup ID", base + AVAILABLE_CHECKPOINT, TOKEN, 404, "CSBS.3001"),
                        get("getBackup: unknown query parameters ignored", base + AVAILABLE_BACKUP + "?x=" + MARKER_IN_URL
                                + "&fields=id", TOKEN, 200, null)),
                badPathIds("getBackup", "GET", base, "", Request.Method.GET),
                common("getBackup", "GET", base + AVAILABLE_BACKUP, Request.Method.GET, List.of("DELETE", "PUT", "POST", "OPTIONS")))
                .flatMap(stream -> stream);
    }

    static Stream<Case> listBackupsRows() {
        return Stream.of(
                        badQueryValues("listBackups", BACKUPS, BACKUP_SORT_KEYS, true, true),
                        Stream.of(get("listBackups: unknown query parameters ignored", BACKUPS + "?x=" + MARKER_IN_URL
                                        + "&ip=192.168.0.11&page=2", TOKEN, 200, null),
                                get("listBackups: limit and offset beyond the int range (the spec sets no maximum)", BACKUPS
                                        + "?limit=99999999999&offset=99999999999", TOKEN, 200, null),
                                get("listBackups: all_tenants=true for an administrator", "/v1/" + ADMIN_PROJECT
                                        + "/checkpoint_items?all_tenants=true", ADMIN_TOKEN, 200, null),
                                get("listBackups: name with the marker finds nothing", BACKUPS + "?name=" + MARKER_IN_URL,
                                        TOKEN, 200, null)),
                        common("listBackups", "GET", BACKUPS, Request.Method.GET, List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")))
                .flatMap(stream -> stream);
    }

    static Stream<Case> countBackupsRows() {
        return Stream.of(
                        badQueryValues("countBackups", COUNT, BACKUP_SORT_KEYS, false, true),
                        Stream.of(get("countBackups: unknown query parameters ignored (limit, sort and marker too)", COUNT
                                        + "?x=" + MARKER_IN_URL + "&limit=0&sort=" + MARKER_IN_URL + "&marker=" + MARKER_IN_URL,
                                        TOKEN, 200, null),
                                get("countBackups: all_tenants=true for an administrator", "/v1/" + ADMIN_PROJECT
                                        + "/checkpoint_items/count?all_tenants=true", ADMIN_TOKEN, 200, null)),
                        common("countBackups", "GET", COUNT, Request.Method.GET, List.of("POST", "PUT", "DELETE", "OPTIONS")))
                .flatMap(stream -> stream);
    }

    static Stream<Case> getBackupPolicyRows() {
        String base = POLICIES + "/";
        return Stream.of(Stream.of(
                        get("getBackupPolicy: unknown policy", base + UNKNOWN_ID, TOKEN, 404, "CSBS.3000"),
                        get("getBackupPolicy: a policy of another project", base + OTHER_PROJECT_POLICY, TOKEN, 404, "CSBS.3000"),
                        get("getBackupPolicy: unknown query parameters ignored", base + PLAN + "?x=" + MARKER_IN_URL,
                                TOKEN, 200, null)),
                badPathIds("getBackupPolicy", "GET", base, "", Request.Method.GET),
                common("getBackupPolicy", "GET", base + PLAN, Request.Method.GET, List.of("POST", "PATCH", "OPTIONS")))
                .flatMap(stream -> stream);
    }

    static Stream<Case> listBackupPoliciesRows() {
        return Stream.of(
                        badQueryValues("listBackupPolicies", POLICIES, POLICY_SORT_KEYS, true, false),
                        Stream.of(get("listBackupPolicies: unknown query parameters ignored", POLICIES + "?x=" + MARKER_IN_URL
                                        + "&status=" + MARKER_IN_URL, TOKEN, 200, null),
                                get("listBackupPolicies: limit and offset beyond the int range (the spec sets no maximum)", POLICIES
                                        + "?limit=99999999999&offset=99999999999", TOKEN, 200, null),
                                get("listBackupPolicies: all_tenants=true for an administrator", "/v1/" + ADMIN_PROJECT
                                        + "/policies?all_tenants=true", ADMIN_TOKEN, 200, null)),
                        common("listBackupPolicies", "GET", POLICIES, Request.Method.GET, List.of("PUT", "DELETE", "PATCH", "OPTIONS")))
                .flatMap(stream -> stream);
    }

    // ---------------------------------------------------------------- the operations of 1.3.0

    /** A create body: name (JSON), resources and scheduled operations (JSON arrays), more fields (", ..." or ""). */
    private static String createPolicy(String name, String resources, String scheduled, String more) {
        return "{\"policy\": {" + (name == null ? "" : "\"name\": " + name + ", ")
                + "\"provider_id\": \"" + PROVIDER_ID + "\", \"parameters\": {\"common\": {}}, \"resources\": " + resources
                + ", \"scheduled_operations\": " + scheduled + more + "}}";
    }

    private static String validCreate(String name) {
        return createPolicy("\"" + name + "\"", "[]", "[" + SCHEDULE + "]", "");
    }

    private static String schedule(String from, String to) {
        String changed = SCHEDULE.replace(from, to);
        assertThat(changed).as("the schedule has %s", from).isNotEqualTo(SCHEDULE);
        return "[" + changed + "]";
    }

    private static String tags(int count) {
        return IntStream.range(0, count).mapToObj(i -> "{\"key\": \"k" + i + "\", \"value\": \"v\"}")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static Case body(String name, String method, String path, String body, int status, String errorCode) {
        return new Case(name, method, path, headers(TOKEN, JSON), utf8(body), false, status, errorCode,
                Request.Method.valueOf(method), answer -> { });
    }

    private static Case bodyOk(String name, String method, String path, String body, Consumer<JsonNode> check) {
        return new Case(name, method, path, headers(TOKEN, JSON), utf8(body), false, 200, null, Request.Method.valueOf(method),
                check);
    }

    /** What every operation with a body shares: media types, size, Accept, the token; each with a valid body. */
    private static Stream<Case> withBody(String operation, String method, String path, String valid) {
        Request.Method by = Request.Method.valueOf(method);
        byte[] big = utf8(valid.substring(0, valid.length() - 1) + ", \"padding\": \"" + "x".repeat(1 << 20) + "\"}");
        return Stream.of(
                bad(operation, method, path, "malformed JSON", valid.substring(0, valid.length() / 2), 400, "CSBS.9001"),
                bad(operation, method, path, "empty body", "", 400, "CSBS.9001"),
                bad(operation, method, path, "JSON array instead of an object", "[" + valid + "]", 400, "CSBS.9001"),
                bad(operation, method, path, "JSON string instead of an object", "\"" + MARKER + "\"", 400, "CSBS.9001"),
                bad(operation, method, path, "trailing garbage", valid + " " + MARKER, 400, "CSBS.9001"),
                bad(operation, method, path, "JSON nested 100,000 levels deep", "[".repeat(100_000) + "]".repeat(100_000),
                        400, "CSBS.9001"),
                new Case(operation + ": body over 1 MiB", method, path, headers(TOKEN, JSON), big, false, 413, "CSBS.9001", by,
                        answer -> { }),
                new Case(operation + ": body over 1 MiB, chunked", method, path, headers(TOKEN, JSON), big, true, 413,
                        "CSBS.9001", by, answer -> { }),
                new Case(operation + ": no Content-Type", method, path, headers(TOKEN, null), utf8(valid), false, 415,
                        "CSBS.9001", by, answer -> { }),
                new Case(operation + ": Content-Type text/plain", method, path, headers(TOKEN, "text/plain"), utf8(valid),
                        false, 415, "CSBS.9001", by, answer -> { }),
                new Case(operation + ": Accept text/html", method, path, with(headers(TOKEN, JSON), "Accept", "text/html"),
                        utf8(valid), false, 406, "CSBS.9001", by, answer -> { }),
                new Case(operation + ": no X-Auth-Token", method, path, headers(null, JSON), utf8(valid), false, 401,
                        "APIGW.0301", by, answer -> { }),
                new Case(operation + ": unknown X-Auth-Token", method, path, headers(MARKER, JSON), utf8(valid), false, 401,
                        "APIGW.0301", by, answer -> { }),
                new Case(operation + ": X-Auth-Token of another project", method, path, headers(OTHER_PROJECT_TOKEN, JSON),
                        utf8(valid), false, 403, "CSBS.9009", by, answer -> { }),
                new Case(operation + ": the administrator's X-Auth-Token, for another project", method, path,
                        headers(ADMIN_TOKEN, JSON), utf8(valid), false, 403, "CSBS.9009", by, answer -> { }),
                new Case(operation + ": Prefer: status=503", method, path, with(headers(TOKEN, JSON), "Prefer", "status=503"),
                        utf8(valid), false, 503, "CSBS.9998", by, answer -> { }));
    }

    private static Case bad(String operation, String method, String path, String name, String body, int status, String errorCode) {
        return body(operation + ": " + name, method, path, body, status, errorCode);
    }

    static Stream<Case> createBackupPolicyRows() {
        String op = "createBackupPolicy";
        String one = "[" + SCHEDULE + "]";
        String server = "{\"id\": \"" + NEW_SERVER + "\", \"type\": \"OS::Nova::Server\", \"name\": \"s\"}";
        Stream<Case> rows = Stream.of(
                bad(op, "POST", POLICIES, "policy missing", "{}", 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "policy null", "{\"policy\": null}", 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "policy a string", "{\"policy\": \"" + MARKER + "\"}", 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "name missing", createPolicy(null, "[]", one, ""), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "name empty", createPolicy("\"\"", "[]", one, ""), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "name 256 characters", createPolicy("\"" + "n".repeat(256) + "\"", "[]", one, ""),
                        400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "name with a space", createPolicy("\"my plan\"", "[]", one, ""), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "name the marker", createPolicy("\"" + MARKER + "\"", "[]", one, ""), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "name a number", createPolicy("7", "[]", one, ""), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "description 256 characters", createPolicy("\"d256\"", "[]", one,
                        ", \"description\": \"" + "d".repeat(256) + "\""), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "description with < and >", createPolicy("\"lt\"", "[]", one,
                        ", \"description\": \"" + MARKER + "\""), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "provider_id another", validCreate("p1").replace(PROVIDER_ID,
                        "d0a6d9b2-4a5d-4c29-8e11-3a4a8ad4c6e9"), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "provider_id missing", validCreate("p2").replace("\"provider_id\": \"" + PROVIDER_ID
                        + "\", ", ""), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "parameters missing", validCreate("p3").replace("\"parameters\": {\"common\": {}}, ", ""),
                        400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "resources missing", validCreate("p4").replace("\"resources\": [], ", ""),
                        400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "resources a string", createPolicy("\"p5\"", "\"" + NEW_SERVER + "\"", one, ""),
                        400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "resource id not a UUID", createPolicy("\"p6\"", "[" + server.replace(NEW_SERVER, MARKER)
                        + "]", one, ""), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "resource named twice", createPolicy("\"p7\"", "[" + server + ", " + server + "]", one, ""),
                        400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "resource type missing", createPolicy("\"p8\"", "[" + server.replace(
                        "\"type\": \"OS::Nova::Server\", ", "") + "]", one, ""), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "resource in another policy", createPolicy("\"p9\"", "[" + server.replace(NEW_SERVER,
                        RESOURCE) + "]", one, ""), 400, "CSBS.6004"),
                bad(op, "POST", POLICIES, "scheduled_operations missing", validCreate("p10").replace(", \"scheduled_operations\": "
                        + one, ""), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "enabled missing", createPolicy("\"p11\"", "[]", schedule("\"enabled\": false, ", ""), ""),
                        400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "enabled a string", createPolicy("\"p12\"", "[]", schedule("false", "\"false\""), ""),
                        400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "operation_type restore", createPolicy("\"p13\"", "[]", schedule("\"backup\"",
                        "\"restore\""), ""), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "operation_definition missing", createPolicy("\"p14\"", "[]", schedule(
                        "\"operation_definition\": {\"max_backups\": 1}, ", ""), ""), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "max_backups -2", createPolicy("\"p15\"", "[]", schedule("\"max_backups\": 1",
                        "\"max_backups\": -2"), ""), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "max_backups 100000", createPolicy("\"p16\"", "[]", schedule("\"max_backups\": 1",
                        "\"max_backups\": 100000"), ""), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "max_backups a string", createPolicy("\"p17\"", "[]", schedule("\"max_backups\": 1",
                        "\"max_backups\": \"20\""), ""), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "retention_duration_days -2", createPolicy("\"p18\"", "[]", schedule("\"max_backups\": 1",
                        "\"retention_duration_days\": -2"), ""), 400, "CSBS.9001"),
                // Ignored, as the spec says: the answer carries the new policy's own id.
                bodyOk("operation_definition.plan_id another policy's: ignored", "POST", POLICIES, createPolicy("\"p19\"", "[]",
                        schedule("\"max_backups\": 1", "\"max_backups\": 1, \"plan_id\": \"" + PLAN + "\""), ""),
                        answer -> assertThat(answer.at("/policy/scheduled_operations/0/operation_definition/plan_id").asText())
                                .isEqualTo(answer.at("/policy/id").asText()).isNotEqualTo(PLAN)),
                bad(op, "POST", POLICIES, "trigger missing", createPolicy("\"p20\"", "[]", schedule(
                        ", \"trigger\": {\"properties\": {\"pattern\": \"" + DAILY_RULE + "\"}}", ""), ""), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "pattern missing", createPolicy("\"p21\"", "[]", schedule(
                        "\"pattern\": \"" + DAILY_RULE + "\"", ""), ""), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "pattern over 10,240 characters", createPolicy("\"p22\"", "[]", schedule(
                        DAILY_RULE, DAILY_RULE + "x".repeat(10_240)), ""), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "pattern not an iCalendar rule", createPolicy("\"p23\"", "[]", schedule(
                        DAILY_RULE, "every day at three"), ""), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "tags empty", createPolicy("\"p24\"", "[]", one, ", \"tags\": []"), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "11 tags", createPolicy("\"p25\"", "[]", one, ", \"tags\": " + tags(11)), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "a tag without value", createPolicy("\"p26\"", "[]", one, ", \"tags\": [{\"key\": \"k\"}]"),
                        400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "a tag key twice", createPolicy("\"p27\"", "[]", one,
                        ", \"tags\": [{\"key\": \"k\", \"value\": \"1\"}, {\"key\": \"k\", \"value\": \"2\"}]"), 400, "CSBS.9001"),
                bad(op, "POST", POLICIES, "name of another policy", validCreate("daily"), 400, "CSBS.9007"),
                bad(op, "POST", POLICIES, "scheduled operation null", createPolicy("\"p29\"", "[]", "[null]", ""), 400, "CSBS.9001"),
                // Valid: accepted, as created.
                bodyOk(op + ": name of 255 characters and 10 tags", "POST", POLICIES, createPolicy("\"" + "n".repeat(255) + "\"",
                        "[]", one, ", \"tags\": " + tags(10)), answer -> {
                            assertThat(answer.at("/policy/name").asText()).hasSize(255);
                            assertThat(answer.at("/policy/tags")).hasSize(10);
                            assertThat(answer.at("/policy/status").asText()).isEqualTo("disabled");
                        }),
                bodyOk(op + ": unknown fields ignored", "POST", POLICIES, createPolicy("\"unknown-fields\"", "[]", one,
                        ", \"origin\": \"" + MARKER + "\""), answer -> assertThat(answer.at("/policy/name").asText())
                        .isEqualTo("unknown-fields")));
        return Stream.concat(rows, withBody(op, "POST", POLICIES, validCreate("with-body")));
    }

    static Stream<Case> updateBackupPolicyRows() {
        String op = "updateBackupPolicy";
        String path = POLICIES + "/" + UPDATABLE_POLICY;
        String rename = "{\"policy\": {\"name\": \"renamed\"}}";
        Stream<Case> rows = Stream.of(
                bad(op, "PUT", path, "policy missing", "{}", 400, "CSBS.9001"),
                bad(op, "PUT", path, "policy null", "{\"policy\": null}", 400, "CSBS.9001"),
                bad(op, "PUT", path, "name empty", "{\"policy\": {\"name\": \"\"}}", 400, "CSBS.9001"),
                bad(op, "PUT", path, "name 256 characters", "{\"policy\": {\"name\": \"" + "n".repeat(256) + "\"}}", 400, "CSBS.9001"),
                bad(op, "PUT", path, "name the marker", "{\"policy\": {\"name\": \"" + MARKER + "\"}}", 400, "CSBS.9001"),
                bad(op, "PUT", path, "description with < and >", "{\"policy\": {\"description\": \"" + MARKER + "\"}}",
                        400, "CSBS.9001"),
                bad(op, "PUT", path, "resources a string", "{\"policy\": {\"resources\": \"x\"}}", 400, "CSBS.9001"),
                bad(op, "PUT", path, "scheduled operation without id", "{\"policy\": {\"scheduled_operations\": [{\"enabled\": true}]}}",
                        400, "CSBS.9001"),
                bad(op, "PUT", path, "scheduled operation id not a UUID", "{\"policy\": {\"scheduled_operations\": [{\"id\": \""
                        + MARKER + "\"}]}}", 400, "CSBS.9001"),
                bad(op, "PUT", path, "scheduled operation of no policy", "{\"policy\": {\"scheduled_operations\": [{\"id\": \""
                        + UNKNOWN_ID + "\"}]}}", 400, "CSBS.9001"),
                bad(op, "PUT", path, "scheduled operation named twice", "{\"policy\": {\"scheduled_operations\": [{\"id\": \""
                        + UPDATABLE_OPERATION + "\"}, {\"id\": \"" + UPDATABLE_OPERATION + "\"}]}}", 400, "CSBS.9001"),
                bad(op, "PUT", path, "max_backups -2", "{\"policy\": {\"scheduled_operations\": [{\"id\": \"" + UPDATABLE_OPERATION
                        + "\", \"operation_definition\": {\"max_backups\": -2}}]}}", 400, "CSBS.9001"),
                bad(op, "PUT", path, "enabled a string", "{\"policy\": {\"scheduled_operations\": [{\"id\": \"" + UPDATABLE_OPERATION
                        + "\", \"enabled\": \"true\"}]}}", 400, "CSBS.9001"),
                bad(op, "PUT", path, "pattern not an iCalendar rule", "{\"policy\": {\"scheduled_operations\": [{\"id\": \""
                        + UPDATABLE_OPERATION + "\", \"trigger\": {\"properties\": {\"pattern\": \"hourly\"}}}]}}", 400, "CSBS.9001"),
                bad(op, "PUT", path, "name of another policy", "{\"policy\": {\"name\": \"daily\"}}", 400, "CSBS.9007"),
                bad(op, "PUT", path, "a resource in another policy", "{\"policy\": {\"resources\": [{\"id\": \"" + RESOURCE
                        + "\", \"type\": \"OS::Nova::Server\", \"name\": \"s\"}]}}", 400, "CSBS.6004"),
                bad(op, "PUT", POLICIES + "/" + UNKNOWN_ID, "unknown policy", rename, 404, "CSBS.3000"),
                bad(op, "PUT", POLICIES + "/" + OTHER_PROJECT_POLICY, "a policy of another project", rename, 404, "CSBS.3000"),
                // Valid: nothing to change is a change of nothing.
                bodyOk(op + ": an empty policy changes nothing", "PUT", path, "{\"policy\": {}}", answer -> {
                    assertThat(answer.at("/policy/id").asText()).isEqualTo(UPDATABLE_POLICY);
                    assertThat(answer.at("/policy/name").asText()).isEqualTo("bad-input-target");
                }));
        Stream<Case> pathIds = badPathIds(op, "PUT", POLICIES + "/", "", Request.Method.PUT).map(row -> new Case(row.name(), "PUT",
                row.path(), headers(TOKEN, JSON), utf8(rename), false, 400, "CSBS.9001", Request.Method.PUT, answer -> { }));
        return Stream.of(rows, pathIds, withBody(op, "PUT", path, "{\"policy\": {\"description\": \"x\"}}")).flatMap(rows2 -> rows2);
    }

    static Stream<Case> deleteBackupPolicyRows() {
        String op = "deleteBackupPolicy";
        return Stream.of(Stream.of(
                        delete(op + ": unknown policy", POLICIES + "/" + UNKNOWN_ID, TOKEN, 404, "CSBS.3000"),
                        delete(op + ": a policy of another project", POLICIES + "/" + OTHER_PROJECT_POLICY, TOKEN, 404, "CSBS.3000"),
                        delete(op + ": another project's token", POLICIES + "/" + UPDATABLE_POLICY, OTHER_PROJECT_TOKEN, 403,
                                "CSBS.9009"),
                        new Case(op + ": Prefer: status=500", "DELETE", POLICIES + "/" + UPDATABLE_POLICY,
                                with(headers(TOKEN, null), "Prefer", "status=500"), null, false, 500, "CSBS.9999",
                                Request.Method.DELETE, answer -> { })),
                badPathIds(op, "DELETE", POLICIES + "/", "", Request.Method.DELETE),
                common(op, "DELETE", POLICIES + "/" + UNKNOWN_ID, Request.Method.DELETE, List.of()))
                .flatMap(stream -> stream);
    }

    static Stream<Case> backupResourceRows() {
        String op = "backupResource";
        String path = RESOURCES + "/" + NEW_SERVER + "/action";
        String valid = "{\"protect\": {\"backup_name\": \"bk\", \"description\": \"d\"}}";
        Stream<Case> rows = Stream.of(
                bad(op, "POST", path, "protect missing", "{}", 400, "CSBS.9001"),
                bad(op, "POST", path, "protect null", "{\"protect\": null}", 400, "CSBS.9001"),
                bad(op, "POST", path, "protect a string", "{\"protect\": \"" + MARKER + "\"}", 400, "CSBS.9001"),
                bad(op, "POST", path, "backup_name empty", "{\"protect\": {\"backup_name\": \"\"}}", 400, "CSBS.9001"),
                bad(op, "POST", path, "backup_name 256 characters", "{\"protect\": {\"backup_name\": \"" + "b".repeat(256) + "\"}}",
                        400, "CSBS.9001"),
                bad(op, "POST", path, "backup_name with a space", "{\"protect\": {\"backup_name\": \"my backup\"}}", 400, "CSBS.9001"),
                bad(op, "POST", path, "backup_name the marker", "{\"protect\": {\"backup_name\": \"" + MARKER + "\"}}", 400,
                        "CSBS.9001"),
                bad(op, "POST", path, "description 256 characters", "{\"protect\": {\"description\": \"" + "d".repeat(256) + "\"}}",
                        400, "CSBS.9001"),
                bad(op, "POST", path, "description with < and >", "{\"protect\": {\"description\": \"" + MARKER + "\"}}", 400,
                        "CSBS.9001"),
                bad(op, "POST", path, "incremental a string", "{\"protect\": {\"incremental\": \"yes\"}}", 400, "CSBS.9001"),
                bad(op, "POST", path, "resource_type a volume", "{\"protect\": {\"resource_type\": \"OS::Cinder::Volume\"}}", 400,
                        "CSBS.9001"),
                bad(op, "POST", path, "tags empty", "{\"protect\": {\"tags\": []}}", 400, "CSBS.9001"),
                bad(op, "POST", path, "11 tags", "{\"protect\": {\"tags\": " + tags(11) + "}}", 400, "CSBS.9001"),
                bad(op, "POST", path, "extra_info a string", "{\"protect\": {\"extra_info\": \"" + MARKER + "\"}}", 400, "CSBS.9001"),
                bad(op, "POST", RESOURCES.replace(PROVIDER_ID, "d0a6d9b2-4a5d-4c29-8e11-3a4a8ad4c6e9") + "/" + NEW_SERVER
                        + "/action", "provider other than CSBS", valid, 400, "CSBS.9001"),
                bad(op, "POST", RESOURCES + "/" + REFUSED_SERVER + "/action", "a server set unprotectable", valid, 400, "CSBS.6006"),
                new Case(op + ": the project's quota of backups used up", "POST", "/v1/" + OTHER_PROJECT + "/providers/"
                        + PROVIDER_ID + "/resources/" + NEW_SERVER + "/action", headers(OTHER_PROJECT_TOKEN, JSON), utf8(valid),
                        false, 400, "CSBS.9006", Request.Method.POST, answer -> { }),
                bodyOk(op + ": an empty protect", "POST", path, "{\"protect\": {}}", answer -> {
                    assertThat(answer.at("/checkpoint/status").asText()).isEqualTo("protecting");
                    assertThat(answer.at("/checkpoint/protection_plan/resources/0/id").asText()).isEqualTo(NEW_SERVER);
                }),
                bodyOk(op + ": unknown fields ignored", "POST", path, "{\"protect\": {\"backup_name\": \"bk\", \"x\": 1}, \"y\": 2}",
                        answer -> assertThat(answer.at("/checkpoint/id").asText()).matches(Contract.UUID_PATTERN)));
        Stream<Case> pathIds = badPathIds(op, "POST", RESOURCES + "/", "/action", Request.Method.POST).map(row -> new Case(
                row.name(), "POST", row.path(), headers(TOKEN, JSON), utf8(valid), false, 400, "CSBS.9001", Request.Method.POST,
                answer -> { }));
        return Stream.of(rows, pathIds, withBody(op, "POST", path, valid)).flatMap(stream -> stream);
    }

    static Stream<Case> checkResourceCapabilityRows() {
        String op = "checkResourceCapability";
        String path = RESOURCES + "/action";
        String protectable = "{\"check_protectable\": [{\"resource_id\": \"" + NEW_SERVER + "\", \"resource_type\": \"OS::Nova::Server\"}]}";
        String target = "{\"resource_id\": \"" + TARGET + "\", \"resource_type\": \"OS::Nova::Server\", \"volumes\": [{\"backup_id\": \""
                + AVAILABLE_DISK + "\", \"volume_id\": \"" + VOLUME + "\"}]}";
        String restorable = "{\"check_restorable\": [{\"checkpoint_item_id\": \"" + RESTORABLE_BACKUP + "\", \"target\": " + target + "}]}";
        return Stream.concat(Stream.of(
                bad(op, "POST", path, "neither check_protectable nor check_restorable", "{}", 400, "CSBS.9001"),
                bad(op, "POST", path, "both check_protectable and check_restorable", protectable.substring(0, protectable.length() - 1)
                        + ", " + restorable.substring(1), 400, "CSBS.9001"),
                bad(op, "POST", path, "check_protectable null", "{\"check_protectable\": null}", 400, "CSBS.9001"),
                bad(op, "POST", path, "check_protectable a string", "{\"check_protectable\": \"" + MARKER + "\"}", 400, "CSBS.9001"),
                bad(op, "POST", path, "resource_id not a UUID", protectable.replace(NEW_SERVER, MARKER), 400, "CSBS.9001"),
                bad(op, "POST", path, "resource_id missing", protectable.replace("\"resource_id\": \"" + NEW_SERVER + "\", ", ""),
                        400, "CSBS.9001"),
                bad(op, "POST", path, "resource_type missing", protectable.replace(", \"resource_type\": \"OS::Nova::Server\"", ""),
                        400, "CSBS.9001"),
                bad(op, "POST", path, "checkpoint_item_id not a UUID", restorable.replace(RESTORABLE_BACKUP, MARKER), 400, "CSBS.9001"),
                bad(op, "POST", path, "target missing", "{\"check_restorable\": [{\"checkpoint_item_id\": \"" + RESTORABLE_BACKUP
                        + "\"}]}", 400, "CSBS.9001"),
                bad(op, "POST", path, "volumes missing", restorable.replace(", \"volumes\": [{\"backup_id\": \"" + AVAILABLE_DISK
                        + "\", \"volume_id\": \"" + VOLUME + "\"}]", ""), 400, "CSBS.9001"),
                bad(op, "POST", path, "backup_id not a UUID", restorable.replace(AVAILABLE_DISK, MARKER), 400, "CSBS.9001"),
                bad(op, "POST", path.replace(PROVIDER_ID, "d0a6d9b2-4a5d-4c29-8e11-3a4a8ad4c6e9"), "provider other than CSBS",
                        protectable, 400, "CSBS.9001"),
                // Valid: answered per resource.
                bodyOk(op + ": a server of no policy is protectable", "POST", path, protectable, answer ->
                        assertThat(answer).isEqualTo(Contract.parse("{\"protectable\": [{\"result\": true, \"resource_type\": "
                                + "\"OS::Nova::Server\", \"error_code\": \"\", \"error_msg\": \"\", \"resource_id\": \"" + NEW_SERVER
                                + "\"}]}"))),
                bodyOk(op + ": a server set unprotectable", "POST", path, protectable.replace(NEW_SERVER, REFUSED_SERVER), answer -> {
                    assertThat(answer.at("/protectable/0/result").asBoolean()).isFalse();
                    assertThat(answer.at("/protectable/0/error_code").asText()).isEqualTo("CSBS.6006");
                }),
                bodyOk(op + ": an available backup is restorable", "POST", path, restorable, answer ->
                        assertThat(answer.at("/restorable/0/result").asBoolean()).isTrue()),
                bodyOk(op + ": a backup being created is not restorable", "POST", path, restorable.replace(RESTORABLE_BACKUP,
                        CREATING_BACKUP), answer -> assertThat(answer.at("/restorable/0/error_code").asText()).isEqualTo("CSBS.4000")),
                bodyOk(op + ": an unknown backup is not restorable", "POST", path, restorable.replace(RESTORABLE_BACKUP, UNKNOWN_ID),
                        answer -> assertThat(answer.at("/restorable/0/error_code").asText()).isEqualTo("CSBS.3001")),
                bodyOk(op + ": a target set unrestorable", "POST", path, restorable.replace(TARGET, REFUSED_SERVER),
                        answer -> assertThat(answer.at("/restorable/0/error_code").asText()).isEqualTo("CSBS.6020"))),
                withBody(op, "POST", path, protectable));
    }

    static Stream<Case> createRestorationRows() {
        String op = "createRestoration";
        String valid = restore(RESTORABLE_CHECKPOINT, RESTORABLE_BACKUP, "true", "{\"server_id\": \"" + TARGET + "\", \"volumes\": "
                + "[{\"backup_id\": \"" + AVAILABLE_DISK + "\", \"volume_id\": \"" + VOLUME + "\"}]}");
        return Stream.concat(Stream.of(
                bad(op, "POST", RESTORES, "restore missing", "{}", 400, "CSBS.9001"),
                bad(op, "POST", RESTORES, "restore null", "{\"restore\": null}", 400, "CSBS.9001"),
                bad(op, "POST", RESTORES, "checkpoint_id missing", valid.replace("\"checkpoint_id\": \"" + RESTORABLE_CHECKPOINT
                        + "\", ", ""), 400, "CSBS.9001"),
                bad(op, "POST", RESTORES, "checkpoint_id not a UUID", valid.replace(RESTORABLE_CHECKPOINT, MARKER), 400, "CSBS.9001"),
                bad(op, "POST", RESTORES, "provider_id another", valid.replace(PROVIDER_ID, "d0a6d9b2-4a5d-4c29-8e11-3a4a8ad4c6e9"),
                        400, "CSBS.9001"),
                bad(op, "POST", RESTORES, "provider_id missing", valid.replace("\"provider_id\": \"" + PROVIDER_ID + "\", ", ""),
                        400, "CSBS.9001"),
                bad(op, "POST", RESTORES, "parameters missing", "{\"restore\": {\"provider_id\": \"" + PROVIDER_ID
                        + "\", \"checkpoint_id\": \"" + RESTORABLE_CHECKPOINT + "\"}}", 400, "CSBS.9001"),
                bad(op, "POST", RESTORES, "checkpoint_item_id not a UUID", valid.replace(RESTORABLE_BACKUP, MARKER), 400, "CSBS.9001"),
                bad(op, "POST", RESTORES, "power_on missing", valid.replace("\"power_on\": true, ", ""), 400, "CSBS.9001"),
                bad(op, "POST", RESTORES, "power_on a string", valid.replace("\"power_on\": true", "\"power_on\": \"true\""),
                        400, "CSBS.9001"),
                bad(op, "POST", RESTORES, "targets missing", restore(RESTORABLE_CHECKPOINT, RESTORABLE_BACKUP, "true", null),
                        400, "CSBS.9001"),
                bad(op, "POST", RESTORES, "server_id not a UUID", valid.replace(TARGET, MARKER), 400, "CSBS.9001"),
                bad(op, "POST", RESTORES, "volumes missing", restore(RESTORABLE_CHECKPOINT, RESTORABLE_BACKUP, "true",
                        "{\"server_id\": \"" + TARGET + "\"}"), 400, "CSBS.9001"),
                bad(op, "POST", RESTORES, "volume_id not a UUID", valid.replace(VOLUME, MARKER), 400, "CSBS.9001"),
                bad(op, "POST", RESTORES, "restore_target an object", valid.replace("\"restore\": {", "\"restore\": {\"restore_target\": {}, "),
                        400, "CSBS.9001"),
                bad(op, "POST", RESTORES, "unknown checkpoint", valid.replace(RESTORABLE_CHECKPOINT, UNKNOWN_ID), 404, "CSBS.3001"),
                bad(op, "POST", RESTORES, "backup of another checkpoint", valid.replace(RESTORABLE_CHECKPOINT, CREATING_CHECKPOINT),
                        404, "CSBS.3001"),
                bad(op, "POST", RESTORES, "a backup being created", valid.replace(RESTORABLE_CHECKPOINT, CREATING_CHECKPOINT)
                        .replace(RESTORABLE_BACKUP, CREATING_BACKUP), 400, "CSBS.4000"),
                bad(op, "POST", RESTORES, "a disk backup the backup has not", valid.replace(AVAILABLE_DISK, UNKNOWN_ID), 400, "CSBS.6017"),
                bad(op, "POST", RESTORES, "a disk backup left out", restore(RESTORABLE_CHECKPOINT, RESTORABLE_BACKUP, "true",
                        "{\"server_id\": \"" + TARGET + "\", \"volumes\": []}"), 400, "CSBS.6018"),
                bad(op, "POST", RESTORES, "a target set unrestorable", valid.replace(TARGET, REFUSED_SERVER), 400, "CSBS.6020")),
                // (no valid restore here: it would keep the available backup restoring for the other rows)
                withBody(op, "POST", RESTORES, valid));
    }

    private static String restore(String checkpointId, String backupId, String powerOn, String targets) {
        return "{\"restore\": {\"provider_id\": \"" + PROVIDER_ID + "\", \"checkpoint_id\": \"" + checkpointId + "\", "
                + "\"parameters\": {\"checkpoint_item_id\": \"" + backupId + "\", \"power_on\": " + powerOn
                + (targets == null ? "" : ", \"targets\": " + targets) + "}}}";
    }

    static Stream<Case> listQuotasRows() {
        return Stream.of(Stream.of(
                        get("listQuotas: unknown query parameters ignored", QUOTAS + "?x=" + MARKER_IN_URL, TOKEN, 200, null),
                        get("listQuotas: another project's quotas", "/v1/" + OTHER_PROJECT + "/quotas", TOKEN, 403, "CSBS.9009")),
                common("listQuotas", "GET", QUOTAS, Request.Method.GET, List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")))
                .flatMap(stream -> stream);
    }

    // ---------------------------------------------------------------- the tag operations of 1.4.0

    /** A body every tag operation of a policy or a backup takes: 204 and no body. */
    private static Case noContent(String name, String method, String path, String body) {
        return new Case(name, method, path, headers(TOKEN, body == null ? null : JSON), body == null ? null : utf8(body), false,
                204, null, Request.Method.valueOf(method), answer -> assertThat(answer.isMissingNode()).as("no body").isTrue());
    }

    /** A path ID row with a body: the same row, sent with the operation's valid body. */
    private static Stream<Case> badPathIdsWithBody(String operation, String before, String after, String valid) {
        return badPathIds(operation, "POST", before, after, Request.Method.POST).map(row -> new Case(row.name(), "POST",
                row.path(), headers(TOKEN, JSON), utf8(valid), false, 400, "CSBS.9001", Request.Method.POST, answer -> { }));
    }

    /**
     * The tag operations on one resource ({@code kind} csbs_backup_policy or csbs_backup): adding one tag, the batch,
     * removing one, listing them; each new parameter (resource_id, key) and body field, refused with its documented code.
     */
    static Stream<Case> tagRows(String kind, String resourceId, String unknownResourceCode) {
        String of = kind.equals("csbs_backup") ? "Backup" : "Policy";
        String base = "/v1/" + PROJECT_ID + "/" + kind + "/";
        String tags = base + resourceId + "/tags";
        String unknownTags = base + UNKNOWN_ID + "/tags";
        String add = "add" + of + "Tag";
        String batch = "batchUpdate" + of + "Tags";
        String remove = "delete" + of + "Tag";
        String list = "list" + of + "Tags";
        String validAdd = "{\"tag\": {\"key\": \"bad-input\", \"value\": \"v\"}}";
        String validBatch = "{\"action\": \"delete\", \"tags\": [{\"key\": \"never-there\"}]}";
        String key128 = "k".repeat(128);
        Stream<Case> addRows = Stream.of(
                bad(add, "POST", tags, "tag missing", "{}", 400, "CSBS.9001"),
                bad(add, "POST", tags, "tag null", "{\"tag\": null}", 400, "CSBS.9001"),
                bad(add, "POST", tags, "tag a string", "{\"tag\": \"" + MARKER + "\"}", 400, "CSBS.9001"),
                bad(add, "POST", tags, "tags instead of tag", "{\"tags\": [{\"key\": \"k\", \"value\": \"v\"}]}", 400, "CSBS.9001"),
                bad(add, "POST", tags, "key missing", "{\"tag\": {\"value\": \"v\"}}", 400, "CSBS.9001"),
                bad(add, "POST", tags, "value missing", "{\"tag\": {\"key\": \"k\"}}", 400, "CSBS.9001"),
                bad(add, "POST", tags, "value null", "{\"tag\": {\"key\": \"k\", \"value\": null}}", 400, "CSBS.9001"),
                bad(add, "POST", tags, "key empty", "{\"tag\": {\"key\": \"\", \"value\": \"v\"}}", 400, "CSBS.9001"),
                bad(add, "POST", tags, "key with a space", "{\"tag\": {\"key\": \"my key\", \"value\": \"v\"}}", 400, "CSBS.9001"),
                bad(add, "POST", tags, "key the marker", "{\"tag\": {\"key\": \"" + MARKER + "\", \"value\": \"v\"}}", 400, "CSBS.9001"),
                bad(add, "POST", tags, "key of 37 characters", "{\"tag\": {\"key\": \"" + "k".repeat(37) + "\", \"value\": \"v\"}}",
                        400, "CSBS.9001"),
                bad(add, "POST", tags, "key a number", "{\"tag\": {\"key\": 7, \"value\": \"v\"}}", 400, "CSBS.9001"),
                bad(add, "POST", tags, "value of 44 characters", "{\"tag\": {\"key\": \"k\", \"value\": \"" + "v".repeat(44) + "\"}}",
                        400, "CSBS.9001"),
                bad(add, "POST", tags, "value with a space", "{\"tag\": {\"key\": \"k\", \"value\": \"a b\"}}", 400, "CSBS.9001"),
                bad(add, "POST", unknownTags, "unknown " + of.toLowerCase(Locale.ROOT), validAdd, 404, unknownResourceCode),
                noContent(add + ": a valid tag", "POST", tags, validAdd),
                noContent(add + ": unknown fields ignored", "POST", tags,
                        "{\"tag\": {\"key\": \"bad-input\", \"value\": \"w\", \"x\": 1}, \"origin\": \"" + MARKER + "\"}"));
        Stream<Case> batchRows = Stream.of(
                bad(batch, "POST", tags + "/action", "action missing", "{\"tags\": [{\"key\": \"k\"}]}", 400, "CSBS.9001"),
                bad(batch, "POST", tags + "/action", "action null", "{\"action\": null, \"tags\": [{\"key\": \"k\"}]}", 400, "CSBS.9001"),
                bad(batch, "POST", tags + "/action", "action update", "{\"action\": \"update\", \"tags\": [{\"key\": \"k\"}]}",
                        400, "CSBS.9001"),
                bad(batch, "POST", tags + "/action", "action the marker", "{\"action\": \"" + MARKER + "\", \"tags\": [{\"key\": \"k\"}]}",
                        400, "CSBS.9001"),
                bad(batch, "POST", tags + "/action", "tags missing", "{\"action\": \"delete\"}", 400, "CSBS.9001"),
                bad(batch, "POST", tags + "/action", "tags empty", "{\"action\": \"create\", \"tags\": []}", 400, "CSBS.9001"),
                bad(batch, "POST", tags + "/action", "tags an object", "{\"action\": \"create\", \"tags\": {\"key\": \"k\"}}",
                        400, "CSBS.9001"),
                bad(batch, "POST", tags + "/action", "11 tags", "{\"action\": \"delete\", \"tags\": " + tags(11) + "}", 400, "CSBS.9001"),
                bad(batch, "POST", tags + "/action", "a tag without key", "{\"action\": \"delete\", \"tags\": [{\"value\": \"v\"}]}",
                        400, "CSBS.9001"),
                bad(batch, "POST", tags + "/action", "a key of 128 characters", "{\"action\": \"delete\", \"tags\": [{\"key\": \""
                        + key128 + "\"}]}", 400, "CSBS.9001"),
                bad(batch, "POST", tags + "/action", "a value of 256 characters", "{\"action\": \"delete\", \"tags\": [{\"key\": \"k\","
                        + " \"value\": \"" + "v".repeat(256) + "\"}]}", 400, "CSBS.9001"),
                bad(batch, "POST", tags + "/action", "a key twice in a create", "{\"action\": \"create\", \"tags\": [{\"key\": \"k\","
                        + " \"value\": \"1\"}, {\"key\": \"k\", \"value\": \"2\"}]}", 400, "CSBS.9001"),
                bad(batch, "POST", tags + "/action", "a created key with an asterisk", "{\"action\": \"create\", \"tags\": [{\"key\": \"k*\"}]}",
                        400, "CSBS.9001"),
                bad(batch, "POST", tags + "/action", "a created key of 37 characters", "{\"action\": \"create\", \"tags\": [{\"key\": \""
                        + "k".repeat(37) + "\"}]}", 400, "CSBS.9001"),
                bad(batch, "POST", tags + "/action", "a created value of 44 characters", "{\"action\": \"create\", \"tags\": [{\"key\": \"k\","
                        + " \"value\": \"" + "v".repeat(44) + "\"}]}", 400, "CSBS.9001"),
                bad(batch, "POST", tags + "/action", "a deleted key of spaces", "{\"action\": \"delete\", \"tags\": [{\"key\": \"  \"}]}",
                        400, "CSBS.9001"),
                bad(batch, "POST", unknownTags + "/action", "unknown " + of.toLowerCase(Locale.ROOT), validBatch, 404, unknownResourceCode),
                noContent(batch + ": a delete of tags that are not there", "POST", tags + "/action", validBatch),
                noContent(batch + ": a delete naming a key twice", "POST", tags + "/action",
                        "{\"action\": \"delete\", \"tags\": [{\"key\": \"gone\"}, {\"key\": \"gone\"}]}"),
                noContent(batch + ": a create without value, and unknown fields", "POST", tags + "/action",
                        "{\"action\": \"create\", \"tags\": [{\"key\": \"bad-input-batch\", \"x\": 1}], \"y\": 2}"));
        Stream<Case> removeRows = Stream.of(
                delete(remove + ": a key of spaces", tags + "/%20%20", TOKEN, 400, "CSBS.9001"),
                delete(remove + ": a key of 128 characters", tags + "/" + key128, TOKEN, 400, "CSBS.9001"),
                delete(remove + ": a tag that is not there", tags + "/nothing-here", TOKEN, 404, "CSBS.7001"),
                delete(remove + ": the marker as key, not there", tags + "/" + MARKER_IN_URL, TOKEN, 404, "CSBS.7001"),
                delete(remove + ": unknown " + of.toLowerCase(Locale.ROOT), unknownTags + "/k", TOKEN, 404, unknownResourceCode));
        Stream<Case> listRows = Stream.of(
                get(list + ": unknown " + of.toLowerCase(Locale.ROOT), unknownTags, TOKEN, 404, unknownResourceCode),
                get(list + ": unknown query parameters ignored", tags + "?x=" + MARKER_IN_URL, TOKEN, 200, null));
        return Stream.of(addRows, badPathIdsWithBody(add, base, "/tags", validAdd), withBody(add, "POST", tags, validAdd),
                        batchRows, badPathIdsWithBody(batch, base, "/tags/action", validBatch),
                        withBody(batch, "POST", tags + "/action", validBatch),
                        removeRows, badPathIds(remove, "DELETE", base, "/tags/k", Request.Method.DELETE),
                        common(remove, "DELETE", tags + "/nothing-here", Request.Method.DELETE, List.of("GET", "POST", "PUT", "PATCH")),
                        listRows, badPathIds(list, "GET", base, "/tags", Request.Method.GET),
                        common(list, "GET", tags, Request.Method.GET, List.of("PUT", "DELETE", "PATCH")))
                .flatMap(rows -> rows);
    }

    /** The project's tag list and the query by tags of one kind of resource: each body field refused with its code. */
    static Stream<Case> projectTagRows(String kind) {
        String of = kind.equals("csbs_backup") ? "Backup" : "Policy";
        String listProject = "listProject" + of + "Tags";
        String query = kind.equals("csbs_backup") ? "queryBackupsByTags" : "queryPoliciesByTags";
        String projectTags = "/v1/" + PROJECT_ID + "/" + kind + "/tags";
        String path = "/v1/" + PROJECT_ID + "/" + kind + "/resource_instances/action";
        String valid = "{\"action\": \"count\", \"tags\": [{\"key\": \"team\", \"values\": [\"web\"]}]}";
        String filter = "{\"action\": \"filter\", \"tags\": [{\"key\": \"k\", \"values\": []}]";
        Stream<Case> listRows = Stream.concat(Stream.of(
                        get(listProject + ": unknown query parameters ignored", projectTags + "?x=" + MARKER_IN_URL, TOKEN, 200, null),
                        get(listProject + ": another project's tags", "/v1/" + OTHER_PROJECT + "/" + kind + "/tags", TOKEN, 403,
                                "CSBS.9009")),
                common(listProject, "GET", projectTags, Request.Method.GET, List.of("POST", "PUT", "DELETE", "PATCH")));
        Stream<Case> queryRows = Stream.of(
                bad(query, "POST", path, "action missing", "{\"tags\": [{\"key\": \"k\", \"values\": []}]}", 400, "CSBS.9001"),
                bad(query, "POST", path, "action null", "{\"action\": null}", 400, "CSBS.9001"),
                bad(query, "POST", path, "action list", "{\"action\": \"list\"}", 400, "CSBS.9001"),
                bad(query, "POST", path, "limit 0", "{\"action\": \"filter\", \"limit\": \"0\"}", 400, "CSBS.9001"),
                bad(query, "POST", path, "limit 1001", "{\"action\": \"filter\", \"limit\": \"1001\"}", 400, "CSBS.9001"),
                bad(query, "POST", path, "limit a number", "{\"action\": \"filter\", \"limit\": 10}", 400, "CSBS.9001"),
                bad(query, "POST", path, "limit the marker", "{\"action\": \"filter\", \"limit\": \"" + MARKER + "\"}", 400, "CSBS.9001"),
                bad(query, "POST", path, "offset -1", "{\"action\": \"filter\", \"offset\": \"-1\"}", 400, "CSBS.9001"),
                bad(query, "POST", path, "offset 01", "{\"action\": \"filter\", \"offset\": \"01\"}", 400, "CSBS.9001"),
                bad(query, "POST", path, "tags empty", "{\"action\": \"count\", \"tags\": []}", 400, "CSBS.9001"),
                bad(query, "POST", path, "tags an object", "{\"action\": \"count\", \"tags\": {\"key\": \"k\", \"values\": []}}",
                        400, "CSBS.9001"),
                bad(query, "POST", path, "11 entries in not_tags", "{\"action\": \"count\", \"not_tags\": "
                        + IntStream.range(0, 11).mapToObj(i -> "{\"key\": \"k" + i + "\", \"values\": []}")
                        .collect(Collectors.joining(", ", "[", "]")) + "}", 400, "CSBS.9001"),
                bad(query, "POST", path, "a key twice in tags_any", "{\"action\": \"count\", \"tags_any\": [{\"key\": \"k\", \"values\": []},"
                        + " {\"key\": \"k\", \"values\": [\"v\"]}]}", 400, "CSBS.9001"),
                bad(query, "POST", path, "a value twice", "{\"action\": \"count\", \"tags\": [{\"key\": \"k\", \"values\": [\"v\", \"v\"]}]}",
                        400, "CSBS.9001"),
                bad(query, "POST", path, "an entry without values", "{\"action\": \"count\", \"not_tags_any\": [{\"key\": \"k\"}]}",
                        400, "CSBS.9001"),
                bad(query, "POST", path, "an entry without key", "{\"action\": \"count\", \"tags\": [{\"values\": [\"v\"]}]}",
                        400, "CSBS.9001"),
                bad(query, "POST", path, "a key of 128 characters", "{\"action\": \"count\", \"tags\": [{\"key\": \"" + "k".repeat(128)
                        + "\", \"values\": []}]}", 400, "CSBS.9001"),
                bad(query, "POST", path, "a match on another key", "{\"action\": \"filter\", \"matches\": [{\"key\": \"name\","
                        + " \"value\": \"x\"}]}", 400, "CSBS.9001"),
                bad(query, "POST", path, "two matches", "{\"action\": \"filter\", \"matches\": [{\"key\": \"resource_name\","
                        + " \"value\": \"x\"}, {\"key\": \"resource_name\", \"value\": \"y\"}]}", 400, "CSBS.9001"),
                bad(query, "POST", path, "a match without value", "{\"action\": \"filter\", \"matches\": [{\"key\": \"resource_name\"}]}",
                        400, "CSBS.9001"),
                bodyOk(query + ": count", "POST", path, valid, answer -> assertThat(Contract.fieldNames(answer))
                        .containsExactly("total_count")),
                bodyOk(query + ": filter, unknown fields ignored", "POST", path, filter + ", \"x\": \"" + MARKER + "\"}",
                        answer -> assertThat(answer.get("total_count").asInt()).isEqualTo(answer.get("resources").size())));
        return Stream.of(listRows, queryRows, withBody(query, "POST", path, valid)).flatMap(rows -> rows);
    }

    /** A path ID (the last segment before {@code after}) that is not a UUID in its canonical text form. */
    private static Stream<Case> badPathIds(String operation, String method, String before, String after, Request.Method documentedBy) {
        String uuid = "7a32a8b5-7977-4e24-b5da-e0eb457db75b";
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("the marker", MARKER_IN_URL);
        ids.put("a word", "latest");
        ids.put("1-1-1-1-1", "1-1-1-1-1");
        ids.put("a UUID without hyphens", uuid.replace("-", ""));
        ids.put("a UUID missing a digit", uuid.substring(1));
        ids.put("a UUID in braces", "%7B" + uuid + "%7D");
        ids.put("a UUID as URN", "urn:uuid:" + uuid);
        ids.put("a UUID with a non-hex digit", "g" + uuid.substring(1));
        return ids.entrySet().stream().map(id -> new Case(operation + ": path ID " + id.getKey(), method,
                before + id.getValue() + after, headers(TOKEN, null), null, false, 400, "CSBS.9001", documentedBy, answer -> { }));
    }

    /** Bad values of the query parameters an operation of the backup or policy lists has. */
    private static Stream<Case> badQueryValues(String operation, String base, List<String> sortKeys, boolean paged, boolean backupFilters) {
        Map<String, List<String>> bad = new LinkedHashMap<>();
        bad.put("all_tenants", List.of("yes", "1", "", "TRUE", "False", MARKER_IN_URL));
        if (paged) {
            bad.put("limit", List.of("0", "-1", "abc", "1.5", "", "1e3", MARKER_IN_URL));
            bad.put("offset", List.of("-1", "abc", "1.5", "", MARKER_IN_URL));
            String longSort = (sortKeys.get(0) + ":asc,").repeat(255 / (sortKeys.get(0).length() + 5) + 1) + sortKeys.get(0);
            // A key of the other listing: protected_at is a backup's, resource_id neither's.
            String otherKey = sortKeys.contains("protected_at") ? "resource_id" : "protected_at";
            bad.put("sort", List.of(otherKey, "bogus:asc", sortKeys.get(0) + ":up", sortKeys.get(0) + ":asc,",
                    sortKeys.get(0) + ":asc;id", ",", "", sortKeys.get(0) + ":asc,%20id", longSort, MARKER_IN_URL));
            bad.put("marker", List.of(UNKNOWN_ID, MARKER_IN_URL, "1-1-1-1-1", UNKNOWN_ID.replace("-", "")));
        }
        if (backupFilters) {
            bad.put("status", List.of("finished", "AVAILABLE", "", MARKER_IN_URL));
            for (String time : List.of("start_time", "end_time")) {
                bad.put(time, List.of("yesterday", "2017-04-18", "2017-13-45T25:61:61", "2017-02-30T00:00:00",
                        "2017-04-18T01:21:52.1234567", "2017-04-18T01:21:52Z", "", MARKER_IN_URL));
            }
            for (String id : List.of("resource_id", "policy_id", "checkpoint_id")) {
                bad.put(id, List.of(MARKER_IN_URL, "1-1-1-1-1", UNKNOWN_ID.replace("-", ""), ""));
            }
        }
        Stream<Case> values = bad.entrySet().stream().flatMap(parameter -> parameter.getValue().stream().map(value ->
                get(operation + ": " + parameter.getKey() + "=" + (value.equals(MARKER_IN_URL) ? "the marker"
                        : value.length() > 40 ? value.substring(0, 20) + "... (" + value.length() + " characters)" : value),
                        base + "?" + parameter.getKey() + "=" + value, TOKEN, 400, "CSBS.9001")));
        Stream<Case> notAdmin = Stream.of(get(operation + ": all_tenants=true, not an administrator",
                base + "?all_tenants=true", TOKEN, 403, "CSBS.9009"),
                // A bad parameter is 400 whoever asks: before the permission of all_tenants.
                get(operation + ": all_tenants=true, not an administrator, and a bad parameter",
                        base + "?all_tenants=true&" + (backupFilters ? "start_time=2017-02-30T00:00:00" : "sort=bogus"),
                        TOKEN, 400, "CSBS.9001"),
                get(operation + ": all_tenants=true, not an administrator, and a bad " + (paged ? "limit" : "status"),
                        base + "?all_tenants=true&" + (paged ? "limit=0" : "status=finished"), TOKEN, 400, "CSBS.9001"));
        return Stream.concat(values, notAdmin);
    }

    /** What every operation shares: wrong methods, Accept, the token. */
    private static Stream<Case> common(String operation, String method, String path, Request.Method documentedBy,
                                       List<String> wrongMethods) {
        Stream<Case> methods = wrongMethods.stream().map(wrong -> new Case(operation + ": " + wrong + " on the path", wrong, path,
                headers(TOKEN, wrong.equals("GET") || wrong.equals("DELETE") || wrong.equals("OPTIONS") ? null : JSON),
                wrong.equals("GET") || wrong.equals("DELETE") || wrong.equals("OPTIONS") ? null : utf8("{}"),
                false, 405, "APIGW.0101", documentedBy, answer -> { }));
        Stream<Case> rest = Stream.of(
                new Case(operation + ": Accept text/html", method, path, with(headers(TOKEN, null), "Accept", "text/html"),
                        null, false, 406, "CSBS.9001", documentedBy, answer -> { }),
                new Case(operation + ": no X-Auth-Token", method, path, headers(null, null), null, false, 401, "APIGW.0301",
                        documentedBy, answer -> { }),
                new Case(operation + ": blank X-Auth-Token", method, path, headers(" ", null), null, false, 401, "APIGW.0301",
                        documentedBy, answer -> { }),
                new Case(operation + ": unknown X-Auth-Token", method, path, headers(MARKER, null), null, false, 401, "APIGW.0301",
                        documentedBy, answer -> { }),
                new Case(operation + ": X-Auth-Token of another project", method, path, headers(OTHER_PROJECT_TOKEN, null), null,
                        false, 403, "CSBS.9009", documentedBy, answer -> { }),
                new Case(operation + ": the administrator's X-Auth-Token, for another project", method, path,
                        headers(ADMIN_TOKEN, null), null, false, 403, "CSBS.9009", documentedBy, answer -> { }));
        return Stream.concat(methods, rest);
    }

    private static Case get(String name, String path, String token, int status, String errorCode) {
        return new Case(name, "GET", path, headers(token, null), null, false, status, errorCode, Request.Method.GET, answer -> { });
    }

    private static Case delete(String name, String path, String token, int status, String errorCode) {
        return new Case(name, "DELETE", path, headers(token, null), null, false, status, errorCode, Request.Method.DELETE,
                answer -> { });
    }

    private static Case ok(String name, String body, Consumer<JsonNode> check) {
        return new Case(name, "POST", PATH, headers(TOKEN, JSON), utf8(body), false, 200, null, Request.Method.POST, check);
    }

    private static List<String> resourceIds(JsonNode executed) {
        List<String> ids = new ArrayList<>();
        executed.at("/checkpoint/protection_plan/resources").forEach(resource -> ids.add(resource.get("id").asText()));
        return ids;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void answersWithADocumentedStatusAndTheCsbsErrorBody(Case input) throws Exception {
        HttpResponse<String> response = send(request(input));

        if (input.errorCode() == null) {
            assertThat(response.statusCode()).as("status, body %s", response.body()).isEqualTo(input.status());
            Contract.assertValid(Contract.validator().validateResponse(input.operationPath(), input.documentedBy(),
                    CsbsSpec.validatorResponse(response)));
            // A 204 has no body: its check gets the missing node.
            input.check().accept(response.body().isEmpty() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                    : Contract.parse(response.body()));
        } else {
            Contract.assertCsbsError(response, input.status(), input.errorCode(), input.operationPath(), input.documentedBy());
        }
        if (input.status() == 405) {
            assertThat(response.headers().firstValue("Allow")).as("Allow of a 405").hasValueSatisfying(allow ->
                    assertThat(allow.split(",\\s*")).contains(input.documentedBy().name()).doesNotContain(input.method()));
        }
        assertThat(response.body()).doesNotContain(MARKER).doesNotContain("<script>");
    }

    /**
     * A body refused half-read (the parser stops at depth 1,000 of 200,000) must not close the
     * connection: the client's next request on it is answered. On one raw socket, so that the
     * connection is surely the same one.
     */
    @Test
    void keepsTheConnectionAfterRefusingABodyUnread() throws Exception {
        byte[] refused = utf8("[".repeat(200_000) + "]".repeat(200_000));
        byte[] documented = utf8(Contract.documentedRequest().toString());
        try (Socket socket = new Socket(stub.baseUri().getHost(), stub.baseUri().getPort())) {
            socket.setSoTimeout((int) ANSWERED_WITHIN.toMillis());
            OutputStream out = socket.getOutputStream();
            BufferedInputStream in = new BufferedInputStream(socket.getInputStream());

            out.write(rawPost(refused));
            out.flush();
            assertThat(readStatusAndSkipBody(in)).isEqualTo(400);
            out.write(rawPost(documented));
            out.flush();
            assertThat(readStatusAndSkipBody(in)).as("the next request on the same connection").isEqualTo(200);
        }
    }

    private static byte[] rawPost(byte[] body) {
        String head = "POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: " + TOKEN
                + "\r\nContent-Type: " + JSON + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        return bytes(head, body, "");
    }

    private static int readStatusAndSkipBody(BufferedInputStream in) throws IOException {
        String statusLine = readLine(in);
        assertThat(statusLine).as("status line").startsWith("HTTP/1.1 ");
        long length = 0;
        for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(header.substring("content-length:".length()).trim());
            }
        }
        in.skipNBytes(length);
        return Integer.parseInt(statusLine.substring(9, 12));
    }

    private static String readLine(BufferedInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int next = in.read(); next != '\n'; next = in.read()) {
            if (next < 0) {
                throw new IOException("the stub closed the connection");
            }
            if (next != '\r') {
                line.append((char) next);
            }
        }
        return line.toString();
    }

    private static HttpRequest request(Case input) {
        HttpRequest.BodyPublisher body = input.body() == null ? HttpRequest.BodyPublishers.noBody()
                : input.chunked() ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(input.body()))
                : HttpRequest.BodyPublishers.ofByteArray(input.body());
        HttpRequest.Builder request = HttpRequest.newBuilder(stub.baseUri().resolve(input.path().substring(1)))
                .method(input.method(), body);
        input.headers().forEach(request::header);
        return request.build();
    }

    private static HttpRequest.Builder post(String body) {
        return HttpRequest.newBuilder(stub.baseUri().resolve(PATH.substring(1)))
                .header("X-Auth-Token", TOKEN)
                .header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpRequest bounded = HttpRequest.newBuilder(request, (name, value) -> true).timeout(ANSWERED_WITHIN).build();
        try {
            return http.send(bounded, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new AssertionError("not answered within " + ANSWERED_WITHIN.toMillis() + " ms", e);
        }
    }

    private static Case bad(String name, String body, int status, String errorCode) {
        return bad(name, utf8(body), status, errorCode);
    }

    private static Case bad(String name, byte[] body, int status, String errorCode) {
        return new Case(name, "POST", PATH, headers(TOKEN, JSON), body, false, status, errorCode);
    }

    private static String parameters(String fields) {
        return "{\"checkpoint\": {\"plan_id\": \"" + PLAN + "\", \"parameters\": {" + fields + "}}}";
    }

    private static Map<String, String> headers(String token, String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("X-Auth-Token", token);
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return headers;
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        headers.put(name, value);
        return headers;
    }

    private static String manyResourceIds(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "\"" + UUID.nameUUIDFromBytes(("resource-" + i).getBytes(StandardCharsets.UTF_8)) + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static byte[] overOneMebibyte() {
        return utf8(parameters("\"auto_trigger\": false, \"padding\": \"" + "x".repeat(1 << 20) + "\""));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String before, byte[] raw, String after) {
        List<byte[]> parts = new ArrayList<>(List.of(utf8(before), raw, utf8(after)));
        byte[] all = new byte[parts.stream().mapToInt(part -> part.length).sum()];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
