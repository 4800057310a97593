package com.example.csbs.stub.admin;

import static com.example.csbs.stub.admin.AdminHttp.DAILY;
import static com.example.csbs.stub.admin.AdminHttp.PROJECT;
import static com.example.csbs.stub.admin.AdminHttp.PROVIDER;
import static com.example.csbs.stub.admin.AdminHttp.TOKEN;
import static com.example.csbs.stub.admin.AdminHttp.json;
import static com.example.csbs.stub.admin.ProjectScopeTest.OTHER;
import static com.example.csbs.stub.admin.ProjectScopeTest.OTHER_PLAN;
import static com.example.csbs.stub.admin.ProjectScopeTest.OTHER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.stub.StubOptions;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two teams on one stub: threads of project A (the demo project) and of project B create policies and execute
 * backups while A resets itself over and over. Every policy and checkpoint B was answered 200 for is still
 * there; A holds its start-up state and only what it created after a reset. Which of A's creations outlive
 * the last reset is decided from the order of the answers: one sent after that reset was answered is kept,
 * one answered before it was sent is gone (and those in between may be either). Backups run on a clock that
 * stands still, so nothing changes on its own.
 */
class ConcurrentProjectResetTest {

    private static final int RESETS = 20;
    private static final int B_THREADS = 2;
    private static final int B_ROUNDS = 25;
    private static final int A_THREADS = 2;
    private static final int A_ROUNDS_AFTER_THE_LAST_RESET = 3;
    private static final int A_MAX_ROUNDS = 200;

    /** Something a thread created, with where it stood among the resets of A. */
    private record Created(String kind, String id, long resetsDoneWhenSent, long resetsStartedWhenAnswered) {
    }

