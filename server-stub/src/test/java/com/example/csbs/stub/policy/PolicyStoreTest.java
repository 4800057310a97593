package com.example.csbs.stub.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.data.CurrentDataSet;
import com.example.csbs.stub.http.CsbsException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Policies as state: created, updated, deleted; the data set's policies at start; bounded; thread-safe. */
class PolicyStoreTest {

    private static final String PROJECT = "b942cc8342734d15bcb246babb1953cf";
    private static final String OTHER_PROJECT = "5d7ea3b1c94e4f0a8b6d2e1f3a9c7b60";
    private static final String DAILY = "62171999-3df1-42f7-9513-6f9b1bea4744";
    private static final String SERVER1 = "7a32a8b5-7977-4e24-b5da-e0eb457db75b";

    private final CurrentDataSet dataSet = new CurrentDataSet(BackupDataSet.embeddedDefault());
    private final PolicyStore store = new PolicyStore(dataSet, 5);

    @Test
    void theDataSetsPoliciesAreTheStateAtStart() {
        assertThat(store.find(PROJECT, DAILY)).get().extracting(BackupDataSet.Policy::name).isEqualTo("daily");
        assertThat(store.find(OTHER_PROJECT, DAILY)).isEmpty();
    }

    @Test
    void aCreatedPolicyIsReadBackAndInTheDataSetOfTheMoment() {
        BackupDataSet.Policy created = store.create(PROJECT, policy("weekly", "0d5e0a1c-1111-4222-8333-444455556666"));

        assertThat(store.find(PROJECT, created.id())).contains(created);
        assertThat(dataSet.get().policy(PROJECT, created.id())).contains(created);
        assertThat(dataSet.get().project(PROJECT).orElseThrow().policies()).hasSize(4);
    }

    @Test
    void anUpdateReplacesThePolicyAndKeepsItsId() {
        BackupDataSet.Policy updated = store.update(PROJECT, DAILY, policy -> new BackupDataSet.Policy(policy.id(),
                "daily-renamed", "changed", policy.status(), policy.createdAt(), policy.resources(),
                policy.scheduledOperations(), policy.tags()));

        assertThat(updated.name()).isEqualTo("daily-renamed");
        assertThat(store.find(PROJECT, DAILY)).contains(updated);
        assertThatThrownBy(() -> store.update(PROJECT, DAILY, policy -> policy("x", "1d5e0a1c-1111-4222-8333-444455556666")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDeletedPolicyIsGoneAndUnknownPoliciesAre404Csbs3000() {
        store.delete(PROJECT, DAILY);

        assertThat(store.find(PROJECT, DAILY)).isEmpty();
        assertCsbsError(() -> store.delete(PROJECT, DAILY), 404, "CSBS.3000");
        assertCsbsError(() -> store.update(PROJECT, DAILY, policy -> policy), 404, "CSBS.3000");
        assertCsbsError(() -> store.delete(OTHER_PROJECT, "6a6cda7e-7b89-4b14-8e5c-3b6821a97d2c"), 404, "CSBS.3000");
    }

    @Test
    void namesAreUniqueInAProjectCsbs9007() {
        assertCsbsError(() -> store.create(PROJECT, policy("daily", "0d5e0a1c-1111-4222-8333-444455556666")), 400, "CSBS.9007");
        assertCsbsError(() -> store.update(PROJECT, DAILY, policy -> withName(policy, "backup")), 400, "CSBS.9007");
        store.update(PROJECT, DAILY, policy -> withName(policy, "daily")); // its own name is no conflict
        store.create(OTHER_PROJECT, policy("daily", "0d5e0a1c-1111-4222-8333-444455556666")); // another project's is none
    }

    @Test
    void aServerIsInOnePolicyAtMostCsbs6004() {
        BackupDataSet.Policy sharing = new BackupDataSet.Policy("0d5e0a1c-1111-4222-8333-444455556666", "sharing",
                List.of(new BackupDataSet.ProtectedResource(SERVER1, "server1")));

        assertThatThrownBy(() -> store.create(PROJECT, sharing))
                .isInstanceOfSatisfying(CsbsException.class, error -> {
                    assertThat(error.status()).isEqualTo(400);
                    assertThat(error.errorCode()).isEqualTo("CSBS.6004");
                    assertThat(error.errorMsg()).isEqualTo("Server (" + SERVER1 + ") is already in service.");
                });
        assertThat(store.find(PROJECT, sharing.id())).isEmpty();
    }

    @Test
    void isBoundedPerProjectCsbs0001() {
        store.create(PROJECT, policy("p4", UUID.randomUUID().toString()));
        store.create(PROJECT, policy("p5", UUID.randomUUID().toString()));

        assertCsbsError(() -> store.create(PROJECT, policy("p6", UUID.randomUUID().toString())), 400, "CSBS.0001");
        store.delete(PROJECT, DAILY);
        store.create(PROJECT, policy("p6", UUID.randomUUID().toString()));
        assertThatThrownBy(() -> new PolicyStore(dataSet, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resetGoesBackToTheStartUpPolicies() {
        store.delete(PROJECT, DAILY);
        store.create(PROJECT, policy("weekly", "0d5e0a1c-1111-4222-8333-444455556666"));

        dataSet.reset();

        assertThat(store.find(PROJECT, DAILY)).isPresent();
        assertThat(store.find(PROJECT, "0d5e0a1c-1111-4222-8333-444455556666")).isEmpty();
    }

    @Test
    void concurrentCreatesUpdatesAndDeletesLoseNothing() throws Exception {
        PolicyStore roomy = new PolicyStore(dataSet, 10_000);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<List<String>>> kept = new ArrayList<>();
        try {
            for (int thread = 0; thread < 8; thread++) {
                int t = thread;
                kept.add(threads.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        BackupDataSet.Policy created = roomy.create(PROJECT, policy("t" + t + "-" + i, UUID.randomUUID().toString()));
                        roomy.update(PROJECT, created.id(), policy -> withName(policy, policy.name() + "-updated"));
                        if (i % 2 == 0) {
                            roomy.delete(PROJECT, created.id());
                        } else {
                            mine.add(created.id());
                        }
                    }
                    return mine;
                }));
            }
            List<String> expected = new ArrayList<>();
            for (Future<List<String>> future : kept) {
                expected.addAll(future.get());
            }
            List<BackupDataSet.Policy> policies = dataSet.get().project(PROJECT).orElseThrow().policies();
            assertThat(policies).hasSize(3 + 8 * 100);
            assertThat(expected).allSatisfy(id -> assertThat(roomy.find(PROJECT, id)).get()
                    .extracting(BackupDataSet.Policy::name).asString().endsWith("-updated"));
        } finally {
            threads.shutdownNow();
        }
    }

    private static BackupDataSet.Policy policy(String name, String id) {
        return new BackupDataSet.Policy(id, name, List.of());
    }

    private static BackupDataSet.Policy withName(BackupDataSet.Policy policy, String name) {
        return new BackupDataSet.Policy(policy.id(), name, policy.description(), policy.status(), policy.createdAt(),
                policy.resources(), policy.scheduledOperations(), policy.tags());
    }

    private static void assertCsbsError(Runnable call, int status, String errorCode) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CsbsException.class, error -> {
            assertThat(error.status()).isEqualTo(status);
            assertThat(error.errorCode()).isEqualTo(errorCode);
        });
    }
}
