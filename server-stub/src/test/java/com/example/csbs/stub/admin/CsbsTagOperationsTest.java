package com.example.csbs.stub.admin;

import static com.example.csbs.stub.admin.AdminHttp.PROJECT;
import static com.example.csbs.stub.admin.AdminHttp.PROVIDER;
import static com.example.csbs.stub.admin.AdminHttp.TOKEN;
import static com.example.csbs.stub.admin.AdminHttp.error;
import static com.example.csbs.stub.admin.AdminHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.container.Operations;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.threeten.extra.MutableClock;

/**
 * Tag management (spec 1.4.0) over HTTP: tags kept with their policy or backup and gone with it, the tags of
 * a policy's creation and of a resource backup, the project's tag lists, filter and count with paging, the
 * limits with their documented error codes, the tag named {@code action}, and tags changed while their
 * resource is deleted. Every request sent as valid, and every answer, is checked against the spec.
 */
class CsbsTagOperationsTest {

    private static final OpenApiInteractionValidator CSBS_CONTRACT =
            OpenApiInteractionValidator.createForInlineApiSpecification(AdminHttp.resource("csbs/openapi.yaml")).build();
    private static final String SERVER = "5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b"; // known to no data set
    private static final String UNKNOWN = "3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44";

    private final MutableClock clock = MutableClock.of(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    private AdminHttp stub;

    @BeforeEach
    void start() {
        stub = new AdminHttp(StubOptions.defaults().withClock(clock).withBackupDuration(Duration.ofSeconds(3))
                .withDeleteDuration(Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void aPolicysTagsAddedOverwrittenListedRemovedAndGoneWithIt() {
        String policy = createPolicy("tagged", "[{\"key\": \"owner\", \"value\": \"team-a\"}]");
        String tags = "/csbs_backup_policy/" + policy + "/tags";
        assertThat(ok("GET", tags, null).path("tags")).isEqualTo(json("[{\"key\": \"owner\", \"value\": \"team-a\"}]"));

        noContent("POST", tags, "{\"tag\": {\"key\": \"env\", \"value\": \"dev\"}}");
        noContent("POST", tags, "{\"tag\": {\"key\": \"owner\", \"value\": \"team-b\"}}"); // overwrites, keeps its place
        noContent("POST", tags + "/action", "{\"action\": \"create\", \"tags\": [{\"key\": \"cost\", \"value\": \"c1\"},"
                + " {\"key\": \"empty\"}]}");
        assertThat(ok("GET", tags, null).path("tags")).isEqualTo(json("[{\"key\": \"owner\", \"value\": \"team-b\"},"
                + " {\"key\": \"env\", \"value\": \"dev\"}, {\"key\": \"cost\", \"value\": \"c1\"},"
                + " {\"key\": \"empty\", \"value\": \"\"}]"));
        assertThat(ok("GET", "/policies/" + policy, null).at("/policy/tags")).hasSize(4);

        noContent("DELETE", tags + "/env", null);
        assertThat(refused("DELETE", tags + "/env", null)).isEqualTo(error("CSBS.7001", "The backup tag does not exist."));
        // A batch delete: a key not there is fine, a value that is not the tag's leaves it, no value removes it.
        noContent("POST", tags + "/action", "{\"action\": \"delete\", \"tags\": [{\"key\": \"nothing\"},"
                + " {\"key\": \"cost\", \"value\": \"other\"}, {\"key\": \"owner\", \"value\": \"team-b\"}, {\"key\": \"empty\"},"
                + " {\"key\": \"empty\"}]}");
        assertThat(ok("GET", tags, null).path("tags")).isEqualTo(json("[{\"key\": \"cost\", \"value\": \"c1\"}]"));
        assertThat(ok("GET", "/csbs_backup_policy/tags", null).path("tags"))
                .contains(json("{\"key\": \"cost\", \"values\": [\"c1\"]}"));

        assertThat(stub.csbs("DELETE", "/policies/" + policy, null, TOKEN).statusCode()).isEqualTo(200);

        assertThat(refused("GET", tags, null)).isEqualTo(error("CSBS.3000", "plan not found"));
        assertThat(refused("POST", tags, "{\"tag\": {\"key\": \"env\", \"value\": \"dev\"}}"))
                .isEqualTo(error("CSBS.3000", "plan not found"));
        assertThat(ok("GET", "/csbs_backup_policy/tags", null).path("tags").findValuesAsText("key")).doesNotContain("cost");
    }

    @Test
    void aBackupCarriesTheTagsOfItsResourceBackupAndLosesThemWithItsDeletion() {
        String backup = protect("web", "[{\"key\": \"env\", \"value\": \"prod\"}]");
        String tags = "/csbs_backup/" + backup + "/tags";
        assertThat(ok("GET", tags, null).path("tags")).isEqualTo(json("[{\"key\": \"env\", \"value\": \"prod\"}]"));
        noContent("POST", tags, "{\"tag\": {\"key\": \"owner\", \"value\": \"team-a\"}}");
        assertThat(ok("GET", "/checkpoint_items/" + backup, null).at("/checkpoint_item/tags"))
                .isEqualTo(json("[{\"key\": \"env\", \"value\": \"prod\"}, {\"key\": \"owner\", \"value\": \"team-a\"}]"));
        assertThat(ok("GET", "/csbs_backup/tags", null).path("tags")).isEqualTo(json(
                "[{\"key\": \"env\", \"values\": [\"prod\"]}, {\"key\": \"owner\", \"values\": [\"team-a\"]}]"));

        clock.add(Duration.ofSeconds(3));
        assertThat(stub.csbs("DELETE", "/providers/" + PROVIDER + "/checkpoints/" + backup, null, TOKEN).statusCode())
                .isEqualTo(200);
        noContent("DELETE", tags + "/env", null); // being deleted: still there, still tagged
        clock.add(Duration.ofSeconds(1));

        assertThat(refused("GET", tags, null).path("error_code").asText()).isEqualTo("CSBS.3001");
        assertThat(refused("POST", tags + "/action", "{\"action\": \"delete\", \"tags\": [{\"key\": \"owner\"}]}")
                .path("error_code").asText()).isEqualTo("CSBS.3001");
        assertThat(ok("GET", "/csbs_backup/tags", null).path("tags")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"csbs_backup_policy", "csbs_backup"})
    void aTagNamedActionIsRemovedByDeleteOnTheBatchPath(String kind) {
        String resource = kind.equals("csbs_backup") ? protect("a", null) : createPolicy("p-" + kind, "null");
        String tags = "/" + kind + "/" + resource + "/tags";
        noContent("POST", tags, "{\"tag\": {\"key\": \"action\", \"value\": \"v\"}}");
        noContent("POST", tags + "/action", "{\"action\": \"create\", \"tags\": [{\"key\": \"other\", \"value\": \"w\"}]}");
        assertThat(ok("GET", tags, null).path("tags").findValuesAsText("key")).containsExactly("action", "other");

        noContent("DELETE", tags + "/action", null);

        assertThat(ok("GET", tags, null).path("tags").findValuesAsText("key")).containsExactly("other");
        assertThat(refused("DELETE", tags + "/action", null)).isEqualTo(error("CSBS.7001", "The backup tag does not exist."));
        assertThat(Operations.csbs().match("DELETE", "/v1/" + PROJECT + tags + "/action"))
                .contains(kind.equals("csbs_backup") ? "deleteBackupTag" : "deletePolicyTag");
        assertThat(Operations.csbs().match("POST", "/v1/" + PROJECT + tags + "/action"))
                .contains(kind.equals("csbs_backup") ? "batchUpdateBackupTags" : "batchUpdatePolicyTags");
        // Other methods on the batch path are still not allowed.
        assertThat(stub.csbs("PUT", tags + "/action", "{}", TOKEN).statusCode()).isEqualTo(405);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"csbs_backup_policy", "csbs_backup"})
    void aResourceHasAtMostTenTagsAndARefusedBatchChangesNothing(String kind) {
        String resource = kind.equals("csbs_backup") ? protect("a", null) : createPolicy("p-" + kind, "null");
        String tags = "/" + kind + "/" + resource + "/tags";
        StringBuilder nine = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            nine.append(i == 0 ? "" : ", ").append("{\"key\": \"k").append(i).append("\", \"value\": \"v\"}");
        }
        noContent("POST", tags + "/action", "{\"action\": \"create\", \"tags\": [" + nine + "]}");
        noContent("POST", tags, "{\"tag\": {\"key\": \"k9\", \"value\": \"v\"}}");
        noContent("POST", tags, "{\"tag\": {\"key\": \"k0\", \"value\": \"new\"}}"); // an overwrite is not one more

        JsonNode over = json("{\"error_code\": \"CSBS.7000\", \"error_msg\": \"request tags exceed the max allowed count: 10.\"}");
        assertThat(refused("POST", tags, "{\"tag\": {\"key\": \"k10\", \"value\": \"v\"}}")).isEqualTo(over);
        assertThat(refused("POST", tags + "/action", "{\"action\": \"create\", \"tags\": [{\"key\": \"k1\", \"value\": \"x\"},"
                + " {\"key\": \"k11\", \"value\": \"v\"}]}")).isEqualTo(over);

        JsonNode after = ok("GET", tags, null).path("tags");
        assertThat(after).hasSize(10);
        assertThat(after.get(1)).isEqualTo(json("{\"key\": \"k1\", \"value\": \"v\"}"));
        assertThat(after.get(0)).isEqualTo(json("{\"key\": \"k0\", \"value\": \"new\"}"));
    }

    @Test
    void filterAndCountByTagsAndNameWithPaging() {
        String a = protect("web-a", "[{\"key\": \"env\", \"value\": \"prod\"}, {\"key\": \"owner\", \"value\": \"a\"}]");
        clock.add(Duration.ofSeconds(1));
        String b = protect("web-b", "[{\"key\": \"env\", \"value\": \"dev\"}, {\"key\": \"owner\", \"value\": \"b\"}]");
        clock.add(Duration.ofSeconds(1));
        String c = protect("db-c", "[{\"key\": \"env\", \"value\": \"prod\"}]");
        clock.add(Duration.ofSeconds(1));
        String d = protect("db-d", null);
        String query = "/csbs_backup/resource_instances/action";

        assertThat(found(query, "{\"action\": \"filter\"}")).containsExactly(d, c, b, a); // newest first
        assertThat(found(query, "{\"action\": \"filter\", \"tags\": [{\"key\": \"env\", \"values\": [\"prod\"]}]}"))
                .containsExactly(c, a);
        assertThat(found(query, "{\"action\": \"filter\", \"tags\": [{\"key\": \"env\", \"values\": []},"
                + " {\"key\": \"owner\", \"values\": []}]}")).containsExactly(b, a);
        assertThat(found(query, "{\"action\": \"filter\", \"tags_any\": [{\"key\": \"owner\", \"values\": [\"b\"]},"
                + " {\"key\": \"env\", \"values\": [\"prod\"]}]}")).containsExactly(c, b, a);
        assertThat(found(query, "{\"action\": \"filter\", \"not_tags\": [{\"key\": \"env\", \"values\": [\"prod\"]},"
                + " {\"key\": \"owner\", \"values\": []}]}")).as("left out: every entry").containsExactly(d, c, b);
        assertThat(found(query, "{\"action\": \"filter\", \"not_tags_any\": [{\"key\": \"env\", \"values\": [\"prod\"]},"
                + " {\"key\": \"owner\", \"values\": [\"b\"]}]}")).as("left out: any entry").containsExactly(d);
        assertThat(found(query, "{\"action\": \"filter\", \"matches\": [{\"key\": \"resource_name\", \"value\": \"WEB\"}]}"))
                .containsExactly(b, a);
        assertThat(found(query, "{\"action\": \"filter\", \"matches\": [{\"key\": \"resource_name\", \"value\": \"\"}]}"))
                .isEmpty();
        assertThat(found(query, "{\"action\": \"filter\", \"tags\": [{\"key\": \" env \", \"values\": [\"*prod\"]}]}"))
                .as("* is a character").isEmpty();

        JsonNode page = ok("POST", query, "{\"action\": \"filter\", \"limit\": \"2\", \"offset\": \"1\"}");
        assertThat(page.path("total_count").asInt()).isEqualTo(4);
        assertThat(page.path("resources")).extracting(resource -> resource.path("resource_id").asText()).containsExactly(c, b);
        JsonNode first = page.path("resources").get(0);
        assertThat(first.path("resource_name").asText()).isEqualTo("db-c");
        assertThat(first.at("/resource_detail/id").asText()).isEqualTo(c);
        assertThat(first.at("/resource_detail/tags")).isEqualTo(first.path("tags"));
        assertThat(ok("POST", query, "{\"action\": \"filter\", \"offset\": \"9\"}").path("resources")).isEmpty();

        JsonNode count = ok("POST", query, "{\"action\": \"count\", \"limit\": \"1\", \"offset\": \"3\","
                + " \"tags\": [{\"key\": \"env\", \"values\": [\"prod\", \"dev\"]}]}");
        assertThat(count).isEqualTo(json("{\"total_count\": 3}"));

        // Policies: the data set's three, and one tagged; resource_detail is {}.
        String policy = createPolicy("tagged", "[{\"key\": \"env\", \"value\": \"prod\"}]");
        JsonNode policies = ok("POST", "/csbs_backup_policy/resource_instances/action",
                "{\"action\": \"filter\", \"tags\": [{\"key\": \"env\", \"values\": [\"prod\"]}]}");
        assertThat(policies).isEqualTo(json("{\"resources\": [{\"resource_id\": \"" + policy + "\", \"resource_name\": \"tagged\","
                + " \"resource_detail\": {}, \"tags\": [{\"key\": \"env\", \"value\": \"prod\"}]}], \"total_count\": 1}"));
        assertThat(ok("POST", "/csbs_backup_policy/resource_instances/action", "{\"action\": \"count\"}").path("total_count")
                .asInt()).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a key with a space                | POST   | /csbs_backup_policy/62171999-3df1-42f7-9513-6f9b1bea4744/tags | {"tag": {"key": "my key", "value": "v"}} | 400 | CSBS.9001
            a key of 37 characters            | POST   | /csbs_backup_policy/62171999-3df1-42f7-9513-6f9b1bea4744/tags | {"tag": {"key": "abcdefghijklmnopqrstuvwxyz01234567890", "value": "v"}} | 400 | CSBS.9001
            a value of 44 characters          | POST   | /csbs_backup_policy/62171999-3df1-42f7-9513-6f9b1bea4744/tags | {"tag": {"key": "k", "value": "abcdefghijklmnopqrstuvwxyz01234567890abcdefg"}} | 400 | CSBS.9001
            a tag without value, added alone  | POST   | /csbs_backup_policy/62171999-3df1-42f7-9513-6f9b1bea4744/tags | {"tag": {"key": "k"}} | 400 | CSBS.9001
            no tag                            | POST   | /csbs_backup_policy/62171999-3df1-42f7-9513-6f9b1bea4744/tags | {} | 400 | CSBS.9001
            a policy id not a UUID            | POST   | /csbs_backup_policy/daily/tags | {"tag": {"key": "k", "value": "v"}} | 400 | CSBS.9001
            a policy not in the project       | POST   | /csbs_backup_policy/3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44/tags | {"tag": {"key": "k", "value": "v"}} | 404 | CSBS.3000
            a backup not in the project       | POST   | /csbs_backup/3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44/tags | {"tag": {"key": "k", "value": "v"}} | 404 | CSBS.3001
            a batch without tags              | POST   | /csbs_backup_policy/62171999-3df1-42f7-9513-6f9b1bea4744/tags/action | {"action": "create", "tags": []} | 400 | CSBS.9001
            a batch of eleven                 | POST   | /csbs_backup_policy/62171999-3df1-42f7-9513-6f9b1bea4744/tags/action | {"action": "delete", "tags": [{"key": "1"}, {"key": "2"}, {"key": "3"}, {"key": "4"}, {"key": "5"}, {"key": "6"}, {"key": "7"}, {"key": "8"}, {"key": "9"}, {"key": "10"}, {"key": "11"}]} | 400 | CSBS.9001
            an action of neither kind         | POST   | /csbs_backup_policy/62171999-3df1-42f7-9513-6f9b1bea4744/tags/action | {"action": "update", "tags": [{"key": "k", "value": "v"}]} | 400 | CSBS.9001
            a key twice in a create           | POST   | /csbs_backup_policy/62171999-3df1-42f7-9513-6f9b1bea4744/tags/action | {"action": "create", "tags": [{"key": "k", "value": "1"}, {"key": "k", "value": "2"}]} | 400 | CSBS.9001
            a created key with an asterisk    | POST   | /csbs_backup_policy/62171999-3df1-42f7-9513-6f9b1bea4744/tags/action | {"action": "create", "tags": [{"key": "k*", "value": "1"}]} | 400 | CSBS.9001
            a created value of 44 characters  | POST   | /csbs_backup_policy/62171999-3df1-42f7-9513-6f9b1bea4744/tags/action | {"action": "create", "tags": [{"key": "k", "value": "abcdefghijklmnopqrstuvwxyz01234567890abcdefg"}]} | 400 | CSBS.9001
            a deleted key of spaces           | POST   | /csbs_backup_policy/62171999-3df1-42f7-9513-6f9b1bea4744/tags/action | {"action": "delete", "tags": [{"key": "  "}]} | 400 | CSBS.9001
            a removed key of spaces           | DELETE | /csbs_backup_policy/62171999-3df1-42f7-9513-6f9b1bea4744/tags/%20%20 | `` | 400 | CSBS.9001
            a removed key of 128 characters   | DELETE | /csbs_backup_policy/62171999-3df1-42f7-9513-6f9b1bea4744/tags/abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwx | `` | 400 | CSBS.9001
            a removed tag that is not there   | DELETE | /csbs_backup_policy/62171999-3df1-42f7-9513-6f9b1bea4744/tags/nothing | `` | 404 | CSBS.7001
            a removed tag of an unknown backup| DELETE | /csbs_backup/3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44/tags/k | `` | 404 | CSBS.3001
            the tags of an unknown backup     | GET    | /csbs_backup/3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44/tags | `` | 404 | CSBS.3001
            a query without action            | POST   | /csbs_backup/resource_instances/action | {"tags": [{"key": "k", "values": []}]} | 400 | CSBS.9001
            a limit of 0                      | POST   | /csbs_backup/resource_instances/action | {"action": "filter", "limit": "0"} | 400 | CSBS.9001
            a limit of 1001                   | POST   | /csbs_backup_policy/resource_instances/action | {"action": "filter", "limit": "1001"} | 400 | CSBS.9001
            a limit sent as a number          | POST   | /csbs_backup/resource_instances/action | {"action": "filter", "limit": 10} | 400 | CSBS.9001
            a negative offset                 | POST   | /csbs_backup/resource_instances/action | {"action": "filter", "offset": "-1"} | 400 | CSBS.9001
            an empty list of tags             | POST   | /csbs_backup/resource_instances/action | {"action": "count", "tags": []} | 400 | CSBS.9001
            a key twice in tags_any           | POST   | /csbs_backup/resource_instances/action | {"action": "count", "tags_any": [{"key": "k", "values": []}, {"key": " k", "values": ["v"]}]} | 400 | CSBS.9001
            a value twice                     | POST   | /csbs_backup_policy/resource_instances/action | {"action": "count", "not_tags": [{"key": "k", "values": ["v", "v"]}]} | 400 | CSBS.9001
            a filter without values           | POST   | /csbs_backup_policy/resource_instances/action | {"action": "count", "not_tags_any": [{"key": "k"}]} | 400 | CSBS.9001
            a match on another key            | POST   | /csbs_backup/resource_instances/action | {"action": "filter", "matches": [{"key": "name", "value": "x"}]} | 400 | CSBS.9001
            """)
    void refusesBadInputWithTheDocumentedErrorCode(String what, String method, String path, String body, int status,
                                                   String errorCode) {
        HttpResponse<String> refused = csbs(method, path, body, false);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(status);
        assertThat(json(refused.body()).path("error_code").asText()).isEqualTo(errorCode);
    }

    @Test
    void tagsAddedAndRemovedWhileTheirResourceIsDeletedGetOnlyDocumentedAnswers() throws Exception {
        AdminHttp roomy = new AdminHttp(StubOptions.defaults().withBackupDuration(Duration.ZERO).withDeleteDuration(Duration.ZERO));
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        Set<String> unexpected = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 15; round++) {
                String policy = json(roomy.csbs("POST", "/policies", policyBody("race-" + round,
                        "[{\"key\": \"race\", \"value\": \"r" + round + "\"}]"), TOKEN).body()).at("/policy/id").asText();
                String backup = json(roomy.csbs("POST", "/providers/" + PROVIDER + "/resources/" + UUID.randomUUID() + "/action",
                        "{\"protect\": {\"tags\": [{\"key\": \"race\", \"value\": \"r" + round + "\"}]}}", TOKEN).body())
                        .at("/checkpoint/id").asText();
                List<Future<?>> workers = new ArrayList<>();
                for (String[] resource : new String[][] {{"csbs_backup_policy", policy, "3000"}, {"csbs_backup", backup, "3001"}}) {
                    for (int t = 0; t < 3; t++) {
                        int thread = t;
                        workers.add(threads.submit(() -> {
                            String tags = "/" + resource[0] + "/" + resource[1] + "/tags";
                            for (int i = 0; i < 6; i++) {
                                String key = "t" + thread + "-" + i;
                                count(answers, unexpected, "add", roomy.csbs("POST", tags,
                                        "{\"tag\": {\"key\": \"" + key + "\", \"value\": \"v\"}}", TOKEN), resource[2], 204, 404, 400);
                                count(answers, unexpected, "batch", roomy.csbs("POST", tags + "/action",
                                        "{\"action\": \"delete\", \"tags\": [{\"key\": \"" + key + "\"}]}", TOKEN), resource[2], 204, 404);
                                count(answers, unexpected, "remove", roomy.csbs("DELETE", tags + "/race", null, TOKEN),
                                        resource[2], 204, 404);
                            }
                            return null;
                        }));
                    }
                }
                workers.add(threads.submit(() -> {
                    count(answers, unexpected, "delete policy", roomy.csbs("DELETE", "/policies/" + policy, null, TOKEN), null, 200);
                    count(answers, unexpected, "delete backup", roomy.csbs("DELETE",
                            "/providers/" + PROVIDER + "/checkpoints/" + backup, null, TOKEN), null, 200);
                    return null;
                }));
                for (Future<?> worker : workers) {
                    worker.get();
                }
                assertThat(roomy.csbs("GET", "/csbs_backup_policy/" + policy + "/tags", null, TOKEN).statusCode()).isEqualTo(404);
                assertThat(roomy.csbs("GET", "/csbs_backup/" + backup + "/tags", null, TOKEN).statusCode()).isEqualTo(404);
            }
        } finally {
            threads.shutdownNow();
        }
        try {
            // Nothing of the deleted resources is left in the project's tag lists.
            assertThat(json(roomy.csbs("GET", "/csbs_backup_policy/tags", null, TOKEN).body()).path("tags")
                    .findValuesAsText("key")).noneMatch(key -> key.equals("race") || key.matches("t\\d+-\\d+"));
            assertThat(json(roomy.csbs("GET", "/csbs_backup/tags", null, TOKEN).body()).path("tags")).isEmpty();
        } finally {
            roomy.close();
        }
        assertThat(unexpected).isEmpty();
        assertThat(answers.get("delete policy 200").get()).isEqualTo(15);
        assertThat(answers.get("delete backup 200").get()).isEqualTo(15);
    }

    // ---------------------------------------------------------------- helpers

    private static void count(Map<String, AtomicInteger> answers, Set<String> unexpected, String what,
                              HttpResponse<String> response, String notFoundCode, Integer... expected) {
        answers.computeIfAbsent(what + " " + response.statusCode(), key -> new AtomicInteger()).incrementAndGet();
        boolean documented = Set.of(expected).contains(response.statusCode());
        if (documented && response.statusCode() == 404) {
            String code = json(response.body()).path("error_code").asText();
            documented = code.equals("CSBS." + notFoundCode) || code.equals("CSBS.7001");
        }
        if (documented && response.statusCode() == 400) {
            documented = json(response.body()).path("error_code").asText().equals("CSBS.7000");
        }
        if (!documented) {
            unexpected.add(what + " " + response.statusCode() + " " + response.body());
        }
    }

    private String createPolicy(String name, String tags) {
        return ok("POST", "/policies", policyBody(name, tags)).at("/policy/id").asText();
    }

    private static String policyBody(String name, String tags) {
        return """
                {"policy": {"name": "%s", "provider_id": "%s", "parameters": {}, "resources": [],
                  "scheduled_operations": [], "tags": %s}}""".formatted(name, PROVIDER, tags);
    }

    /** A backup of one server (named as given, with the tags given), created now; its ID. */
    private String protect(String name, String tags) {
        return ok("POST", "/providers/" + PROVIDER + "/resources/" + SERVER + "/action",
                "{\"protect\": {\"backup_name\": \"" + name + "\"" + (tags == null ? "" : ", \"tags\": " + tags) + "}}")
                .at("/checkpoint/id").asText();
    }

    /** The IDs a filter finds, in its order; its total_count is checked against them and against count. */
    private List<String> found(String path, String filter) {
        JsonNode answer = ok("POST", path, filter);
        List<String> ids = new ArrayList<>();
        answer.path("resources").forEach(resource -> ids.add(resource.path("resource_id").asText()));
        assertThat(answer.path("total_count").asInt()).isEqualTo(ids.size());
        String count = filter.replace("\"filter\"", "\"count\"");
        assertThat(ok("POST", path, count)).isEqualTo(json("{\"total_count\": " + ids.size() + "}"));
        answer.path("resources").forEach(resource -> assertThat(resource.path("tags")).isNotNull());
        return ids;
    }

    private JsonNode ok(String method, String path, String body) {
        HttpResponse<String> response = csbs(method, path, body, true);
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(200);
        return json(response.body());
    }

    private void noContent(String method, String path, String body) {
        HttpResponse<String> response = csbs(method, path, body, true);
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    private JsonNode refused(String method, String path, String body) {
        HttpResponse<String> response = csbs(method, path, body, true);
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isGreaterThanOrEqualTo(400);
        return json(response.body());
    }

    /**
     * A CSBS request of the demo project; its answer is checked against the spec whatever its status, and a
     * request {@code sentAsValid} is checked too.
     */
    private HttpResponse<String> csbs(String method, String path, String body, boolean sentAsValid) {
        String fullPath = "/v1/" + PROJECT + path;
        HttpResponse<String> response = stub.send(method, fullPath, body, "application/json", TOKEN, null);
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
        if (!response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        response.headers().map().forEach(answer::withHeader);
        String rawPath = URI.create(fullPath).getRawPath();
        ValidationReport report;
        if (sentAsValid) {
            SimpleRequest.Builder request = new SimpleRequest.Builder(method, rawPath).withHeader("X-Auth-Token", TOKEN);
            if (body != null) {
                request.withContentType("application/json").withBody(body);
            }
            report = CSBS_CONTRACT.validate(request.build(), answer.build());
        } else {
            report = CSBS_CONTRACT.validateResponse(rawPath, Request.Method.valueOf(method), answer.build());
        }
        assertThat(report.getMessages()).as("%s %s -> %d %s against the spec:%n%s", method, path, response.statusCode(),
                response.body(), report.getMessages().stream().map(Object::toString).collect(Collectors.joining("\n"))).isEmpty();
        return response;
    }
}