    private AdminHttp stub;
    private final AtomicLong resetsStarted = new AtomicLong();
    private final AtomicLong resetsDone = new AtomicLong();
    private final AtomicBoolean resetting = new AtomicBoolean(true);
    // Each reset waits for one more creation of each project, so that creations and resets interleave.
    private final Semaphore createdInA = new Semaphore(0);
    private final Semaphore createdInB = new Semaphore(0);
    private final Queue<Created> ofA = new ConcurrentLinkedQueue<>();
    private final Queue<Created> ofB = new ConcurrentLinkedQueue<>();
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() {
        stub = new AdminHttp(StubOptions.defaults()
                .withClock(Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC))
                .withMaxCheckpoints(10_000)); // nothing is evicted: what is gone was reset
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aProjectResettingItselfLosesNothingOfAnotherAndKeepsOnlyWhatItCreatedAfterItsLastReset() throws Exception {
        JsonNode startUp = setup();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(A_THREADS + B_THREADS + 1);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int thread = 0; thread < B_THREADS; thread++) {
                String name = "b" + thread;
                running.add(threads.submit(() -> projectB(name, go)));
            }
            for (int thread = 0; thread < A_THREADS; thread++) {
                String name = "a" + thread;
                running.add(threads.submit(() -> projectA(name, go)));
            }
            running.add(threads.submit(() -> resetter(go)));
            go.countDown();
            for (Future<?> each : running) {
                each.get(100, TimeUnit.SECONDS); // rethrows a thread's failure
            }
        } finally {
            resetting.set(false);
            threads.shutdownNow();
        }

        assertThat(unexpected).as("answers other than 200 (204 for a reset)").isEmpty();
        assertThat(resetsDone.get()).isEqualTo(RESETS);
        JsonNode now = setup();

        // B: everything it created is there, and its start-up policy.
        assertThat(ofB).hasSize(B_THREADS * B_ROUNDS * 2);
        assertThat(policyIds(now, OTHER)).containsAll(ids(ofB, "policy")).contains(OTHER_PLAN)
                .hasSize(B_THREADS * B_ROUNDS + 1);
        assertThat(checkpointIds(OTHER, OTHER_TOKEN)).containsExactlyInAnyOrderElementsOf(ids(ofB, "checkpoint"));

        // A: its start-up state, and of what it created only what may have outlived the last reset.
        Set<String> keptPolicies = policyIds(now, PROJECT);
        Set<String> keptCheckpoints = checkpointIds(PROJECT, TOKEN);
        assertThat(mustBeKept(ofA)).as("created after the last reset").isNotEmpty();
        assertThat(mustBeGone(ofA)).as("answered before the last reset").isNotEmpty();
        assertThat(keptPolicies).containsAll(ids(mustBeKept(ofA), "policy")).doesNotContainAnyElementsOf(ids(mustBeGone(ofA), "policy"));
        assertThat(keptCheckpoints).containsAll(ids(mustBeKept(ofA), "checkpoint"))
                .doesNotContainAnyElementsOf(ids(mustBeGone(ofA), "checkpoint"));
        Set<String> createdPolicies = Set.copyOf(ids(ofA, "policy"));
        Set<String> startUpOrCreated = new HashSet<>(createdPolicies);
        startUpOrCreated.addAll(policyIds(startUp, PROJECT));
        assertThat(keptPolicies).as("no policy A did not have or create").isSubsetOf(startUpOrCreated);
        assertThat(keptCheckpoints).as("no checkpoint A did not create").isSubsetOf(ids(ofA, "checkpoint"));
        List<JsonNode> startUpPolicies = new ArrayList<>();
        ProjectScopeTest.projectIn(now, PROJECT).path("policies").forEach(policy -> {
            if (!createdPolicies.contains(policy.path("id").asText())) {
                startUpPolicies.add(policy);
            }
        });
        assertThat(startUpPolicies).as("A's start-up policies, as they were")
                .containsExactlyElementsOf(list(ProjectScopeTest.projectIn(startUp, PROJECT).path("policies")));
        assertThat(ProjectScopeTest.projectIn(now, PROJECT).path("token").asText()).isEqualTo(TOKEN);
    }

    // ---------------------------------------------------------------- the threads

    private Void resetter(CountDownLatch go) throws InterruptedException {
        go.await();
        for (int round = 0; round < RESETS; round++) {
            assertThat(createdInA.tryAcquire(30, TimeUnit.SECONDS)).as("A created something").isTrue();
            assertThat(createdInB.tryAcquire(30, TimeUnit.SECONDS)).as("B created something").isTrue();
            resetsStarted.incrementAndGet();
            HttpResponse<String> reset = stub.sendWith(Map.of(), "POST", "/__admin/setup/reset?project_id=" + PROJECT, null, null);
            expect(reset, 204, "reset");
            resetsDone.incrementAndGet();
        }
        resetting.set(false);
        return null;
    }

    private Void projectA(String thread, CountDownLatch go) throws InterruptedException {
        go.await();
        int afterTheLastReset = 0;
        for (int round = 0; round < A_MAX_ROUNDS && afterTheLastReset < A_ROUNDS_AFTER_THE_LAST_RESET; round++) {
            if (!resetting.get()) {
                afterTheLastReset++;
            }
            String name = thread + "-" + round;
            create(ofA, "policy", () -> createPolicy(PROJECT, TOKEN, name));
            create(ofA, "checkpoint", () -> execute(PROJECT, TOKEN, DAILY));
            createdInA.release();
        }
        return null;
    }

    private Void projectB(String thread, CountDownLatch go) throws InterruptedException {
        go.await();
        for (int round = 0; round < B_ROUNDS; round++) {
            int number = round;
            create(ofB, "policy", () -> createPolicy(OTHER, OTHER_TOKEN, thread + "-" + number));
            create(ofB, "checkpoint", () -> execute(OTHER, OTHER_TOKEN, OTHER_PLAN));
            createdInB.release();
        }
        return null;
    }

    private interface Request {
        HttpResponse<String> send();
    }

    // Where the request stood among the resets: the resets done when it was sent, and those started when it was answered.
    private void create(Queue<Created> created, String kind, Request request) {
        long doneWhenSent = resetsDone.get();
        HttpResponse<String> response = request.send();
        long startedWhenAnswered = resetsStarted.get();
        if (expect(response, 200, kind)) {
            String id = json(response.body()).at(kind.equals("policy") ? "/policy/id" : "/checkpoint/id").asText();
            created.add(new Created(kind, id, doneWhenSent, startedWhenAnswered));
        }
    }

    private boolean expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            unexpected.add(what + ": " + response.statusCode() + " " + response.body());
            return false;
        }
        return true;
    }

    private HttpResponse<String> createPolicy(String projectId, String token, String name) {
        return stub.send("POST", "/v1/" + projectId + "/policies", ProjectScopeTest.policy(name, UUID.randomUUID().toString()),
                "application/json", token);
    }

    private HttpResponse<String> execute(String projectId, String token, String policyId) {
        return stub.send("POST", "/v1/" + projectId + "/providers/" + PROVIDER + "/checkpoints",
                "{\"checkpoint\": {\"plan_id\": \"" + policyId + "\", \"parameters\": {}}}", "application/json", token);
    }

    // ---------------------------------------------------------------- what is there

    private List<Created> mustBeKept(Queue<Created> created) {
        return created.stream().filter(each -> each.resetsDoneWhenSent() == RESETS).toList();
    }

    private List<Created> mustBeGone(Queue<Created> created) {
        return created.stream().filter(each -> each.resetsStartedWhenAnswered() < RESETS).toList();
    }

    private static List<String> ids(Iterable<Created> created, String kind) {
        List<String> ids = new ArrayList<>();
        created.forEach(each -> {
            if (each.kind().equals(kind)) {
                ids.add(each.id());
            }
        });
        return ids;
    }

    private JsonNode setup() {
        return json(stub.admin("GET", "/__admin/setup", null).body());
    }

    private static Set<String> policyIds(JsonNode setup, String projectId) {
        return fields(ProjectScopeTest.projectIn(setup, projectId).path("policies"), "id");
    }

    private Set<String> checkpointIds(String projectId, String token) {
        HttpResponse<String> listed = stub.send("GET", "/v1/" + projectId + "/checkpoint_items?limit=1000", null, null, token);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(json(listed.body()).has("checkpoint_items_links")).as("one page").isFalse();
        return fields(json(listed.body()).path("checkpoint_items"), "checkpoint_id");
    }

    /** A field of each item of an array. */
    private static Set<String> fields(JsonNode array, String field) {
        Set<String> values = new HashSet<>();
        array.forEach(item -> values.add(item.path(field).asText()));
        return values;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
