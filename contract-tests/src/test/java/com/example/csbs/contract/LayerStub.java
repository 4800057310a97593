package com.example.csbs.contract;

import static com.example.csbs.contract.Contract.PROJECT_ID;
import static com.example.csbs.contract.Contract.TOKEN;

import com.example.csbs.client.ApiClient;
import com.example.csbs.client.model.CheckpointParam;
import com.example.csbs.client.model.CheckpointReq;
import com.example.csbs.client.model.ExecuteBackupPolicyRequest;
import com.example.csbs.client.sdk.Csbs;
import com.example.csbs.client.sdk.Retries;
import com.example.csbs.client.sdk.Waiting;
import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.StubServer;
import com.example.csbs.stub.admin.StubControl;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.journal.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.threeten.extra.MutableClock;

/**
 * A stub on a clock the test moves, and the layer on the same clock: the layer's sleeper moves the clock
 * instead of sleeping, so waits and backoffs take no time, and every pause is recorded.
 */
final class LayerStub implements AutoCloseable {

    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    static final String DAILY = "62171999-3df1-42f7-9513-6f9b1bea4744";     // two servers
    static final String FAILING = "0b7e8f2a-5c3d-4e1f-9a6b-8c7d6e5f4a3b";   // a server whose backups fail
    static final String BROKEN_REASON =
            "No volume attached to the server (e3d2c1b0-a9f8-4e7d-8c6b-5a4f3e2d1c0b) for protect.";

    final MutableClock clock = MutableClock.of(T0, ZoneOffset.UTC);
    final StubControl control = new StubControl();
    final StubServer stub;
    final List<Duration> pauses = new ArrayList<>();

    LayerStub(UnaryOperator<StubOptions> options) {
        stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault(),
                options.apply(StubOptions.defaults().withClock(clock).withControl(control)));
    }

    /** The layer over a fresh ApiClient with the demo token, on the stub's clock, retrying so. */
    Csbs csbs(Retries retries, Waiting waiting) {
        return Csbs.builder(apiClient(TOKEN))
                .retries(retries)
                .waiting(waiting)
                .clock(clock)
                .sleeper(pause -> {
                    pauses.add(pause);
                    clock.add(pause);
                })
                .random(RandomGenerator.of("L64X128MixRandom"))
                .build();
    }

    ApiClient apiClient(String token) {
        ApiClient client = new ApiClient();
        client.setBasePath(stub.baseUri().toString());
        client.setApiKey(token);
        return client;
    }

    UUID execute(Csbs csbs, String policyId) throws Exception {
        return csbs.backups().executeBackupPolicy(PROJECT_ID, Csbs.PROVIDER_ID, new ExecuteBackupPolicyRequest()
                        .checkpoint(new CheckpointReq().planId(UUID.fromString(policyId))
                                .parameters(new CheckpointParam().autoTrigger(false))))
                .getCheckpoint().getId();
    }

    /** The requests the stub received, oldest first, that match. */
    List<RecordedRequest> requests(Predicate<RecordedRequest> which) {
        return control.journal().requests().stream().filter(which).toList();
    }

    static Predicate<RecordedRequest> listBackups() {
        return request -> request.method().equals("GET") && request.path().endsWith("/checkpoint_items");
    }

    static Predicate<RecordedRequest> listPolicies() {
        return request -> request.method().equals("GET") && request.path().endsWith("/policies");
    }

    static Predicate<RecordedRequest> method(String method) {
        return request -> request.method().equals(method);
    }

    @Override
    public void close() {
        stub.close();
    }
}
