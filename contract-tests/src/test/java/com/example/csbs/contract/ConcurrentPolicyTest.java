package com.example.csbs.contract;

import static com.example.csbs.contract.Contract.PROJECT_ID;
import static com.example.csbs.contract.Contract.PROVIDER_ID;
import static com.example.csbs.contract.Contract.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

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
import com.example.csbs.client.model.PolicyUpdate;
import com.example.csbs.client.model.Resource;
import com.example.csbs.client.model.ResourceReq;
import com.example.csbs.client.model.UpdateBackupPolicyRequest;
import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.StubServer;
import com.example.csbs.stub.data.BackupDataSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threeten.extra.MutableClock;

/**
 * Policies created, updated and deleted while they are executed, by several clients at once through the
 * generated client: every answer is a documented one (200, or 404 CSBS.3000 for a policy deleted under it,
 * 400 CSBS.9007 for a name taken meanwhile), never a 5xx, no exception in the stub, and at the end the
 * state is what the successful calls made it: the policies left are exactly those not deleted, each as
 * its last successful update left it, and every checkpoint an execution answered has its backups, of
 * the resources the policy had at that moment.
 */
class ConcurrentPolicyTest {

    private static final int THREADS = 8;
    private static final int POLICIES_PER_THREAD = 6;
    private static final int EXECUTIONS_PER_POLICY = 4;
    private static final Duration BACKUP_DURATION = Duration.ofSeconds(10);

    /** What an execution answered, and which resources the policy had then (one of the two it ever has). */
    record Executed(String policyId, UUID checkpointId, Set<String> resources) {
    }

