package com.example.csbs.contract;

import static com.example.csbs.contract.Contract.PROJECT_ID;
import static com.example.csbs.contract.LayerStub.DAILY;
import static com.example.csbs.contract.LayerStub.listBackups;
import static com.example.csbs.contract.LayerStub.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.example.csbs.client.ApiClient;
import com.example.csbs.client.model.BackupResourceRequest;
import com.example.csbs.client.sdk.CallTimeoutException;
import com.example.csbs.client.sdk.Csbs;
import com.example.csbs.client.sdk.CsbsConnectionException;
import com.example.csbs.client.sdk.InternalServerErrorException;
import com.example.csbs.client.sdk.Retries;
import com.example.csbs.client.sdk.ServiceUnavailableException;
import com.example.csbs.client.sdk.Waiting;
import com.example.csbs.stub.http.FaultInjection;
import com.example.csbs.stub.journal.RecordedRequest;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The layer's retries against the stub's failures: {@code Prefer: status=503} and {@code --failure-rate}
 * ({@code StubOptions.withFaults}), a closed port and a slow answer; every attempt counted in the stub's
 * journal, every backoff on the test's clock. Calls the spec marks not safe to repeat are sent once.
 */
class LayerRetriesTest {

    private static final Retries FOUR_ATTEMPTS = Retries.standard().withMaxAttempts(4).withTotalTime(Duration.ofMinutes(1))
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void retriesAnIdempotentCallOn503UpToItsAttemptsWithGrowingJitteredBackoff() throws Exception {
        try (LayerStub stub = new LayerStub(options -> options)) {
            Csbs csbs = stub.csbs(FOUR_ATTEMPTS, Waiting.standard());
            csbs.apiClient().addDefaultHeader("Prefer", "status=503");

            ServiceUnavailableException failed = catchThrowableOfType(ServiceUnavailableException.class,
                    () -> csbs.backups().listBackups(PROJECT_ID).execute());

            assertThat(failed.attempts()).isEqualTo(4);
            assertThat(failed.errorCode()).hasValue("CSBS.9998");
            assertThat(stub.requests(listBackups())).hasSize(4).allSatisfy(request -> assertThat(request.status()).isEqualTo(503));
            // Full jitter: each pause at most 100 ms * 2^(retry-1), capped at 1 s.
            assertThat(stub.pauses).hasSize(3);
            assertThat(stub.pauses.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
            assertThat(stub.pauses.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(200));
            assertThat(stub.pauses.get(2)).isBetween(Duration.ZERO, Duration.ofMillis(400));
            assertThat(stub.pauses).as("jittered, not all equal").doesNotHaveDuplicates();
        }
    }

    @Test
    void neverRepeatsACallThatIsNotSafeToRepeat() throws Exception {
        try (LayerStub stub = new LayerStub(options -> options)) {
            Csbs csbs = stub.csbs(FOUR_ATTEMPTS, Waiting.standard());
            csbs.apiClient().addDefaultHeader("Prefer", "status=503");

            assertThat(catchThrowableOfType(ServiceUnavailableException.class, () -> stub.execute(csbs, DAILY)).attempts()).isOne();
            assertThat(catchThrowableOfType(ServiceUnavailableException.class, () -> csbs.policies()
                    .createBackupPolicy(PROJECT_ID, LayerWaitersTest.scheduledPolicy())).attempts()).isOne();
            assertThat(catchThrowableOfType(ServiceUnavailableException.class, () -> csbs.resources().backupResource(
                    PROJECT_ID, Csbs.PROVIDER_ID, UUID.fromString("7a32a8b5-7977-4e24-b5da-e0eb457db75b"),
                    new BackupResourceRequest())).attempts()).isOne();
            assertThat(stub.requests(method("POST"))).hasSize(3);
            assertThat(stub.pauses).isEmpty();

            // The same stub, the same header: a deletion (safe to repeat) is retried.
            assertThat(catchThrowableOfType(ServiceUnavailableException.class, () -> csbs.backups()
                    .deleteBackup(PROJECT_ID, Csbs.PROVIDER_ID, UUID.randomUUID(), null)).attempts()).isEqualTo(4);
            assertThat(stub.requests(method("DELETE"))).hasSize(4);
        }
    }

    @Test
    void everyIdempotentCallSucceedsUnderAFailureRateAndNoExecutionIsRepeated() throws Exception {
        try (LayerStub stub = new LayerStub(options -> options.withFaults(new FaultInjection(0.5, 503)))) {
            Csbs csbs = stub.csbs(Retries.standard().withMaxAttempts(25).withTotalTime(Duration.ofHours(1)), Waiting.standard());

            for (int i = 0; i < 30; i++) {
                csbs.backups().listBackups(PROJECT_ID).execute();   // throws if one call failed 25 times
            }
            List<RecordedRequest> listings = stub.requests(listBackups());
            long failed = listings.stream().filter(request -> request.status() == 503).count();
            assertThat(listings).hasSize(30 + (int) failed);
            assertThat(failed).as("about half of the requests failed").isBetween(5L, 200L);
            assertThat(stub.pauses).hasSize((int) failed);

            int executions = 40;
            int succeeded = 0;
            for (int i = 0; i < executions; i++) {
                try {
                    stub.execute(csbs, DAILY);
                    succeeded++;
                } catch (ServiceUnavailableException e) {
                    assertThat(e.attempts()).isOne();
                }
            }
            assertThat(stub.requests(method("POST"))).as("each execution sent once").hasSize(executions);
            assertThat(succeeded).isBetween(5, 35);
            assertThat(stub.requests(method("POST")).stream().filter(request -> request.status() == 200)).hasSize(succeeded);
        }
    }

    @Test
    void stopsRetryingWhenTheTotalTimeIsUp() throws Exception {
        try (LayerStub stub = new LayerStub(options -> options)) {
            Retries slow = new Retries(100, Duration.ofSeconds(10), Duration.ofSeconds(4), Duration.ofSeconds(4));
            Csbs csbs = stub.csbs(slow, Waiting.standard());
            csbs.apiClient().addDefaultHeader("Prefer", "status=500");

            InternalServerErrorException failed = catchThrowableOfType(InternalServerErrorException.class,
                    () -> csbs.quotas().listQuotas(PROJECT_ID));

            // Pauses of up to 4 s within 10 s: far fewer than 100 attempts, and none started after 10 s.
            assertThat(failed.attempts()).isBetween(2, 99).isEqualTo(stub.requests(method("GET")).size());
            assertThat(stub.pauses.stream().reduce(Duration.ZERO, Duration::plus)).isLessThanOrEqualTo(Duration.ofSeconds(10));
            assertThat(stub.requests(method("GET"))).allSatisfy(request ->
                    assertThat(request.receivedAt()).isBeforeOrEqualTo(LayerStub.T0.plusSeconds(10)));
        }
    }

    @Test
    void retriesAConnectionErrorOfAnIdempotentCallOnlyAndSaysThatNoAnswerCame() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        List<Duration> pauses = new java.util.ArrayList<>();
        Csbs csbs = Csbs.builder(URI.create("http://127.0.0.1:" + closedPort), Contract.TOKEN)
                .retries(FOUR_ATTEMPTS).sleeper(pauses::add).build();

        CsbsConnectionException refused = catchThrowableOfType(CsbsConnectionException.class,
                () -> csbs.backups().getBackup(PROJECT_ID, UUID.randomUUID()));
        assertThat(refused.attempts()).isEqualTo(4);
        assertThat(refused.status()).isZero();
        assertThat(refused.getCause()).isInstanceOf(java.net.ConnectException.class);
        assertThat(pauses).hasSize(3);

        CsbsConnectionException notRepeated = catchThrowableOfType(CsbsConnectionException.class,
                () -> csbs.restores().createRestoration(PROJECT_ID, new com.example.csbs.client.model.CreateRestorationRequest()));
        assertThat(notRepeated.attempts()).isOne();
        assertThat(pauses).hasSize(3);
    }

