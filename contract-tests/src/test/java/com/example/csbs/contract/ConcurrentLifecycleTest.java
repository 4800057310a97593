package com.example.csbs.contract;

import static com.example.csbs.contract.Contract.PROJECT_ID;
import static com.example.csbs.contract.Contract.PROVIDER_ID;
import static com.example.csbs.contract.Contract.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.client.ApiClient;
import com.example.csbs.client.ApiException;
import com.example.csbs.client.api.BackupApi;
import com.example.csbs.client.model.CheckpointItem;
import com.example.csbs.client.model.CheckpointParam;
import com.example.csbs.client.model.CheckpointReq;
import com.example.csbs.client.model.ErrorResp;
import com.example.csbs.client.model.ExecuteBackupPolicyRequest;
import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.StubServer;
import com.example.csbs.stub.data.BackupDataSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threeten.extra.MutableClock;

/**
 * Many clients at once, through the generated client, executing the same policies, polling, listing,
 * counting and deleting, in rounds. The clock moves only between rounds (the quiescent points), so what
 * every answer must be is known: within a round the new backups are all waiting_protect, the last
 * round's are available (or waiting_delete once deleted), older deletions are complete.
 */
class ConcurrentLifecycleTest {

    private static final int THREADS = 16;
    private static final int ROUNDS = 6;
    private static final int EXECUTIONS_PER_THREAD = 3;
    private static final Duration BACKUP_DURATION = Duration.ofSeconds(10);
    private static final Duration DELETE_DURATION = Duration.ofSeconds(2);
    private static final String DAILY = "62171999-3df1-42f7-9513-6f9b1bea4744";          // two resources
    private static final String BACKUP_POLICY = "6a6cda7e-7b89-4b14-8e5c-3b6821a97d2c";  // one resource

    /** A checkpoint the test created, with its backups. */
    record Created(UUID checkpointId, String policyId, List<String> backupIds) {
    }

    /** What one client saw that it should not have. */
    private final List<String> wrong = new CopyOnWriteArrayList<>();

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a lost request must fail the build, not hang it
    void manyClientsAtOnceLoseNothingDuplicateNothingAndSeeOnlyWhatTheStateAllows() throws Exception {
        MutableClock clock = MutableClock.of(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);
        ExchangeLog wire = new ExchangeLog();
        ExecutorService clients = Executors.newFixedThreadPool(THREADS);
        try (StubServer stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault(), StubOptions.defaults()
                .withClock(clock).withBackupDuration(BACKUP_DURATION).withDeleteDuration(DELETE_DURATION))) {
            List<BackupApi> apis = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                ApiClient client = new ApiClient();
                client.setBasePath(stub.baseUri().toString().replaceAll("/$", ""));
                client.setApiKey(TOKEN);
                client.getHttpClient().register(wire);
                apis.add(new BackupApi(client));
            }
            BackupApi main = apis.get(0);

            Map<UUID, Created> alive = new HashMap<>();       // created, not deleted: available now
            List<Created> deletedLastRound = new ArrayList<>(); // deletion complete now
            Set<String> everDeleted = new HashSet<>();
            int created = 0;