    private final List<String> wrong = new CopyOnWriteArrayList<>();

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void policiesCreatedUpdatedAndDeletedWhileTheyAreExecutedStayConsistent() throws Exception {
        MutableClock clock = MutableClock.of(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        ExchangeLog wire = new ExchangeLog();
        List<LogRecord> stubErrors = new CopyOnWriteArrayList<>();
        Handler errors = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue() || record.getThrown() != null) {
                    stubErrors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(errors);
        ExecutorService clients = Executors.newFixedThreadPool(THREADS * 2);
        try (StubServer stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault(), StubOptions.defaults()
                .withClock(clock).withBackupDuration(BACKUP_DURATION))) {
            Map<String, String> finalName = new ConcurrentHashMap<>();     // policy -> its name after its last update
            Set<String> deleted = ConcurrentHashMap.newKeySet();
            List<Executed> executed = new CopyOnWriteArrayList<>();
            CyclicBarrier start = new CyclicBarrier(THREADS * 2);
            List<Future<?>> workers = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int me = thread;
                ApiClient owner = client(stub, wire);
                ApiClient executor = client(stub, wire);
                List<String> mine = new CopyOnWriteArrayList<>();
                // The owner creates, updates (renames, swaps its server) and deletes its policies ...
                workers.add(clients.submit(() -> {
                    start.await();
                    PolicyApi policies = new PolicyApi(owner);
                    for (int n = 0; n < POLICIES_PER_THREAD; n++) {
                        int i = n;
                        String name = "t" + me + "-p" + i;
                        String first = server(me, i, 0);
                        PolicyResp created = call("create " + name, () -> policies.createBackupPolicy(PROJECT_ID,
                                PolicyLifecycleTest.minimal(name, first)).getPolicy());
                        if (created == null) {
                            continue;
                        }
                        mine.add(created.getId());
                        finalName.put(created.getId(), name);
                        String renamed = name + "-v2";
                        PolicyResp updated = call("update " + name, () -> policies.updateBackupPolicy(PROJECT_ID,
                                UUID.fromString(created.getId()), new UpdateBackupPolicyRequest().policy(new PolicyUpdate()
                                        .name(renamed).resources(List.of(new ResourceReq().id(UUID.fromString(server(me, i, 1)))
                                                .type(ResourceReq.TypeEnum.OS_NOVA_SERVER).name("second"))))).getPolicy());
                        if (updated != null) {
                            finalName.put(created.getId(), renamed);
                        }
                        if (i % 2 == 0) {
                            // Every other policy is deleted while the executor may be executing it.
                            if (call("delete " + name, () -> {
                                policies.deleteBackupPolicy(PROJECT_ID, UUID.fromString(created.getId()));
                                return Boolean.TRUE;
                            }) != null) {
                                deleted.add(created.getId());
                            }
                        }
                    }
                    return null;
                }));
                // ... while the executor executes whatever of them it sees, and lists and reads them.
                workers.add(clients.submit(() -> {
                    start.await();
                    BackupApi backups = new BackupApi(executor);
                    PolicyApi policies = new PolicyApi(executor);
                    int round = 0;
                    for (int spins = 0; round < POLICIES_PER_THREAD * EXECUTIONS_PER_POLICY && spins < 10_000_000; spins++) {
                        List<String> seen = List.copyOf(mine);
                        if (seen.isEmpty()) {
                            Thread.yield(); // the owner has not created its first policy yet
                            continue;
                        }
                        round++;
                        String policyId = seen.get(round % seen.size());
                        executeOrMiss(backups, policyId, me, executed);
                        readOrMiss(policies, policyId);
                        listed(policies);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(50, TimeUnit.SECONDS);
            }
            assertThat(wrong).as("answers no state allows").isEmpty();

            // The end state: exactly the policies not deleted, each with its last name; the data set's three too.
            PolicyApi policies = new PolicyApi(client(stub, wire));
            List<PolicyResp> left = policies.listBackupPolicies(PROJECT_ID).execute().getPolicies();
            Set<String> expected = new HashSet<>(finalName.keySet());
            expected.removeAll(deleted);
            assertThat(left).extracting(PolicyResp::getId).doesNotHaveDuplicates()
                    .containsAll(expected).doesNotContainAnyElementsOf(deleted).hasSize(expected.size() + 3);
            for (PolicyResp policy : left) {
                if (expected.contains(policy.getId())) {
                    assertThat(policy.getName()).as("policy %s", policy.getId()).isEqualTo(finalName.get(policy.getId()));
                    assertThat(policy.getResources()).hasSize(1);
                }
            }
            for (String id : deleted) {
                ApiException gone = org.assertj.core.api.Assertions.catchThrowableOfType(ApiException.class,
                        () -> policies.getBackupPolicy(PROJECT_ID, UUID.fromString(id)));
                assertThat(gone).as("deleted policy %s", id).isNotNull();
                assertThat(gone.getCode()).isEqualTo(404);
            }
            // Every execution answered has its one backup, of a server the policy had, and all end available.
            assertThat(executed).as("executions that succeeded").isNotEmpty();
            clock.add(BACKUP_DURATION);
            BackupApi backups = new BackupApi(client(stub, wire));
            List<CheckpointItem> all = backups.listBackups(PROJECT_ID).limit(10_000).execute().getCheckpointItems();
            assertThat(all).hasSize(executed.size());
            for (Executed execution : executed) {
                List<CheckpointItem> items = all.stream()
                        .filter(item -> item.getCheckpointId().equals(execution.checkpointId().toString())).toList();
                assertThat(items).as("backups of %s", execution).singleElement().satisfies(item -> {
                    assertThat(execution.resources()).contains(item.getResourceId());
                    assertThat(item.getStatus()).isEqualTo(CheckpointItem.StatusEnum.AVAILABLE);
                });
                assertThat(backups.countBackups(PROJECT_ID).policyId(UUID.fromString(execution.policyId())).execute().getCount())
                        .as("backups of policy %s, deleted or not", execution.policyId())
                        .isEqualTo((int) executed.stream().filter(e -> e.policyId().equals(execution.policyId())).count());
            }
            wire.assertAllValid();
            assertThat(wire.all()).as("no server error").noneMatch(exchange -> exchange.status() >= 500);
        } finally {
            clients.shutdownNow();
            root.removeHandler(errors);
        }
        assertThat(stubErrors).as("errors the stub logged").extracting(LogRecord::getMessage).isEmpty();
    }

    private void executeOrMiss(BackupApi backups, String policyId, int me, List<Executed> executed) {
        try {
            CheckpointResp checkpoint = backups.executeBackupPolicy(PROJECT_ID, PROVIDER_ID, new ExecuteBackupPolicyRequest()
                    .checkpoint(new CheckpointReq().planId(UUID.fromString(policyId)).parameters(new CheckpointParam())))
                    .getCheckpoint();
            Set<String> resources = new HashSet<>();
            checkpoint.getProtectionPlan().getResources().forEach(resource -> resources.add(resource.getId()));
            if (resources.size() != 1) {
                wrong.add("execution of " + policyId + " backed up " + resources);
            }
            executed.add(new Executed(policyId, checkpoint.getId(), resources));
        } catch (ApiException e) {
            expectMissing(e, "execute " + policyId);
        }
    }

    private void readOrMiss(PolicyApi policies, String policyId) {
        try {
            PolicyResp policy = policies.getBackupPolicy(PROJECT_ID, UUID.fromString(policyId)).getPolicy();
            if (!policy.getId().equals(policyId) || policy.getResources().size() != 1) {
                wrong.add("read " + policyId + ": " + policy);
            }
        } catch (ApiException e) {
            expectMissing(e, "read " + policyId);
        }
    }

    private void listed(PolicyApi policies) {
        try {
            List<String> ids = policies.listBackupPolicies(PROJECT_ID).execute().getPolicies().stream().map(PolicyResp::getId).toList();
            if (new HashSet<>(ids).size() != ids.size()) {
                wrong.add("a policy listed twice: " + ids);
            }
        } catch (ApiException e) {
            wrong.add("listing: " + e.getCode() + " " + e.getResponseBody());
        }
    }

    /** A policy deleted meanwhile: 404 CSBS.3000, nothing else. */
    private void expectMissing(ApiException e, String what) {
        if (e.getCode() != 404 || !(e.getErrorEntity() instanceof ErrorResp error) || !"CSBS.3000".equals(error.getErrorCode())) {
            wrong.add(what + ": " + e.getCode() + " " + e.getResponseBody());
        }
    }

    interface Call<T> {
        T call() throws ApiException;
    }

    /** The owner's own calls must all succeed: nobody else touches its policies or its servers. */
    private <T> T call(String what, Call<T> call) {
        try {
            return call.call();
        } catch (ApiException e) {
            wrong.add(what + ": " + e.getCode() + " " + e.getResponseBody());
            return null;
        }
    }

    /** A server of its own per thread, policy and version: never in two policies. */
    private static String server(int thread, int policy, int version) {
        return UUID.nameUUIDFromBytes(("server-" + thread + "-" + policy + "-" + version).getBytes()).toString();
    }

    private static ApiClient client(StubServer stub, ExchangeLog wire) {
        ApiClient client = new ApiClient();
        client.setBasePath(stub.baseUri().toString().replaceAll("/$", ""));
        client.setApiKey(TOKEN);
        client.getHttpClient().register(wire);
        return client;
    }
}