    @Test
    void aCallThatTakesLongerThanItsTimeoutFailsWithoutWaitingForTheAnswer() throws Exception {
        try (LayerStub stub = new LayerStub(options -> options)) {
            ApiClient slow = stub.apiClient(Contract.TOKEN);
            slow.addDefaultHeader("Prefer", "delay=5s");
            Csbs csbs = Csbs.builder(slow).retries(Retries.none()).build();

            long started = System.nanoTime();
            CallTimeoutException timedOut = catchThrowableOfType(CallTimeoutException.class,
                    () -> csbs.withCallTimeout(Duration.ofMillis(300)).backups().countBackups(PROJECT_ID).execute());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(timedOut.operationId()).isEqualTo("countBackups");
            assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofSeconds(4));
            // The timeout is the call's: the same layer without it waits for the delayed answer.
            slow.addDefaultHeader("Prefer", "delay=500ms");
            assertThat(csbs.backups().countBackups(PROJECT_ID).execute().getCount()).isZero();
        }
    }

    @Test
    void theLayerFollowsTheSpecsIdempotenceOfEveryOperation() {
        Map<String, Boolean> idempotent = new java.util.TreeMap<>();
        Csbs.over(new ApiClient()).spec().operations().forEach((id, operation) -> idempotent.put(id, operation.idempotent()));
        // 26 operations: spec 1.4.0's twelve tag operations are each safe to repeat (the pages call them idempotent).
        assertThat(idempotent).hasSize(26)
                .containsEntry("addPolicyTag", true).containsEntry("batchUpdateBackupTags", true)
                .containsEntry("deleteBackupTag", true).containsEntry("queryPoliciesByTags", true)
                .containsEntry("executeBackupPolicy", false).containsEntry("backupResource", false)
                .containsEntry("createBackupPolicy", false).containsEntry("createRestoration", false)
                .containsEntry("listBackups", true).containsEntry("deleteBackup", true)
                .containsEntry("updateBackupPolicy", true).containsEntry("checkResourceCapability", true);
        assertThat(idempotent.entrySet().stream().filter(Map.Entry::getValue)).hasSize(22);
    }

}