            for (int round = 0; round < ROUNDS; round++) {
                // Half of the living checkpoints are to be deleted this round, each by two clients at once.
                List<Created> living = new ArrayList<>(alive.values());
                List<Created> toDelete = living.subList(0, living.size() / 2);
                Set<String> aliveIds = idsOf(alive.values());
                List<Created> goneIds = List.copyOf(deletedLastRound);
                Map<UUID, Collection<String>> deletions = new ConcurrentHashMap<>();
                List<Created> createdThisRound = new CopyOnWriteArrayList<>();
                CyclicBarrier start = new CyclicBarrier(THREADS);

                List<Future<?>> workers = new ArrayList<>();
                for (int thread = 0; thread < THREADS; thread++) {
                    int me = thread;
                    BackupApi api = apis.get(thread);
                    workers.add(clients.submit(() -> {
                        start.await();
                        for (int i = 0; i < EXECUTIONS_PER_THREAD; i++) {
                            String policy = (me + i) % 2 == 0 ? DAILY : BACKUP_POLICY;
                            Created mine = execute(api, policy);
                            createdThisRound.add(mine);
                            // Still being created: its deletion must be refused, and it must stay.
                            expectError(() -> api.deleteBackup(PROJECT_ID, PROVIDER_ID, mine.checkpointId(), null),
                                    400, "CSBS.2003", "deleting a backup being created");
                            for (String id : mine.backupIds()) {
                                expectStatus(api, id, Set.of("waiting_protect"));
                            }
                        }
                        for (int i = 0; i < toDelete.size(); i++) {
                            if (i % THREADS == me || (i + 1) % THREADS == me) {
                                Created victim = toDelete.get(i);
                                try {
                                    api.deleteBackup(PROJECT_ID, PROVIDER_ID, victim.checkpointId(), null);
                                    deletions.computeIfAbsent(victim.checkpointId(), id -> new CopyOnWriteArrayList<>())
                                            .add("deleted by " + me);
                                } catch (ApiException e) {
                                    // The other client got there first: already being deleted.
                                    checkError(e, 400, "CSBS.2003", "deleting a checkpoint twice at once");
                                }
                                for (String id : victim.backupIds()) {
                                    expectStatus(api, id, Set.of("waiting_delete"));
                                }
                            }
                        }
                        // Deletions completed last round: 404 everywhere.
                        for (Created gone : goneIds) {
                            if (goneIds.indexOf(gone) % THREADS == me) {
                                expectError(() -> api.deleteBackup(PROJECT_ID, PROVIDER_ID, gone.checkpointId(), null),
                                        404, "CSBS.3001", "deleting a deleted checkpoint");
                                for (String id : gone.backupIds()) {
                                    expectError(() -> api.getBackup(PROJECT_ID, UUID.fromString(id)), 404, "CSBS.3001",
                                            "getting a deleted backup");
                                }
                            }
                        }
                        // A full listing under load: no duplicates, every living backup in it exactly once,
                        // no deleted one.
                        List<String> listed = api.listBackups(PROJECT_ID).execute().getCheckpointItems().stream()
                                .map(CheckpointItem::getId).toList();
                        if (new HashSet<>(listed).size() != listed.size()) {
                            wrong.add("duplicates in a listing: " + listed);
                        }
                        if (!listed.containsAll(aliveIds)) {
                            wrong.add("living backups missing from a listing");
                        }
                        for (Created gone : goneIds) {
                            if (gone.backupIds().stream().anyMatch(listed::contains)) {
                                wrong.add("deleted backups listed: " + gone);
                            }
                        }
                        api.countBackups(PROJECT_ID).status("available").execute();
                        api.listBackups(PROJECT_ID).policyId(UUID.fromString(DAILY)).limit(5).execute();
                        return null;
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get(); // rethrows a client's failure
                }
                assertThat(wrong).as("round %d", round).isEmpty();

                // Quiescent point: each deleted checkpoint was deleted exactly once.
                assertThat(deletions.keySet()).containsExactlyInAnyOrderElementsOf(
                        toDelete.stream().map(Created::checkpointId).toList());
                assertThat(deletions.values()).allSatisfy(by -> assertThat(by).hasSize(1));
                assertThat(createdThisRound).hasSize(THREADS * EXECUTIONS_PER_THREAD);
                created += createdThisRound.size();

                Set<String> deletingIds = idsOf(toDelete);
                toDelete.forEach(victim -> alive.remove(victim.checkpointId()));
                createdThisRound.forEach(c -> alive.put(c.checkpointId(), c));
                assertQuiescent(main, alive.values(), deletingIds, everDeleted, "round " + round + ", before the clock moves");

                clock.add(BACKUP_DURATION.plus(DELETE_DURATION));
                everDeleted.addAll(deletingIds);
                deletedLastRound = List.copyOf(toDelete);
                assertQuiescent(main, alive.values(), Set.of(), everDeleted, "round " + round + ", after the clock moved");
                assertThat(main.countBackups(PROJECT_ID).status("available").execute().getCount())
                        .isEqualTo(idsOf(alive.values()).size());
            }
            assertThat(created).isEqualTo(ROUNDS * THREADS * EXECUTIONS_PER_THREAD);
            assertThat(everDeleted).isNotEmpty();
        } finally {
            clients.shutdownNow();
        }

        List<ExchangeLog.Exchange> exchanges = wire.all();
        assertThat(exchanges).filteredOn(exchange -> exchange.status() >= 500).isEmpty();
        wire.assertAllValid();
    }

    /**
     * The full listing, paged by marker, holds every living backup once and the ones being deleted once
     * (until their deletion completes), nothing else; counts agree with the lists.
     */
    private static void assertQuiescent(BackupApi api, Collection<Created> alive, Set<String> deleting,
                                        Set<String> deleted, String when) throws ApiException {
        List<CheckpointItem> all = api.listBackups(PROJECT_ID).limit(10_000).execute().getCheckpointItems();
        List<String> ids = all.stream().map(CheckpointItem::getId).toList();
        Set<String> expected = new HashSet<>(idsOf(alive));
        expected.addAll(deleting);
        assertThat(ids).as(when).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ids).as("deleted backups, %s", when).noneMatch(deleted::contains);

        List<String> paged = new ArrayList<>();
        UUID marker = null;
        while (true) {
            List<CheckpointItem> page = api.listBackups(PROJECT_ID).limit(37).marker(marker).execute().getCheckpointItems();
            page.forEach(item -> paged.add(item.getId()));
            if (page.size() < 37) {
                break;
            }
            marker = UUID.fromString(page.get(page.size() - 1).getId());
        }
        assertThat(paged).as("paged, %s", when).containsExactlyElementsOf(ids);
        assertThat(api.countBackups(PROJECT_ID).execute().getCount()).as("count, %s", when).isEqualTo(ids.size());

        Map<String, Long> byStatus = all.stream().collect(Collectors.groupingBy(item -> item.getStatus().getValue(),
                Collectors.counting()));
        for (Map.Entry<String, Long> status : byStatus.entrySet()) {
            assertThat(api.countBackups(PROJECT_ID).status(status.getKey()).execute().getCount().longValue())
                    .as("count of %s, %s", status.getKey(), when).isEqualTo(status.getValue());
            assertThat(api.listBackups(PROJECT_ID).status(status.getKey()).limit(10_000).execute().getCheckpointItems())
                    .as("list of %s, %s", status.getKey(), when).hasSize(status.getValue().intValue());
        }
        for (String policy : List.of(DAILY, BACKUP_POLICY)) {
            long listed = api.listBackups(PROJECT_ID).policyId(UUID.fromString(policy)).limit(10_000).execute()
                    .getCheckpointItems().size();
            assertThat(api.countBackups(PROJECT_ID).policyId(UUID.fromString(policy)).execute().getCount().longValue())
                    .as("count of policy %s, %s", policy, when).isEqualTo(listed);
        }
        Set<String> deletingSeen = all.stream().filter(item -> item.getStatus() == CheckpointItem.StatusEnum.WAITING_DELETE)
                .map(CheckpointItem::getId).collect(Collectors.toSet());
        assertThat(deletingSeen).as("waiting_delete, %s", when).isEqualTo(deleting);
    }

