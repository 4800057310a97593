package com.example.csbs.contract;

import static com.example.csbs.contract.Contract.OTHER_PROJECT_TOKEN;
import static com.example.csbs.contract.Contract.PROJECT_ID;
import static com.example.csbs.contract.Contract.PROVIDER_ID;
import static com.example.csbs.contract.Contract.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.example.csbs.client.ApiClient;
import com.example.csbs.client.ApiException;
import com.example.csbs.client.api.BackupApi;
import com.example.csbs.client.api.PolicyApi;
import com.example.csbs.client.model.CheckpointItem;
import com.example.csbs.client.model.CheckpointParam;
import com.example.csbs.client.model.CheckpointReq;
import com.example.csbs.client.model.CheckpointResp;
import com.example.csbs.client.model.ErrorResp;
import com.example.csbs.client.model.ExecuteBackupPolicyRequest;
import com.example.csbs.client.model.PolicyResp;
import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.StubServer;
import com.example.csbs.stub.data.BackupDataSet;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/**
 * A backup's whole life through the generated client only, on a stub whose clock the test moves:
 * executing a policy, following its backups to available (or error), listing, filtering, counting and
 * paging them, deleting them, and every documented error on the way. Every exchange of every test is
 * recorded and checked against the spec (undocumented fields are errors); bodies are compared as JSON
 * trees.
 */
class ClientLifecycleTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Duration BACKUP_DURATION = Duration.ofSeconds(10);
    private static final Duration DELETE_DURATION = Duration.ofSeconds(2);
    private static final DateTimeFormatter PAGE_STYLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    // The embedded data set (server-stub's default-data-set.json).
    private static final String DAILY = "62171999-3df1-42f7-9513-6f9b1bea4744";
    private static final String BACKUP_POLICY = "6a6cda7e-7b89-4b14-8e5c-3b6821a97d2c";
    private static final String FAILING = "0b7e8f2a-5c3d-4e1f-9a6b-8c7d6e5f4a3b";
    private static final String OTHER_PROJECT = "5d7ea3b1c94e4f0a8b6d2e1f3a9c7b60";
    private static final String OTHER_PLAN = "9f0c1e2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f";
    private static final String ADMIN_PROJECT = "0a1d2b3c4d5e4f60a7b8c9d0e1f2a3b4";
    private static final String ADMIN_TOKEN = "csbs-admin-token";
    private static final String SERVER_TYPE = "OS::Nova::Server";
    private static final String BROKEN_REASON =
            "No volume attached to the server (e3d2c1b0-a9f8-4e7d-8c6b-5a4f3e2d1c0b) for protect.";

    /** A protected resource of the data set, as its backups show it. */
    record Res(String id, String name, String az, String privateIp, int vcpus, int ram, int disk) {
    }

    private static final Res SERVER1 = new Res("7a32a8b5-7977-4e24-b5da-e0eb457db75b", "server1", "eu-de-01",
            "192.168.0.11", 2, 4096, 40);
    private static final Res SERVER2 = new Res("b2b433bf-7dd6-4a74-aa8f-85673dfbda48", "server2", "eu-de-02",
            "192.168.0.12", 2, 4096, 40);
    private static final Res SERVER0 = new Res("1c960fe4-e679-421a-97cd-4f7463d2344b", "server0", "eu-de-01", "", 1, 1024, 40);
    private static final Res BROKEN = new Res("e3d2c1b0-a9f8-4e7d-8c6b-5a4f3e2d1c0b", "broken-server", "eu-de-01", "",
            1, 1024, 40);
    private static final Map<String, Res> RESOURCES = Map.of(SERVER1.id(), SERVER1, SERVER2.id(), SERVER2,
            SERVER0.id(), SERVER0, BROKEN.id(), BROKEN);

    private MutableClock clock;
    private StubServer stub;
    private ExchangeLog wire;
    private BackupApi backups;
    private PolicyApi policies;

    @BeforeEach
    void startStub() {
        start(StubOptions.defaults());
    }

    @AfterEach
    void stopStubAndCheckTheTraffic() {
        try {
            wire.assertAllValid();
        } finally {
            stub.close();
        }
    }

    private void start(StubOptions options) {
        if (stub != null) {
            stub.close();
        }
        clock = MutableClock.of(T0, ZoneOffset.UTC);
        wire = new ExchangeLog();
        stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault(), options.withClock(clock)
                .withBackupDuration(BACKUP_DURATION).withDeleteDuration(DELETE_DURATION));
        backups = new BackupApi(client(TOKEN));
        policies = new PolicyApi(client(TOKEN));
    }

    // ---------------------------------------------------------------- the whole lifecycle

    @Test
    void followsABackupFromThePolicyListToAvailableAndThroughDeletionToGone() throws ApiException {
        // Take the policy from the list, as a consumer does.
        PolicyResp daily = policies.listBackupPolicies(PROJECT_ID).execute().getPolicies().stream()
                .filter(policy -> policy.getName().equals("daily")).findFirst().orElseThrow();
        assertThat(daily.getId()).isEqualTo(DAILY);

        CheckpointResp checkpoint = execute(daily.getId(), false, null, null);
        assertThat(checkpoint.getStatus()).isEqualTo(CheckpointResp.StatusEnum.PROTECTING);
        assertThat(checkpoint.getCreatedAt()).isEqualTo(at(T0));
        assertThat(checkpoint.getProjectId()).isEqualTo(PROJECT_ID);
        assertThat(checkpoint.getResourceGraph()).isNull();
        assertThat(checkpoint.getExtraInfo()).isEqualTo("{\"created_by\": \"manual\"}");
        assertThat(checkpoint.getProtectionPlan().getId()).isEqualTo(DAILY);
        assertThat(checkpoint.getProtectionPlan().getResources()).extracting(r -> r.getId())
                .containsExactly(SERVER1.id(), SERVER2.id());
        String checkpointId = checkpoint.getId().toString();

        // Its backups, found by checkpoint_id: one per resource, same created_at, so in id order.
        List<JsonNode> found = listJson(request -> request.checkpointId(checkpoint.getId()));
        assertThat(found).hasSize(2);
        assertThat(found).extracting(item -> item.get("id").asText()).isSorted();
        Map<String, Res> resourceOf = new LinkedHashMap<>();
        found.forEach(item -> resourceOf.put(item.get("id").asText(), RESOURCES.get(item.get("resource_id").asText())));
        assertThat(resourceOf.values()).containsExactlyInAnyOrder(SERVER1, SERVER2);
        for (JsonNode item : found) {
            String id = item.get("id").asText();
            assertItem(item, expected(id, checkpointId, resourceOf.get(id), "waiting_protect", 0, T0, T0, null, false, null));
            // The single backup is the same tree as the listed one.
            backups.getBackup(PROJECT_ID, UUID.fromString(id));
            assertThat(wire.last().responseJson().get("checkpoint_item")).isEqualTo(item);
        }
        // Paging within the checkpoint by marker.
        CheckpointItem first = backups.listBackups(PROJECT_ID).checkpointId(checkpoint.getId()).limit(1).execute()
                .getCheckpointItems().get(0);
        List<CheckpointItem> second = backups.listBackups(PROJECT_ID).checkpointId(checkpoint.getId()).limit(1)
                .marker(UUID.fromString(first.getId())).execute().getCheckpointItems();
        assertThat(List.of(first.getId(), second.get(0).getId())).containsExactlyElementsOf(resourceOf.keySet());
        assertThat(count(request -> request.checkpointId(checkpoint.getId()))).isEqualTo(2);
        assertThat(countWith(request -> request.checkpointId(checkpoint.getId()))).isEqualTo(2);

        // Poll, moving the clock, until every backup is available; record what was seen.
        Map<String, List<String>> seen = new LinkedHashMap<>();
        resourceOf.keySet().forEach(id -> seen.put(id, new ArrayList<>()));
        Duration step = Duration.ofMillis(100);
        for (int polls = 0; polls < 200; polls++) {
            Duration elapsed = Duration.between(T0, clock.instant());
            boolean allAvailable = true;
            for (String id : resourceOf.keySet()) {
                JsonNode item = getJson(id);
                String status = item.get("status").asText();
                int progress = item.at("/extend_info/progress").asInt();
                seen.get(id).add(status + ":" + progress);
                int expectedProgress = (int) Math.min(99, elapsed.toMillis() * 100 / BACKUP_DURATION.toMillis());
                if (elapsed.compareTo(BACKUP_DURATION.dividedBy(10)) < 0) {
                    assertItem(item, expected(id, checkpointId, resourceOf.get(id), "waiting_protect", 0, T0, T0, null,
                            false, null));
                } else if (elapsed.compareTo(BACKUP_DURATION) < 0) {
                    Instant updated = T0.plus(BACKUP_DURATION.multipliedBy(expectedProgress).dividedBy(100));
                    assertItem(item, expected(id, checkpointId, resourceOf.get(id), "protecting", expectedProgress, T0,
                            updated, null, false, null));
                } else {
                    Instant done = T0.plus(BACKUP_DURATION);
                    assertItem(item, expected(id, checkpointId, resourceOf.get(id), "available", 100, T0, done, done,
                            false, null));
                }
                allAvailable &= status.equals("available");
            }
            if (allAvailable) {
                break;
            }
            clock.add(step);
        }
        assertThat(clock.instant()).as("available exactly when the backup duration has passed")
                .isEqualTo(T0.plus(BACKUP_DURATION));
        for (List<String> statuses : seen.values()) {
            List<String> distinct = statuses.stream().map(s -> s.substring(0, s.indexOf(':'))).distinct().toList();
            assertThat(distinct).containsExactly("waiting_protect", "protecting", "available");
            assertThat(statuses.stream().map(s -> Integer.parseInt(s.substring(s.indexOf(':') + 1))).toList())
                    .isSorted().startsWith(0).endsWith(100).contains(10, 50, 99);
        }
        assertThat(count(request -> request.checkpointId(checkpoint.getId()).status("available"))).isEqualTo(2);

        // Delete the checkpoint's backups: {} back, then waiting_delete, deleting, gone.
        clock.add(Duration.ofSeconds(5));
        Instant deleteAt = clock.instant();
        Instant done = T0.plus(BACKUP_DURATION);
        backups.deleteBackup(PROJECT_ID, PROVIDER_ID, checkpoint.getId(), null);
        assertThat(wire.last().responseJson()).isEqualTo(JsonNodeFactory.instance.objectNode());
        for (String id : resourceOf.keySet()) {
            assertItem(getJson(id), expected(id, checkpointId, resourceOf.get(id), "waiting_delete", 100, T0, deleteAt,
                    done, false, null));
        }
        assertThat(listJson(request -> request.checkpointId(checkpoint.getId())))
                .extracting(item -> item.get("status").asText()).containsOnly("waiting_delete");
        assertError(() -> backups.deleteBackup(PROJECT_ID, PROVIDER_ID, checkpoint.getId(), null), 400, "CSBS.2003");

        clock.add(DELETE_DURATION.dividedBy(5));
        for (String id : resourceOf.keySet()) {
            assertItem(getJson(id), expected(id, checkpointId, resourceOf.get(id), "deleting", 100, T0,
                    deleteAt.plus(DELETE_DURATION.dividedBy(5)), done, false, null));
        }
        assertThat(count(request -> request.checkpointId(checkpoint.getId()).status("deleting"))).isEqualTo(2);
        assertError(() -> backups.deleteBackup(PROJECT_ID, PROVIDER_ID, checkpoint.getId(),
                List.of(UUID.fromString(first.getId()))), 400, "CSBS.2003");

        clock.setInstant(deleteAt.plus(DELETE_DURATION).minusNanos(1000));
        assertThat(getJson(first.getId()).get("status").asText()).isEqualTo("deleting");
        clock.setInstant(deleteAt.plus(DELETE_DURATION));
        for (String id : resourceOf.keySet()) {
            assertError(() -> backups.getBackup(PROJECT_ID, UUID.fromString(id)), 404, "CSBS.3001");
        }
        assertThat(listJson(request -> request.checkpointId(checkpoint.getId()))).isEmpty();
        assertThat(count(request -> request.checkpointId(checkpoint.getId()))).isZero();
        assertThat(count(UnaryOperator.identity())).isZero();
        assertThat(countWith(request -> request.checkpointId(checkpoint.getId()))).isZero();
        assertError(() -> backups.deleteBackup(PROJECT_ID, PROVIDER_ID, checkpoint.getId(), null), 404, "CSBS.3001");
    }

    // ---------------------------------------------------------------- paging

    @Test
    void pagesByMarkerAndOffsetWithoutRepeatsOrGaps() throws ApiException {
        // 30 executions of two backups each, two executions per instant: many ties on created_at.
        for (int i = 0; i < 30; i++) {
            execute(i % 3 == 0 ? BACKUP_POLICY : DAILY, false, null, null);
            if (i % 2 == 1) {
                clock.add(Duration.ofMillis(1500));
            }
        }
        List<JsonNode> all = listJson(UnaryOperator.identity());
        assertThat(all).hasSize(10 + 40);
        List<String> ids = all.stream().map(item -> item.get("id").asText()).toList();
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        Comparator<JsonNode> createdDescIdAsc = Comparator.<JsonNode, String>comparing(item -> item.get("created_at").asText())
                .reversed().thenComparing(item -> item.get("id").asText());
        assertThat(all).as("default order created_at:desc, ties by id").isSortedAccordingTo(createdDescIdAsc);
        assertThat(countWith(UnaryOperator.identity())).isEqualTo(all.size());

        for (int limit : new int[] {1, 7, 25, 50, 51}) {
            assertThat(pageByMarker(null, limit)).as("pages of %d", limit).containsExactlyElementsOf(ids);
        }
        List<String> ascending = listJson(request -> request.sort("created_at:asc")).stream()
                .map(item -> item.get("id").asText()).toList();
        assertThat(pageByMarker("created_at:asc", 7)).containsExactlyElementsOf(ascending);
        assertThat(ascending).containsExactlyInAnyOrderElementsOf(ids);
        List<String> byName = listJson(request -> request.sort("name:asc,created_at:desc")).stream()
                .map(item -> item.get("name").asText()).toList();
        assertThat(byName).isSorted();
        assertThat(pageByMarker("name:asc,created_at:desc", 4)).hasSameSizeAs(ids).doesNotHaveDuplicates();
        List<String> byProtection = listJson(request -> request.sort("protected_at:asc")).stream()
                .map(item -> item.get("id").asText()).toList();
        assertThat(byProtection).as("protected_at sorts by creation time").containsExactlyElementsOf(ascending);

        // offset alone, marker and offset together, past the end.
        assertThat(pageIds(request -> request.offset(10).limit(5))).containsExactlyElementsOf(ids.subList(10, 15));
        assertThat(pageIds(request -> request.marker(UUID.fromString(ids.get(4))).offset(3).limit(5)))
                .containsExactlyElementsOf(ids.subList(8, 13));
        assertThat(pageIds(request -> request.offset(45))).containsExactlyElementsOf(ids.subList(45, 50));
        assertThat(pageIds(request -> request.offset(50))).isEmpty();
        assertThat(pageIds(request -> request.marker(UUID.fromString(ids.get(49))))).isEmpty();
        // A marker that is no backup of the listing (documented: 400 CSBS.9001); a limit under 1.
        assertError(() -> backups.listBackups(PROJECT_ID).marker(UUID.randomUUID()).execute(), 400, "CSBS.9001");
        assertRefused(() -> backups.listBackups(PROJECT_ID).limit(0).execute(), 400, "CSBS.9001");
    }

    @Test
    void pagingWhileDeletingNeitherRepeatsNorSkips() throws ApiException {
        for (int i = 0; i < 4; i++) {
            execute(DAILY, false, null, null); // two backups each
            clock.add(Duration.ofMillis(1));
        }
        clock.add(BACKUP_DURATION);
        List<String> ids = pageIds(UnaryOperator.identity());
        assertThat(ids).hasSize(8);

        List<String> firstPage = pageIds(request -> request.limit(3));
        String marker = firstPage.get(2);
        // The consumer deletes what it has seen, the marker among it, and the deletion completes.
        JsonNode markerItem = getJson(marker);
        backups.deleteBackup(PROJECT_ID, PROVIDER_ID, uuid(markerItem.get("checkpoint_id").asText()), List.of(uuid(marker)));
        clock.add(DELETE_DURATION);
        assertError(() -> backups.getBackup(PROJECT_ID, uuid(marker)), 404, "CSBS.3001");

        List<String> rest = pageIds(request -> request.marker(uuid(marker)));
        assertThat(rest).containsExactlyElementsOf(ids.subList(3, 8));
        // With a filter, the page after a marker skips the deleted backup too.
        assertThat(pageIds(request -> request.status("available").marker(uuid(firstPage.get(1))).limit(2)))
                .containsExactlyElementsOf(ids.subList(3, 5));
    }

    @Test
    void listsAtMostAThousandBackupsUnlessALimitIsGiven() throws ApiException {
        for (int i = 0; i < 501; i++) {
            execute(DAILY, false, null, null);
            clock.add(Duration.ofMillis(1));
        }
        List<CheckpointItem> firstPage = backups.listBackups(PROJECT_ID).execute().getCheckpointItems();
        assertThat(firstPage).hasSize(1000);
        List<CheckpointItem> rest = backups.listBackups(PROJECT_ID)
                .marker(UUID.fromString(firstPage.get(999).getId())).execute().getCheckpointItems();
        assertThat(rest).hasSize(2);
        assertThat(countWith(UnaryOperator.identity())).isEqualTo(1002);
        Set<String> ids = new HashSet<>();
        firstPage.forEach(item -> ids.add(item.getId()));
        rest.forEach(item -> ids.add(item.getId()));
        assertThat(ids).hasSize(1002);
        assertThat(backups.listBackups(PROJECT_ID).limit(1002).execute().getCheckpointItems()).hasSize(1002);
    }

    // ---------------------------------------------------------------- filters

    @Test
    void everyFilterIncludesWhatMatchesAndExcludesTheRestAndCountAgrees() throws ApiException {
        Map<String, Fixture> items = filterFixture();
        Fixture a1 = items.get("a1");
        Fixture a2 = items.get("a2");
        Fixture b0 = items.get("b0");
        Fixture c = items.get("c");
        Fixture d2 = items.get("d2");

        Map<String, Filter> filters = new LinkedHashMap<>();
        filters.put("no filter", new Filter(r -> r, null, List.of(a1, a2, b0, c, d2)));
        filters.put("status=available", new Filter(r -> r.status("available"), q -> q.status("available"), List.of(a1, a2, b0)));
        filters.put("status=error", new Filter(r -> r.status("error"), q -> q.status("error"), List.of(c)));
        filters.put("status=protecting", new Filter(r -> r.status("protecting"), q -> q.status("protecting"), List.of(d2)));
        filters.put("status=waiting_protect", new Filter(r -> r.status("waiting_protect"), q -> q.status("waiting_protect"), List.of()));
        filters.put("name=AUTOBK (part, any case)", new Filter(r -> r.name("AUTOBK"), q -> q.name("AUTOBK"), List.of(b0)));
        filters.put("name=ManualBK_", new Filter(r -> r.name("ManualBK_"), q -> q.name("ManualBK_"), List.of(a1, a2, c, d2)));
        String a1Name = a1.name();
        filters.put("name=<a1's name>", new Filter(r -> r.name(a1Name), q -> q.name(a1Name),
                items.values().stream().filter(f -> f.name().equals(a1Name)).toList()));
        filters.put("resource_name=SERVER2", new Filter(r -> r.resourceName("SERVER2"), q -> q.resourceName("SERVER2"), List.of(a2, d2)));
        filters.put("resource_name=Broken", new Filter(r -> r.resourceName("Broken"), q -> q.resourceName("Broken"), List.of(c)));
        filters.put("resource_name=erver", new Filter(r -> r.resourceName("erver"), q -> q.resourceName("erver"), List.of(a1, a2, b0, c, d2)));
        filters.put("resource_name=nothing", new Filter(r -> r.resourceName("nothing"), q -> q.resourceName("nothing"), List.of()));
        filters.put("resource_id=server2", new Filter(r -> r.resourceId(uuid(SERVER2.id())), q -> q.resourceId(uuid(SERVER2.id())), List.of(a2, d2)));
        filters.put("resource_id=unknown", new Filter(r -> r.resourceId(uuid(OTHER_PLAN)), q -> q.resourceId(uuid(OTHER_PLAN)), List.of()));
        filters.put("policy_id=daily", new Filter(r -> r.policyId(uuid(DAILY)), q -> q.policyId(uuid(DAILY)), List.of(a1, a2, d2)));
        filters.put("policy_id=failing", new Filter(r -> r.policyId(uuid(FAILING)), q -> q.policyId(uuid(FAILING)), List.of(c)));
        filters.put("checkpoint_id=A", new Filter(r -> r.checkpointId(uuid(a1.checkpointId())), q -> q.checkpointId(uuid(a1.checkpointId())), List.of(a1, a2)));
        filters.put("checkpoint_id=unknown", new Filter(r -> r.checkpointId(UUID.randomUUID()), null, List.of()));
        filters.put("resource_type=OS::Nova::Server", new Filter(r -> r.resourceType(SERVER_TYPE), q -> q.resourceType(SERVER_TYPE), List.of(a1, a2, b0, c, d2)));
        filters.put("resource_type=OS::Cinder::Volume", new Filter(r -> r.resourceType("OS::Cinder::Volume"), q -> q.resourceType("OS::Cinder::Volume"), List.of()));
        filters.put("image_type=backup", new Filter(r -> r.imageType("backup"), q -> q.imageType("backup"), List.of(a1, a2, b0, c, d2)));
        filters.put("image_type=snapshot", new Filter(r -> r.imageType("snapshot"), q -> q.imageType("snapshot"), List.of()));
        filters.put("az=eu-de-02", new Filter(r -> r.az("eu-de-02"), q -> q.az("eu-de-02"), List.of(a2, d2)));
        filters.put("az=eu-de-01", new Filter(r -> r.az("eu-de-01"), q -> q.az("eu-de-01"), List.of(a1, b0, c)));
        String t1 = at(T0.plus(Duration.ofMinutes(1)));
        String t2 = at(T0.plus(Duration.ofMinutes(2)));
        filters.put("start_time=T0+1m (inclusive)", new Filter(r -> r.startTime(t1), q -> q.startTime(t1), List.of(b0, c, d2)));
        filters.put("start_time=T0+1m without fraction", new Filter(r -> r.startTime("2024-05-01T10:01:00"),
                q -> q.startTime("2024-05-01T10:01:00"), List.of(b0, c, d2)));
        filters.put("start_time=T0+1m plus 1 µs", new Filter(r -> r.startTime("2024-05-01T10:01:00.000001"),
                q -> q.startTime("2024-05-01T10:01:00.000001"), List.of(c, d2)));
        filters.put("end_time=T0+2m (inclusive)", new Filter(r -> r.endTime(t2), q -> q.endTime(t2), List.of(a1, a2, b0, c)));
        filters.put("start_time..end_time", new Filter(r -> r.startTime(t1).endTime(t2), q -> q.startTime(t1).endTime(t2), List.of(b0, c)));
        filters.put("policy_id=daily&status=available", new Filter(r -> r.policyId(uuid(DAILY)).status("available"),
                q -> q.policyId(uuid(DAILY)).status("available"), List.of(a1, a2)));
        filters.put("all_tenants=false", new Filter(r -> r.allTenants(false), q -> q.allTenants(false), List.of(a1, a2, b0, c, d2)));

        for (Map.Entry<String, Filter> entry : filters.entrySet()) {
            Filter filter = entry.getValue();
            Set<String> expectedIds = filter.expected().stream().map(Fixture::id).collect(Collectors.toSet());
            List<JsonNode> listed = listJson(filter.list());
            assertThat(listed).as(entry.getKey()).extracting(item -> item.get("id").asText())
                    .containsExactlyInAnyOrderElementsOf(expectedIds);
            if (filter.count() != null) {
                assertThat(countWith(filter.count())).as("count, " + entry.getKey()).isEqualTo(expectedIds.size());
            }
        }
        // ip: count only, the server's private IP.
        assertThat(countWith(q -> q.ip("192.168.0.12"))).isEqualTo(2);
        assertThat(countWith(q -> q.ip("192.168.0.11"))).isEqualTo(1);
        assertThat(countWith(q -> q.ip("10.9.9.9"))).isZero();
        assertThat(countWith(q -> q.ip("192.168.0.12").status("protecting"))).isEqualTo(1);
        // A status that is not one: 400 CSBS.9001 for both.
        assertRefused(() -> backups.listBackups(PROJECT_ID).status("finished").execute(), 400, "CSBS.9001");
        assertRefused(() -> backups.countBackups(PROJECT_ID).status("finished").execute(), 400, "CSBS.9001");
        assertRefused(() -> backups.listBackups(PROJECT_ID).startTime("yesterday").execute(), 400, "CSBS.9001");

        // Every listed backup's whole tree, as predicted.
        for (Fixture item : items.values()) {
            assertItem(getJson(item.id()), item.expected());
        }
    }

    /** One backup of the filter fixture, and what it must look like now. */
    record Fixture(String id, String name, String checkpointId, ObjectNode expected) {
    }

    record Filter(UnaryOperator<BackupApi.APIlistBackupsRequest> list, UnaryOperator<BackupApi.APIcountBackupsRequest> count,
                  List<Fixture> expected) {
    }

    /**
     * a1, a2: daily, manual, at T0, available. b0: backup policy, auto-triggered, at T0+1m, available.
     * c: failing, at T0+2m, error. d2: daily for server2 only, at T0+3m, protecting (now T0+3m+5s).
     * And a backup of another project, which the demo project never sees.
     */
    private Map<String, Fixture> filterFixture() throws ApiException {
        String a = execute(DAILY, false, null, null).getId().toString();
        clock.add(Duration.ofMinutes(1));
        String b = execute(BACKUP_POLICY, true, null, null).getId().toString();
        clock.add(Duration.ofMinutes(1));
        String cp = execute(FAILING, false, null, null).getId().toString();
        new BackupApi(client(OTHER_PROJECT_TOKEN)).executeBackupPolicy(OTHER_PROJECT, PROVIDER_ID, request(OTHER_PLAN, false, null));
        clock.add(Duration.ofMinutes(1));
        String d = execute(DAILY, false, List.of(SERVER2.id()), null).getId().toString();
        clock.add(Duration.ofSeconds(5));

        Map<String, Fixture> fixture = new LinkedHashMap<>();
        Instant tb = T0.plus(Duration.ofMinutes(1));
        Instant tc = T0.plus(Duration.ofMinutes(2));
        Instant td = T0.plus(Duration.ofMinutes(3));
        Instant done = T0.plus(BACKUP_DURATION);
        for (JsonNode item : listJson(UnaryOperator.identity())) {
            String id = item.get("id").asText();
            String checkpointId = item.get("checkpoint_id").asText();
            Res resource = RESOURCES.get(item.get("resource_id").asText());
            String key;
            ObjectNode expected;
            if (checkpointId.equals(a)) {
                key = resource == SERVER1 ? "a1" : "a2";
                expected = expected(id, a, resource, "available", 100, T0, done, done, false, null);
            } else if (checkpointId.equals(b)) {
                key = "b0";
                expected = expected(id, b, resource, "available", 100, tb, tb.plus(BACKUP_DURATION), tb.plus(BACKUP_DURATION),
                        true, null);
            } else if (checkpointId.equals(cp)) {
                key = "c";
                Instant failed = tc.plus(BACKUP_DURATION.dividedBy(2));
                expected = expected(id, cp, resource, "error", 50, tc, failed, failed, false, new Fail(6007L, BROKEN_REASON));
            } else {
                assertThat(checkpointId).isEqualTo(d);
                key = "d2";
                expected = expected(id, d, resource, "protecting", 50, td, td.plus(BACKUP_DURATION.dividedBy(2)), null,
                        false, null);
            }
            assertThat(fixture.put(key, new Fixture(id, item.get("name").asText(), checkpointId, expected))).isNull();
        }
        assertThat(fixture.keySet()).containsExactlyInAnyOrder("a1", "a2", "b0", "c", "d2");
        assertThat(fixture.get("b0").name()).matches("autobk_[0-9a-f]{4}");
        return fixture;
    }

    // ---------------------------------------------------------------- the error path

    @Test
    void backupsAskedToFailWithPreferEndInErrorHalfWay() throws ApiException {
        ApiClient failing = client(TOKEN);
        failing.addDefaultHeader("Prefer", "backup=error");
        CheckpointResp checkpoint = new BackupApi(failing).executeBackupPolicy(PROJECT_ID, PROVIDER_ID,
                request(DAILY, false, null)).getCheckpoint();
        assertThat(checkpoint.getStatus()).isEqualTo(CheckpointResp.StatusEnum.PROTECTING);

        clock.add(BACKUP_DURATION.dividedBy(2).minusMillis(1));
        assertThat(listJson(r -> r.checkpointId(checkpoint.getId())))
                .extracting(item -> item.get("status").asText(), item -> item.at("/extend_info/progress").asInt())
                .containsOnly(org.assertj.core.groups.Tuple.tuple("protecting", 49));
        clock.add(Duration.ofMillis(1));
        Instant failedAt = T0.plus(BACKUP_DURATION.dividedBy(2));
        List<JsonNode> failed = listJson(r -> r.checkpointId(checkpoint.getId()));
        assertThat(failed).hasSize(2);
        for (JsonNode item : failed) {
            // What the stub reports when no fail code was configured: some code, and its description as the reason.
            JsonNode failCode = item.at("/extend_info/fail_code");
            assertThat(Contract.fieldNames(failCode)).containsExactlyInAnyOrder("Code", "Description");
            // Sent as a string of digits, which every known client parses (the Go SDK reads a string; the spec takes both).
            assertThat(failCode.get("Code").isTextual()).as("fail_code.Code a string").isTrue();
            assertThat(failCode.get("Code").asText()).matches("\\d+");
            assertThat(failCode.get("Description").asText()).isNotBlank();
            Fail fail = new Fail(failCode.get("Code").asLong(), failCode.get("Description").asText());
            assertItem(item, expected(item.get("id").asText(), checkpoint.getId().toString(),
                    RESOURCES.get(item.get("resource_id").asText()), "error", 50, T0, failedAt, failedAt, false, fail));
        }
        // Only that request's backups fail: the same policy without the header ends available.
        CheckpointResp healthy = execute(DAILY, false, null, null);
        clock.add(BACKUP_DURATION);
        assertThat(listJson(r -> r.checkpointId(healthy.getId()))).extracting(item -> item.get("status").asText())
                .containsOnly("available");
        // Prefer: backup=available overrides the data set's failing resource.
        ApiClient succeeding = client(TOKEN);
        succeeding.addDefaultHeader("Prefer", "backup=available");
        CheckpointResp rescued = new BackupApi(succeeding).executeBackupPolicy(PROJECT_ID, PROVIDER_ID,
                request(FAILING, false, null)).getCheckpoint();
        clock.add(BACKUP_DURATION);
        assertThat(listJson(r -> r.checkpointId(rescued.getId()))).extracting(item -> item.get("status").asText())
                .containsOnly("available");
        assertThat(countWith(q -> q.status("error"))).isEqualTo(2);
        // A failed backup can be deleted.
        backups.deleteBackup(PROJECT_ID, PROVIDER_ID, checkpoint.getId(), null);
        clock.add(DELETE_DURATION);
        assertThat(countWith(q -> q.status("error"))).isZero();
    }

    @Test
    void theFailingPolicyOfTheDataSetEndsInErrorWithItsFailCodeAndReason() throws ApiException {
        CheckpointResp checkpoint = execute(FAILING, false, null, null);
        clock.add(BACKUP_DURATION.dividedBy(2));
        List<JsonNode> items = listJson(r -> r.policyId(uuid(FAILING)));
        assertThat(items).hasSize(1);
        Instant failedAt = T0.plus(BACKUP_DURATION.dividedBy(2));
        assertItem(items.get(0), expected(items.get(0).get("id").asText(), checkpoint.getId().toString(), BROKEN, "error", 50,
                T0, failedAt, failedAt, false, new Fail(6007L, BROKEN_REASON)));
        // Through the client's model as well.
        CheckpointItem item = backups.getBackup(PROJECT_ID, uuid(items.get(0).get("id").asText())).getCheckpointItem();
        assertThat(item.getStatus()).isEqualTo(CheckpointItem.StatusEnum.ERROR);
        assertThat(item.getExtendInfo().getFailCode().getCode()).isEqualTo("6007");
        assertThat(item.getExtendInfo().getFailCode().getDescription()).isEqualTo(BROKEN_REASON);
        assertThat(item.getExtendInfo().getFailReason()).isEqualTo(BROKEN_REASON);
        assertThat(item.getExtendInfo().getFailOp()).isEqualTo(com.example.csbs.client.model.CheckpointItemExtendInfo.FailOpEnum.BACKUP);
        // It stays in error.
        clock.add(Duration.ofHours(1));
        assertThat(getJson(item.getId()).get("status").asText()).isEqualTo("error");
    }

    // ---------------------------------------------------------------- deleting

    @Test
    void deletesOnlyTheBackupsNamedInCheckpointItems() throws ApiException {
        CheckpointResp checkpoint = execute(DAILY, false, null, null);
        CheckpointResp other = execute(BACKUP_POLICY, false, null, null);
        clock.add(BACKUP_DURATION);
        List<String> ids = listJson(r -> r.checkpointId(checkpoint.getId())).stream().map(i -> i.get("id").asText()).toList();
        String otherId = listJson(r -> r.checkpointId(other.getId())).get(0).get("id").asText();

        // All or nothing: a backup of another checkpoint among them is 404, and nothing is deleted.
        assertError(() -> backups.deleteBackup(PROJECT_ID, PROVIDER_ID, checkpoint.getId(),
                List.of(uuid(ids.get(0)), uuid(otherId))), 404, "CSBS.3001");
        assertError(() -> backups.deleteBackup(PROJECT_ID, PROVIDER_ID, checkpoint.getId(),
                List.of(uuid(ids.get(0)), UUID.randomUUID())), 404, "CSBS.3001");
        assertThat(countWith(q -> q.status("available"))).isEqualTo(3);

        Instant deleteAt = clock.instant();
        backups.deleteBackup(PROJECT_ID, PROVIDER_ID, checkpoint.getId(), List.of(uuid(ids.get(0))));
        assertThat(wire.last().uri().getRawQuery()).isEqualTo("checkpoint_items=" + ids.get(0));
        assertThat(wire.last().responseJson()).isEqualTo(JsonNodeFactory.instance.objectNode());
        assertThat(getJson(ids.get(0)).get("status").asText()).isEqualTo("waiting_delete");
        assertThat(getJson(ids.get(1)).get("status").asText()).isEqualTo("available");
        assertThat(getJson(otherId).get("status").asText()).isEqualTo("available");

        clock.setInstant(deleteAt.plus(DELETE_DURATION));
        assertError(() -> backups.getBackup(PROJECT_ID, uuid(ids.get(0))), 404, "CSBS.3001");
        assertThat(listJson(r -> r.checkpointId(checkpoint.getId()))).extracting(i -> i.get("id").asText())
                .containsExactly(ids.get(1));
        assertError(() -> backups.deleteBackup(PROJECT_ID, PROVIDER_ID, checkpoint.getId(), List.of(uuid(ids.get(0)))),
                404, "CSBS.3001");
        // The whole checkpoint now means what is left of it.
        backups.deleteBackup(PROJECT_ID, PROVIDER_ID, checkpoint.getId(), null);
        assertThat(getJson(ids.get(1)).get("status").asText()).isEqualTo("waiting_delete");
        clock.add(DELETE_DURATION);
        assertThat(count(r -> r.checkpointId(checkpoint.getId()))).isZero();
        assertThat(count(UnaryOperator.identity())).isEqualTo(1);

        // Two named at once, comma-separated on the wire.
        CheckpointResp third = execute(DAILY, false, null, null);
        clock.add(BACKUP_DURATION);
        List<UUID> both = listJson(r -> r.checkpointId(third.getId())).stream().map(i -> uuid(i.get("id").asText())).toList();
        backups.deleteBackup(PROJECT_ID, PROVIDER_ID, third.getId(), both);
        assertThat(wire.last().uri().getRawQuery()).isEqualTo("checkpoint_items=" + both.get(0) + "%2C" + both.get(1));
        assertThat(count(r -> r.checkpointId(third.getId()).status("waiting_delete"))).isEqualTo(2);
    }

    @Test
    void refusesToDeleteABackupStillBeingCreated() throws ApiException {
        CheckpointResp checkpoint = execute(DAILY, false, null, null);
        List<UUID> ids = listJson(r -> r.checkpointId(checkpoint.getId())).stream().map(i -> uuid(i.get("id").asText())).toList();
        // waiting_protect
        assertError(() -> backups.deleteBackup(PROJECT_ID, PROVIDER_ID, checkpoint.getId(), null), 400, "CSBS.2003");
        assertError(() -> backups.deleteBackup(PROJECT_ID, PROVIDER_ID, checkpoint.getId(), List.of(ids.get(0))), 400, "CSBS.2003");
        // protecting
        clock.add(BACKUP_DURATION.dividedBy(2));
        assertError(() -> backups.deleteBackup(PROJECT_ID, PROVIDER_ID, checkpoint.getId(), null), 400, "CSBS.2003");
        assertThat(count(r -> r.checkpointId(checkpoint.getId()).status("protecting"))).isEqualTo(2);
        // the last instant before available
        clock.setInstant(T0.plus(BACKUP_DURATION).minusNanos(1000));
        assertError(() -> backups.deleteBackup(PROJECT_ID, PROVIDER_ID, checkpoint.getId(), List.of(ids.get(1))), 400, "CSBS.2003");
        clock.setInstant(T0.plus(BACKUP_DURATION));
        backups.deleteBackup(PROJECT_ID, PROVIDER_ID, checkpoint.getId(), List.of(ids.get(1)));
        assertThat(getJson(ids.get(1).toString()).get("status").asText()).isEqualTo("waiting_delete");
    }

    // ---------------------------------------------------------------- CSBS.1001

    @Test
    void withConcurrentExecutionsRejectedASecondManualExecutionOfARunningPolicyIs500Csbs1001() throws ApiException {
        start(StubOptions.defaults().withRejectConcurrentExecutions(true));
        CheckpointResp running = execute(DAILY, false, null, null);

        assertError(() -> execute(DAILY, false, null, null), 500, "CSBS.1001");
        clock.add(BACKUP_DURATION.minusNanos(1000));
        assertError(() -> execute(DAILY, false, List.of(SERVER1.id()), null), 500, "CSBS.1001");
        assertThat(count(r -> r.policyId(uuid(DAILY)))).as("the refused executions created nothing").isEqualTo(2);
        // Another policy is not blocked.
        execute(BACKUP_POLICY, false, null, null);

        clock.setInstant(T0.plus(BACKUP_DURATION));
        assertThat(count(r -> r.checkpointId(running.getId()).status("available"))).isEqualTo(2);
        CheckpointResp next = execute(DAILY, false, null, null);
        assertThat(next.getId()).isNotEqualTo(running.getId());
        assertThat(count(r -> r.policyId(uuid(DAILY)))).isEqualTo(4);

        // A backup that ended in error does not block either, from the moment it failed.
        CheckpointResp failing = execute(FAILING, false, null, null);
        assertError(() -> execute(FAILING, false, null, null), 500, "CSBS.1001");
        clock.add(BACKUP_DURATION.dividedBy(2));
        assertThat(execute(FAILING, false, null, null).getId()).isNotEqualTo(failing.getId());
    }

    @Test
    void withoutTheSwitchTheSamePolicyRunsConcurrently() throws ApiException {
        CheckpointResp first = execute(DAILY, false, null, null);
        CheckpointResp second = execute(DAILY, false, null, null);
        assertThat(first.getId()).isNotEqualTo(second.getId());
        assertThat(count(r -> r.policyId(uuid(DAILY)).status("waiting_protect"))).isEqualTo(4);
    }

    // ---------------------------------------------------------------- all_tenants

    @Test
    void allTenantsIsForTheAdministratorsTokenOnly() throws ApiException {
        CheckpointResp mine = execute(DAILY, false, null, null);
        new BackupApi(client(OTHER_PROJECT_TOKEN)).executeBackupPolicy(OTHER_PROJECT, PROVIDER_ID, request(OTHER_PLAN, false, null));

        BackupApi admin = new BackupApi(client(ADMIN_TOKEN));
        List<CheckpointItem> everyone = admin.listBackups(ADMIN_PROJECT).allTenants(true).execute().getCheckpointItems();
        assertThat(everyone).extracting(CheckpointItem::getResourceId)
                .containsExactlyInAnyOrder(SERVER1.id(), SERVER2.id(), "4b3a2c1d-0e9f-4a8b-9c7d-6e5f4a3b2c1d");
        assertThat(admin.countBackups(ADMIN_PROJECT).allTenants(true).execute().getCount()).isEqualTo(3);
        assertThat(admin.listBackups(ADMIN_PROJECT).allTenants(true).checkpointId(mine.getId()).execute()
                .getCheckpointItems()).hasSize(2);
        assertThat(admin.countBackups(ADMIN_PROJECT).allTenants(true).policyId(uuid(OTHER_PLAN)).execute().getCount())
                .isEqualTo(1);
        // Without all_tenants the administrator sees its own project's: none.
        assertThat(admin.listBackups(ADMIN_PROJECT).execute().getCheckpointItems()).isEmpty();
        assertThat(admin.countBackups(ADMIN_PROJECT).allTenants(false).execute().getCount()).isZero();
        // The admin sees a backup of another project by its ID only through all_tenants listings.
        assertError(() -> admin.getBackup(ADMIN_PROJECT, uuid(everyone.get(0).getId())), 404, "CSBS.3001");

        // Anyone else: 403 CSBS.9009.
        assertError(() -> backups.listBackups(PROJECT_ID).allTenants(true).execute(), 403, "CSBS.9009");
        assertError(() -> backups.countBackups(PROJECT_ID).allTenants(true).execute(), 403, "CSBS.9009");
        assertError(() -> policies.listBackupPolicies(PROJECT_ID).allTenants(true).execute(), 403, "CSBS.9009");
        assertThat(backups.listBackups(PROJECT_ID).execute().getCheckpointItems()).hasSize(2);

        PolicyApi adminPolicies = new PolicyApi(client(ADMIN_TOKEN));
        assertThat(adminPolicies.listBackupPolicies(ADMIN_PROJECT).allTenants(true).execute().getPolicies())
                .extracting(PolicyResp::getId, PolicyResp::getProjectId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(DAILY, PROJECT_ID),
                        org.assertj.core.groups.Tuple.tuple(BACKUP_POLICY, PROJECT_ID),
                        org.assertj.core.groups.Tuple.tuple(FAILING, PROJECT_ID),
                        org.assertj.core.groups.Tuple.tuple(OTHER_PLAN, OTHER_PROJECT));
        assertThat(adminPolicies.listBackupPolicies(ADMIN_PROJECT).execute().getPolicies()).isEmpty();
    }

    // ---------------------------------------------------------------- 404s and tokens

    @Test
    void unknownBackupsCheckpointsAndPoliciesAre404() throws ApiException {
        assertError(() -> backups.getBackup(PROJECT_ID, UUID.randomUUID()), 404, "CSBS.3001");
        assertError(() -> backups.deleteBackup(PROJECT_ID, PROVIDER_ID, UUID.randomUUID(), null), 404, "CSBS.3001");
        assertError(() -> backups.deleteBackup(PROJECT_ID, PROVIDER_ID, UUID.randomUUID(), List.of(UUID.randomUUID())),
                404, "CSBS.3001");
        assertError(() -> policies.getBackupPolicy(PROJECT_ID, UUID.randomUUID()), 404, "CSBS.3000");
        assertError(() -> execute(UUID.randomUUID().toString(), false, null, null), 404, "CSBS.3000");
        // Another project's policy, backup and checkpoint are unknown here.
        assertError(() -> policies.getBackupPolicy(PROJECT_ID, uuid(OTHER_PLAN)), 404, "CSBS.3000");
        CheckpointResp theirs = new BackupApi(client(OTHER_PROJECT_TOKEN))
                .executeBackupPolicy(OTHER_PROJECT, PROVIDER_ID, request(OTHER_PLAN, false, null)).getCheckpoint();
        clock.add(BACKUP_DURATION);
        String theirBackup = new BackupApi(client(OTHER_PROJECT_TOKEN)).listBackups(OTHER_PROJECT).execute()
                .getCheckpointItems().get(0).getId();
        assertError(() -> backups.getBackup(PROJECT_ID, uuid(theirBackup)), 404, "CSBS.3001");
        assertError(() -> backups.deleteBackup(PROJECT_ID, PROVIDER_ID, theirs.getId(), null), 404, "CSBS.3001");
        // ... and with their token on our project: 403.
        assertError(() -> new BackupApi(client(OTHER_PROJECT_TOKEN)).getBackup(PROJECT_ID, uuid(theirBackup)), 403, "CSBS.9009");
        assertThat(new BackupApi(client(OTHER_PROJECT_TOKEN)).getBackup(OTHER_PROJECT, uuid(theirBackup))
                .getCheckpointItem().getStatus()).isEqualTo(CheckpointItem.StatusEnum.AVAILABLE);
        assertError(() -> new BackupApi(client("expired-token")).listBackups(PROJECT_ID).execute(), 401, "APIGW.0301");
    }

    // ---------------------------------------------------------------- policies

    @Test
    void getsAPolicyAsTheDataSetDescribesIt() throws ApiException {
        policies.getBackupPolicy(PROJECT_ID, uuid(DAILY));
        JsonNode policy = wire.last().responseJson().get("policy");
        JsonNode dataSet = dataSetPolicy(PROJECT_ID, DAILY);

        ObjectNode expected = JsonNodeFactory.instance.objectNode();
        expected.put("id", DAILY);
        expected.put("name", "daily");
        expected.put("description", "Daily backup of the web servers");
        expected.put("status", "enabled");
        expected.put("created_at", "2017-03-07T09:31:08.265000");
        expected.put("project_id", PROJECT_ID);
        expected.put("provider_id", PROVIDER_ID);
        expected.putObject("parameters").putObject("common");
        ArrayNode resources = expected.putArray("resources");
        for (Res resource : List.of(SERVER1, SERVER2)) {
            ObjectNode r = resources.addObject();
            r.put("id", resource.id());
            r.put("name", resource.name());
            r.put("type", SERVER_TYPE);
            r.putObject("extra_info");
        }
        expected.set("scheduled_operations", dataSet.get("scheduled_operations"));
        expected.set("tags", dataSet.get("tags"));
        assertThat(policy).isEqualTo(expected);

        // The listed policy is the same tree.
        policies.listBackupPolicies(PROJECT_ID).name("daily").execute();
        assertThat(wire.last().responseJson().get("policies")).containsExactly(policy);
    }

    @Test
    void listsPoliciesSortedNamedAndPaged() throws ApiException {
        assertThat(policyIds(r -> r)).as("created_at:desc by default").containsExactly(FAILING, DAILY, BACKUP_POLICY);
        assertThat(policyIds(r -> r.sort("created_at:asc"))).containsExactly(BACKUP_POLICY, DAILY, FAILING);
        assertThat(policyIds(r -> r.sort("name:asc"))).containsExactly(BACKUP_POLICY, DAILY, FAILING);
        assertThat(policyIds(r -> r.sort("name"))).as("desc when left out").containsExactly(FAILING, DAILY, BACKUP_POLICY);
        assertThat(policyIds(r -> r.sort("status:asc,name:desc"))).containsExactly(FAILING, DAILY, BACKUP_POLICY);
        assertThat(policyIds(r -> r.name("daily"))).containsExactly(DAILY);
        assertThat(policyIds(r -> r.name("Daily"))).as("name matches exactly").isEmpty();
        assertThat(policyIds(r -> r.name("dail"))).isEmpty();
        assertThat(policyIds(r -> r.limit(1))).containsExactly(FAILING);
        assertThat(policyIds(r -> r.limit(2).marker(uuid(FAILING)))).containsExactly(DAILY, BACKUP_POLICY);
        assertThat(policyIds(r -> r.limit(2).marker(uuid(BACKUP_POLICY)))).isEmpty();
        assertThat(policyIds(r -> r.offset(1).limit(1))).containsExactly(DAILY);
        assertThat(policyIds(r -> r.sort("created_at:asc").offset(1).limit(3))).containsExactly(DAILY, FAILING);
        assertThat(policyIds(r -> r.marker(uuid(FAILING)).offset(1))).containsExactly(BACKUP_POLICY);
        assertThat(policyIds(r -> r.offset(3))).isEmpty();
        // Paging one by one reaches every policy once.
        List<String> paged = new ArrayList<>();
        UUID marker = null;
        for (int i = 0; i < 10; i++) {
            UUID after = marker;
            List<String> page = policyIds(r -> r.limit(1).marker(after));
            if (page.isEmpty()) {
                break;
            }
            paged.addAll(page);
            marker = uuid(page.get(0));
        }
        assertThat(paged).containsExactly(FAILING, DAILY, BACKUP_POLICY);
        assertRefused(() -> policies.listBackupPolicies(PROJECT_ID).sort("colour:asc").execute(), 400, "CSBS.9001");
        assertError(() -> policies.listBackupPolicies(PROJECT_ID).marker(UUID.randomUUID()).execute(), 400, "CSBS.9001");
        assertRefused(() -> policies.listBackupPolicies(PROJECT_ID).limit(0).execute(), 400, "CSBS.9001");
        // Every listed policy is what getBackupPolicy answers for it.
        policies.listBackupPolicies(PROJECT_ID).execute();
        for (JsonNode listed : wire.last().responseJson().get("policies")) {
            policies.getBackupPolicy(PROJECT_ID, uuid(listed.get("id").asText()));
            assertThat(wire.last().responseJson().get("policy")).isEqualTo(listed);
        }
    }

    // ---------------------------------------------------------------- helpers

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.setBasePath(stub.baseUri().toString().replaceAll("/$", ""));
        client.setApiKey(token);
        client.getHttpClient().register(wire);
        return client;
    }

    private static ExecuteBackupPolicyRequest request(String policyId, boolean autoTrigger, List<String> resources) {
        CheckpointParam parameters = new CheckpointParam().autoTrigger(autoTrigger);
        if (resources != null) {
            resources.forEach(id -> parameters.addResourcesItem(UUID.fromString(id)));
        }
        return new ExecuteBackupPolicyRequest().checkpoint(new CheckpointReq().planId(UUID.fromString(policyId))
                .parameters(parameters));
    }

    private CheckpointResp execute(String policyId, boolean autoTrigger, List<String> resources, String prefer)
            throws ApiException {
        return backups.executeBackupPolicy(PROJECT_ID, PROVIDER_ID, request(policyId, autoTrigger, resources)).getCheckpoint();
    }

    /** The listed backups as they came over the wire, each a JSON tree. */
    private List<JsonNode> listJson(UnaryOperator<BackupApi.APIlistBackupsRequest> filters) throws ApiException {
        List<CheckpointItem> items = filters.apply(backups.listBackups(PROJECT_ID)).execute().getCheckpointItems();
        JsonNode body = wire.last().responseJson();
        assertThat(Contract.fieldNames(body)).containsExactly("checkpoint_items");
        List<JsonNode> listed = new ArrayList<>();
        body.get("checkpoint_items").forEach(listed::add);
        assertThat(listed).extracting(item -> item.get("id").asText())
                .containsExactlyElementsOf(items.stream().map(CheckpointItem::getId).toList());
        return listed;
    }

    private List<String> pageIds(UnaryOperator<BackupApi.APIlistBackupsRequest> filters) throws ApiException {
        return filters.apply(backups.listBackups(PROJECT_ID)).execute().getCheckpointItems().stream()
                .map(CheckpointItem::getId).toList();
    }

    /** Every page by marker, limit each; asserts no page but the last is short. */
    private List<String> pageByMarker(String sort, int limit) throws ApiException {
        List<String> ids = new ArrayList<>();
        UUID marker = null;
        for (int pages = 0; pages < 1000; pages++) {
            UUID after = marker;
            List<String> page = pageIds(r -> r.sort(sort).limit(limit).marker(after));
            assertThat(page.size()).isLessThanOrEqualTo(limit);
            ids.addAll(page);
            if (page.size() < limit) {
                return ids;
            }
            marker = uuid(page.get(page.size() - 1));
        }
        throw new AssertionError("paging did not end");
    }

    private JsonNode getJson(String id) throws ApiException {
        CheckpointItem item = backups.getBackup(PROJECT_ID, UUID.fromString(id)).getCheckpointItem();
        JsonNode body = wire.last().responseJson();
        assertThat(Contract.fieldNames(body)).containsExactly("checkpoint_item");
        assertThat(item.getId()).isEqualTo(id);
        return body.get("checkpoint_item");
    }

    /** How many backups a listing with these filters holds. */
    private int count(UnaryOperator<BackupApi.APIlistBackupsRequest> filters) throws ApiException {
        return filters.apply(backups.listBackups(PROJECT_ID)).execute().getCheckpointItems().size();
    }

    private int countWith(UnaryOperator<BackupApi.APIcountBackupsRequest> filters) throws ApiException {
        Integer count = filters.apply(backups.countBackups(PROJECT_ID)).execute().getCount();
        assertThat(Contract.fieldNames(wire.last().responseJson())).containsExactly("count");
        return count;
    }

    private List<String> policyIds(UnaryOperator<PolicyApi.APIlistBackupPoliciesRequest> request) throws ApiException {
        return request.apply(policies.listBackupPolicies(PROJECT_ID)).execute().getPolicies().stream()
                .map(PolicyResp::getId).toList();
    }

    private static JsonNode dataSetPolicy(String projectId, String policyId) {
        JsonNode dataSet = Contract.readJson("/com/example/csbs/stub/data/default-data-set.json");
        for (JsonNode project : dataSet.get("projects")) {
            if (project.get("id").asText().equals(projectId)) {
                for (JsonNode policy : project.get("policies")) {
                    if (policy.get("id").asText().equals(policyId)) {
                        return policy;
                    }
                }
            }
        }
        throw new AssertionError("no policy " + policyId + " in the data set");
    }

    /** The call fails with an ApiException carrying that status and the CSBS error body with that code. */
    private void assertError(ThrowingCallable call, int status, String errorCode) {
        ApiException failure = catchThrowableOfType(ApiException.class, call);
        assertThat(failure).as("an ApiException %d %s", status, errorCode).isNotNull();
        assertThat(failure.getCode()).as("status; body %s", failure.getResponseBody()).isEqualTo(status);
        assertThat(failure.getErrorEntity()).isInstanceOf(ErrorResp.class);
        ErrorResp error = (ErrorResp) failure.getErrorEntity();
        assertThat(error.getErrorCode()).isEqualTo(errorCode);
        assertThat(error.getErrorMsg()).isNotBlank().doesNotContain("Exception");
        JsonNode body = Contract.parse(failure.getResponseBody());
        ObjectNode expected = JsonNodeFactory.instance.objectNode();
        expected.put("error_code", errorCode);
        expected.put("error_msg", error.getErrorMsg());
        assertThat(body).isEqualTo(expected);
        assertThat(wire.last().status()).isEqualTo(status);
    }

    /** {@link #assertError} for a request that breaks the spec on purpose: the spec must refuse it too. */
    private void assertRefused(ThrowingCallable call, int status, String errorCode) {
        assertError(call, status, errorCode);
        wire.requestInvalidOnPurpose(wire.last());
    }

    private static String at(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(PAGE_STYLE);
    }

    private static UUID uuid(String id) {
        return UUID.fromString(id);
    }

    record Fail(long code, String reason) {
    }

    /**
     * A backup as the stub must show it. Fields whose value the test cannot know (the random name, the
     * task and volume IDs) or that are the stub's invention (speed, size) are placeholders here, and
     * {@link #assertItem} checks their shape before it compares the trees.
     */
    private static ObjectNode expected(String id, String checkpointId, Res resource, String status, int progress,
                                       Instant createdAt, Instant updatedAt, Instant finishedAt, boolean autoTrigger,
                                       Fail fail) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode item = json.objectNode();
        item.put("id", id);
        item.put("checkpoint_id", checkpointId);
        item.put("name", "<name>");
        item.put("description", "");
        item.put("status", status);
        item.put("created_at", at(createdAt));
        item.put("updated_at", at(updatedAt));
        item.put("resource_id", resource.id());
        item.put("resource_type", SERVER_TYPE);
        item.putArray("tags");
        ObjectNode data = item.putObject("backup_data");
        data.put("__openstack_region_name", resource.az());
        data.put("cloudservicetype", "server");
        data.put("disk", resource.disk());
        data.put("imagetype", "<imagetype>");
        data.put("ram", resource.ram());
        data.put("vcpus", resource.vcpus());
        data.put("eip", "");
        data.put("private_ip", resource.privateIp());
        ObjectNode extend = item.putObject("extend_info");
        extend.put("auto_trigger", autoTrigger);
        extend.put("average_speed", "<integer>");
        extend.put("copy_from", "");
        extend.put("copy_status", "na");
        ObjectNode failCode = extend.putObject("fail_code");
        if (fail != null) {
            failCode.put("Code", Long.toString(fail.code())); // a string of digits, as every known client parses it
            failCode.put("Description", fail.reason());
        }
        extend.put("fail_op", fail != null ? "backup" : "");
        extend.put("fail_reason", fail != null ? fail.reason() : "");
        extend.put("image_type", "backup");
        extend.put("incremental", false);
        extend.put("progress", progress);
        extend.put("resource_az", resource.az());
        extend.put("resource_name", resource.name());
        extend.put("resource_type", SERVER_TYPE);
        extend.put("size", "<size>");
        extend.put("space_saving_ratio", 0);
        ObjectNode volume = extend.putArray("volume_backups").addObject();
        volume.put("id", "<uuid>");
        volume.put("name", "<name>");
        volume.put("status", fail != null ? "error" : finishedAt != null ? "available" : "creating");
        volume.put("bootable", true);
        volume.put("average_speed", "<integer>");
        volume.put("incremental", false);
        volume.put("image_type", "backup");
        volume.put("size", "<size>");
        volume.put("space_saving_ratio", 0);
        volume.put("source_volume_id", "<uuid>");
        volume.put("source_volume_name", "<text>");
        volume.put("source_volume_size", resource.disk());
        volume.put("snapshot_id", "<uuid>");
        if (finishedAt == null) {
            extend.putNull("finished_at");
        } else {
            extend.put("finished_at", at(finishedAt));
        }
        extend.put("supported_restore_mode", "backup");
        extend.putArray("os_images_data");
        extend.put("support_lld", false);
        extend.put("taskid", "<uuid>");
        extend.put("hypervisor_type", "QEMU");
        return item;
    }

    /** Checks the shape of what {@link #expected} leaves open, then compares the whole trees. */
    private static void assertItem(JsonNode actual, ObjectNode expected) {
        ObjectNode item = actual.deepCopy();
        String name = item.get("name").asText();
        assertThat(name).as("name").matches("(manualbk|autobk)_[0-9a-f]{4}");
        assertThat(name).startsWith(expected.at("/extend_info/auto_trigger").asBoolean() ? "autobk_" : "manualbk_");
        int size = item.at("/extend_info/size").asInt(-1);
        assertThat(size).as("size grows with the progress").isGreaterThanOrEqualTo(0);
        if (expected.at("/extend_info/progress").asInt() == 0) {
            assertThat(size).isZero();
        }
        placeholder(item, "/name", "(manualbk|autobk)_[0-9a-f]{4}", "<name>");
        placeholder(item, "/backup_data/imagetype", "gold|private|market|", "<imagetype>");
        placeholder(item, "/extend_info/average_speed", "\\d+", "<integer>");
        placeholder(item, "/extend_info/size", "\\d+", "<size>");
        placeholder(item, "/extend_info/taskid", Contract.UUID_PATTERN, "<uuid>");
        String volume = "/extend_info/volume_backups/0";
        assertThat(item.at(volume + "/name").asText()).as("the volume backup's name").isEqualTo(name);
        assertThat(item.at(volume + "/size").asInt()).as("the volume backup's size").isEqualTo(size);
        placeholder(item, volume + "/id", Contract.UUID_PATTERN, "<uuid>");
        placeholder(item, volume + "/name", ".+", "<name>");
        placeholder(item, volume + "/average_speed", "\\d+", "<integer>");
        placeholder(item, volume + "/size", "\\d+", "<size>");
        placeholder(item, volume + "/source_volume_id", Contract.UUID_PATTERN, "<uuid>");
        placeholder(item, volume + "/source_volume_name", ".+", "<text>");
        placeholder(item, volume + "/snapshot_id", Contract.UUID_PATTERN, "<uuid>");
        assertThat(item).as("backup %s", actual.get("id")).isEqualTo(expected);
    }

    private static void placeholder(ObjectNode root, String pointer, String pattern, String placeholder) {
        JsonPointer at = JsonPointer.compile(pointer);
        JsonNode value = root.at(at);
        assertThat(value.isMissingNode() || value.isNull()).as("%s present", pointer).isFalse();
        assertThat(value.isValueNode() && !value.isBoolean()).as("%s a string or number", pointer).isTrue();
        assertThat(value.asText()).as(pointer).matches(pattern);
        ((ObjectNode) root.at(at.head())).set(at.last().getMatchingProperty(), TextNode.valueOf(placeholder));
    }
}
