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
    private static final MutableClock CLOCK = MutableClock.of(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    // Made in startStub: a checkpoint whose backups are available, and one whose backups are being created.
    private static String AVAILABLE_CHECKPOINT;
    private static String AVAILABLE_BACKUP;
    private static String CREATING_CHECKPOINT;
    private static String CREATING_BACKUP;

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
            if (documentedBy == Request.Method.POST) {
                return PATH;
            }
            int query = path.indexOf('?');
            return query < 0 ? path : path.substring(0, query);
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
        stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault(), StubOptions.defaults().withClock(CLOCK));
        http = HttpClient.newBuilder().connectTimeout(ANSWERED_WITHIN).build();
        // The one-second bound is about answering bad input, not about the JVM's first request.
        AVAILABLE_CHECKPOINT = checkpointId(Contract.send(http, post(Contract.documentedRequest().toString()).build()));
        CLOCK.add(Duration.ofHours(1));
        CREATING_CHECKPOINT = checkpointId(Contract.send(http, post(Contract.documentedRequest().toString()).build()));
        AVAILABLE_BACKUP = backupIdOf(AVAILABLE_CHECKPOINT);
        CREATING_BACKUP = backupIdOf(CREATING_CHECKPOINT);
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
                countBackupsRows(), getBackupPolicyRows(), listBackupPoliciesRows()).flatMap(rows -> rows);
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
                common("getBackupPolicy", "GET", base + PLAN, Request.Method.GET, List.of("DELETE", "PUT", "POST", "PATCH", "OPTIONS")))
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
                        common("listBackupPolicies", "GET", POLICIES, Request.Method.GET, List.of("POST", "PUT", "DELETE", "OPTIONS")))
                .flatMap(stream -> stream);
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
            input.check().accept(Contract.parse(response.body()));
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