    private Created execute(BackupApi api, String policyId) throws ApiException {
        UUID checkpointId = api.executeBackupPolicy(PROJECT_ID, PROVIDER_ID, new ExecuteBackupPolicyRequest()
                .checkpoint(new CheckpointReq().planId(UUID.fromString(policyId))
                        .parameters(new CheckpointParam().autoTrigger(false)))).getCheckpoint().getId();
        List<String> backupIds = api.listBackups(PROJECT_ID).checkpointId(checkpointId).execute().getCheckpointItems()
                .stream().map(CheckpointItem::getId).toList();
        int expected = policyId.equals(DAILY) ? 2 : 1;
        if (backupIds.size() != expected) {
            wrong.add("checkpoint " + checkpointId + " has " + backupIds.size() + " backups, not " + expected);
        }
        return new Created(checkpointId, policyId, backupIds);
    }

    private void expectStatus(BackupApi api, String id, Set<String> allowed) throws ApiException {
        String status = api.getBackup(PROJECT_ID, UUID.fromString(id)).getCheckpointItem().getStatus().getValue();
        if (!allowed.contains(status)) {
            wrong.add("backup " + id + " is " + status + ", expected one of " + allowed);
        }
    }

    private interface Call {
        void run() throws ApiException;
    }

    private void expectError(Call call, int status, String errorCode, String what) {
        try {
            call.run();
            wrong.add(what + ": succeeded, expected " + status + " " + errorCode);
        } catch (ApiException e) {
            checkError(e, status, errorCode, what);
        }
    }

    private void checkError(ApiException e, int status, String errorCode, String what) {
        String code = e.getErrorEntity() instanceof ErrorResp error ? error.getErrorCode() : null;
        if (e.getCode() != status || !errorCode.equals(code)) {
            wrong.add(what + ": " + e.getCode() + " " + code + ", expected " + status + " " + errorCode
                    + " (" + e.getResponseBody() + ")");
        }
    }

    private static Set<String> idsOf(Collection<Created> checkpoints) {
        return checkpoints.stream().flatMap(c -> c.backupIds().stream()).collect(Collectors.toSet());
    }
}
