package com.example.csbs.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.stub.backup.BackupLifecycle;
import com.example.csbs.stub.backup.BackupResource;
import com.example.csbs.stub.backup.BackupStore;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.policy.PolicyResource;
import com.example.csbs.stub.http.FaultInjection;
import com.example.csbs.stub.http.IamTokenFilter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 64 clients creating 1,000 checkpoints each at once: every one answered, every id its own, none lost. */
class ConcurrentCreatesTest {

    private static final int THREADS = 64;
    private static final int CREATES_PER_THREAD = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a lost request must fail the build, not hang it
    void answersEveryCreateAndKeepsEveryCheckpoint() throws Exception {
        BackupDataSet dataSet = BackupDataSet.embeddedDefault();
        BackupStore store = new BackupStore(THREADS * CREATES_PER_THREAD, Clock.systemUTC(), BackupLifecycle.defaults());
        Set<UUID> ids = ConcurrentHashMap.newKeySet();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(THREADS);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        try (StubServer stub = StubServer.start("127.0.0.1", 0,
                new StubApplication(dataSet, new BackupResource(dataSet, store, StubOptions.defaults()), new PolicyResource(dataSet),
                        FaultInjection.onRequest()))) {
            HttpRequest create = HttpRequest.newBuilder(URI.create(stub.baseUri() + "/v1/b942cc8342734d15bcb246babb1953cf"
                            + "/providers/" + BackupResource.CSBS_PROVIDER_ID + "/checkpoints"))
                    .timeout(Duration.ofSeconds(30))
                    .header(IamTokenFilter.TOKEN_HEADER, "csbs-demo-token")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"checkpoint\": {\"plan_id\":"
                            + " \"62171999-3df1-42f7-9513-6f9b1bea4744\", \"parameters\": {}}}"))
                    .build();
            List<Future<?>> workers = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                workers.add(clients.submit(() -> {
                    for (int i = 0; i < CREATES_PER_THREAD; i++) {
                        HttpResponse<String> response = http.send(create, HttpResponse.BodyHandlers.ofString());
                        statuses.computeIfAbsent(response.statusCode(), status -> new AtomicInteger()).incrementAndGet();
                        if (response.statusCode() == 200) {
                            ids.add(UUID.fromString(JSON.readTree(response.body()).path("checkpoint").path("id").asText()));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(); // rethrows a client's failure
            }
        } finally {
            clients.shutdownNow();
        }

        int total = THREADS * CREATES_PER_THREAD;
        assertThat(statuses).containsOnlyKeys(200);
        assertThat(statuses.get(200).get()).isEqualTo(total);
        assertThat(ids).hasSize(total);
        assertThat(store.checkpointCount()).isEqualTo(total);
        assertThat(ids).allSatisfy(id -> assertThat(store.findCheckpoint("b942cc8342734d15bcb246babb1953cf", id)).isPresent());
        assertThat(store.select(view -> true)).hasSize(2 * total); // the policy's two resources, one backup each
    }
}
