package com.example.csbs.stub.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.StubServer;
import com.example.csbs.stub.data.BackupDataSet;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Delays asked for at start-up or per request: honoured, per operation, and holding no thread. */
class ResponseDelayTest {

    private static final String PROJECT = "b942cc8342734d15bcb246babb1953cf";
    private static final String POLICIES = "v1/" + PROJECT + "/policies";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void twoThousandConcurrentRequestsDelayedASecondAreAllAnsweredInAboutASecond() throws Exception {
        int requests = 2_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        String list = "GET /" + POLICIES + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: csbs-demo-token\r\n";
        try (StubServer stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault());
             RawBurst clients = new RawBurst(stub.baseUri(), requests)) {
            // Undelayed first, on the same connections: both sides warm up, so that what is measured next is the delay.
            long[] undelayed = RawBurst.sortedMillis(answeredWithPolicies(clients.send(list + "\r\n", 60_000)));
            System.gc();
            long heapBefore = memory.getHeapMemoryUsage().getUsed();

            long[] delayed = RawBurst.sortedMillis(answeredWithPolicies(clients.send(list + "Prefer: delay=1s\r\n\r\n", 60_000)));
            System.gc();
            long heapGrowthMb = (memory.getHeapMemoryUsage().getUsed() - heapBefore) >> 20;
            System.out.printf("%d concurrent requests delayed 1 s each: answered after %d ms (median), %d ms (last);"
                    + " undelayed: %d ms (median), %d ms (last); heap after GC %+d MB%n", requests,
                    delayed[requests / 2], delayed[requests - 1], undelayed[requests / 2], undelayed[requests - 1], heapGrowthMb);

            assertThat(delayed[0]).as("the first answer").isGreaterThanOrEqualTo(1_000L);
            // Held on threads (the stub has a few dozen workers), the last would come after a minute.
            assertThat(delayed[requests - 1]).as("the last answer").isLessThan(5_000L);
            assertThat(heapGrowthMb).isLessThan(64);
        }
    }

    private static List<RawBurst.Answer> answeredWithPolicies(List<RawBurst.Answer> answers) throws Exception {
        for (RawBurst.Answer answer : answers) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).path("policies").size()).isGreaterThan(0);
        }
        return answers;
    }

    @Test
    void aRequestMayAskForItsOwnDelayAndTheOperationsKeepTheirs() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (StubServer stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault(),
                StubOptions.defaults().withLatency(Latency.parse(List.of("300ms", "getBackupPolicy=0"))))) {
            URI policies = stub.baseUri().resolve(POLICIES);
            assertThat(timed(http, get(policies))).as("every operation: 300ms").isGreaterThanOrEqualTo(300);
            assertThat(timed(http, get(policies).header("Prefer", "delay=700ms"))).as("asked for").isGreaterThanOrEqualTo(700);
            assertThat(timed(http, get(policies).header("Prefer", "return=minimal, delay=400ms..500ms")))
                    .as("a range").isGreaterThanOrEqualTo(400);
            URI policy = stub.baseUri().resolve(POLICIES + "/62171999-3df1-42f7-9513-6f9b1bea4744");
            assertThat(http.send(get(policy).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anInvalidDelayIsAnswered400WithTheCsbsBody() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (StubServer stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault())) {
            for (String delay : List.of("soon", "5", "-1s", "2m", "800ms..100ms", "1s..")) {
                HttpResponse<String> response = http.send(get(stub.baseUri().resolve(POLICIES))
                        .header("Prefer", "delay=" + delay).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(delay).isEqualTo(400);
                assertThat(JSON.readTree(response.body())).as(delay).isEqualTo(JSON.readTree("{\"error_code\": \"CSBS.9001\","
                        + " \"error_msg\": \"Parameter verification failed: Prefer: delay must be a duration like 800ms"
                        + " or a range like 100ms..800ms, at most 60s\"}"));
            }
        }
    }

    @Test
    void startUpSettingsAreChecked() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Latency.parse(List.of("listBackup=1s")))
                .hasMessageContaining("no operation 'listBackup'").hasMessageContaining("listBackups");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Latency.parse(List.of("2m")))
                .hasMessageContaining("at most 60s");
        assertThat(Latency.parse(List.of("100ms..800ms", "executeBackupPolicy=1s")).of("executeBackupPolicy"))
                .isEqualTo(new DelayRange(Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertThat(Latency.parse(List.of("100ms..800ms")).of("listBackups"))
                .isEqualTo(new DelayRange(Duration.ofMillis(100), Duration.ofMillis(800)));
    }

    private static HttpRequest.Builder get(URI uri) {
        return HttpRequest.newBuilder(uri).header("X-Auth-Token", "csbs-demo-token");
    }

    private static long timed(HttpClient http, HttpRequest.Builder request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
