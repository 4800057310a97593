package com.example.csbs.contract.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.contract.CsbsSpec;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the checker refuses to send: it is the safety net of a read-only run (no execution, creation or backup), and
 * of the lifecycle's deletions, changes and restorations (only of what the run made).
 */
class GuardTest {

    private static final String POLICY = "62171999-3df1-42f7-9513-6f9b1bea4744";
    private static final String CHECKPOINT = "f672a1bb-6912-446a-816c-72792c5263e0";
    private static final String BACKUP = "90c1d5fa-1b9f-4aeb-b2f4-81c806e98190";
    private static final String RESOURCE = "1c960fe4-e679-421a-97cd-4f7463d2344b";
    private static final String UNKNOWN = "5b1e3f0c-0000-4000-8000-000000000000";
    private static final String EXECUTE = "/v1/p/providers/" + CsbsSpec.PROVIDER_ID + "/checkpoints";
    private static final CsbsSpec SPEC = CsbsSpec.fromClasspath();

    private final ServiceClient service = new ServiceClient(URI.create("http://127.0.0.1:9"), "t0ken-of-the-test", Duration.ofSeconds(1),
            RateLimiter.unlimited());
    private CheckRun readOnly;
    private CheckRun lifecycle;

    @BeforeEach
    void holdAPolicyAndACheckpoint() throws IOException {
        readOnly = run(false);
        lifecycle = run(true);
    }

    @Test
    void aReadOnlyRunExecutesNoPolicyTheServiceHoldsInAnySpelling() {
        for (String spelling : List.of(POLICY, POLICY.toUpperCase(), "{" + POLICY + "}", POLICY.replace("-", ""))) {
            assertThat(ContractCheck.refusal(readOnly, "other", execution(spelling)))
                    .isEqualTo("it would execute the backup policy 621719993df142f795136f9b1bea4744 in a read-only run");
        }
        assertThat(ContractCheck.refusal(readOnly, "62171999-3df1-42f7-9513-000000000000".replace("-", ""),
                execution("62171999-3DF1-42F7-9513-000000000000"))).startsWith("it would execute");
        assertThat(ContractCheck.refusal(readOnly, "other", execution("5b1e3f0c-0000-4000-8000-000000000000"))).isNull();
        assertThat(ContractCheck.refusal(readOnly, "other", service.post(EXECUTE, "{\"checkpoint\": {"))).isNull();
    }

    @Test
    void theLifecycleExecutesItsPolicy() {
        assertThat(ContractCheck.refusal(lifecycle, "other", execution(POLICY))).isNull();
    }

    @Test
    void noRunDeletesACheckpointItDidNotMake() {
        assertThat(ContractCheck.refusal(lifecycle, "other", deletion(CHECKPOINT.toUpperCase())))
                .isEqualTo("it would delete the checkpoint f672a1bb6912446a816c72792c5263e0, which the run did not make");
        assertThat(ContractCheck.refusal(readOnly, "other", deletion("5b1e3f0c-0000-4000-8000-000000000000"))).isNull();

        lifecycle.created.add(CHECKPOINT);

        assertThat(ContractCheck.refusal(lifecycle, "other", deletion(CHECKPOINT))).isNull();
    }

    @Test
    void aReadOnlyRunCreatesNoPolicyAndBacksUpNothing() {
        String policies = "/v1/p/policies";
        String protect = "/v1/p/providers/" + CsbsSpec.PROVIDER_ID + "/resources/" + RESOURCE + "/action";
        String create = SPEC.requestExample("createBackupPolicy", null).toString();
        String backup = SPEC.requestExample("backupResource", null).toString();

        assertThat(ContractCheck.refusal(readOnly, "other", service.post(policies, create)))
                .isEqualTo("it would create a backup policy in a read-only run");
        assertThat(ContractCheck.refusal(readOnly, "other", service.post(policies, "{}")))
                .isEqualTo("it would create a backup policy in a read-only run");
        assertThat(ContractCheck.refusal(readOnly, "other", service.post(protect, backup)))
                .isEqualTo("it would back up a resource in a read-only run");
        // A body that is no JSON makes nothing, whatever the service does with it.
        assertThat(ContractCheck.refusal(readOnly, "other", service.post(policies, "{\"policy\": {"))).isNull();
        assertThat(ContractCheck.refusal(readOnly, "other", service.post(protect, "{\"protect\": {"))).isNull();
        assertThat(ContractCheck.refusal(lifecycle, "other", service.post(policies, create))).isNull();
        assertThat(ContractCheck.refusal(lifecycle, "other", service.post(protect, backup))).isNull();
    }

    @Test
    void readsOfTheNewOperationsAreAllowed() {
        String capability = "/v1/p/providers/" + CsbsSpec.PROVIDER_ID + "/resources/action";

        assertThat(ContractCheck.refusal(readOnly, "other", service.post(capability,
                SPEC.requestExample("checkResourceCapability", null).toString()))).isNull();
        assertThat(ContractCheck.refusal(readOnly, "other", service.get("/v1/p/quotas", Map.of()))).isNull();
    }

    @Test
    void noRunChangesOrDeletesAPolicyItDidNotCreate() {
        String update = SPEC.requestExample("updateBackupPolicy", null).toString();
        for (CheckRun run : List.of(readOnly, lifecycle)) {
            for (String spelling : List.of(POLICY, POLICY.toUpperCase(), POLICY.replace("-", ""))) {
                assertThat(ContractCheck.refusal(run, "other", service.put("/v1/p/policies/" + spelling, update)))
                        .isEqualTo("it would change the backup policy 621719993df142f795136f9b1bea4744, which the run did not create");
                assertThat(ContractCheck.refusal(run, "other", service.delete("/v1/p/policies/" + spelling, Map.of())))
                        .isEqualTo("it would delete the backup policy 621719993df142f795136f9b1bea4744, which the run did not create");
            }
            // The lifecycle's plan, even where the service's listing did not show it.
            assertThat(ContractCheck.refusal(run, "5b1e3f0c000040008000000000000000",
                    service.delete("/v1/p/policies/5b1e3f0c-0000-4000-8000-000000000000", Map.of()))).startsWith("it would delete");
            assertThat(ContractCheck.refusal(run, "other", service.delete("/v1/p/policies/" + UNKNOWN, Map.of()))).isNull();
        }

        lifecycle.createdPolicies.add(POLICY);

        assertThat(ContractCheck.refusal(lifecycle, "other", service.put("/v1/p/policies/" + POLICY, update))).isNull();
        assertThat(ContractCheck.refusal(lifecycle, "other", service.delete("/v1/p/policies/" + POLICY, Map.of()))).isNull();
    }

    @Test
    void noRunRestoresABackupTheServiceHeldBeforeIt() {
        for (CheckRun run : List.of(readOnly, lifecycle)) {
            assertThat(ContractCheck.refusal(run, "other", restoration(CHECKPOINT, UNKNOWN)))
                    .startsWith("it would restore a backup the service held before the run");
            assertThat(ContractCheck.refusal(run, "other", restoration(UNKNOWN, BACKUP.toUpperCase())))
                    .startsWith("it would restore a backup the service held before the run");
            assertThat(ContractCheck.refusal(run, "other", restoration(UNKNOWN, "5b1e3f0c-0000-4000-8000-000000000001"))).isNull();
        }
    }

    private Call restoration(String checkpoint, String backup) {
        ObjectNode body = SPEC.requestExample("createRestoration", null);
        ((ObjectNode) body.path("restore")).put("checkpoint_id", checkpoint);
        ((ObjectNode) body.at("/restore/parameters")).put("checkpoint_item_id", backup);
        return service.post("/v1/p/restores", body.toString());
    }

    private CheckRun run(boolean withLifecycle) throws IOException {
        CheckRun run = new CheckRun(SPEC, null, service, new CheckOptions("p", null, List.of(), withLifecycle, 0, 0,
                Duration.ofMinutes(1), Duration.ZERO, Duration.ofMinutes(1)), 1, result -> { });
        ObjectMapper json = new ObjectMapper();
        run.holdings.addPolicies(json.readTree("{\"policies\": [{\"id\": \"" + POLICY + "\"}]}"));
        run.holdings.addBackups(json.readTree("{\"checkpoint_items\": [{\"id\": \"" + BACKUP + "\","
                + " \"checkpoint_id\": \"" + CHECKPOINT + "\", \"status\": \"available\"}]}"));
        return run;
    }

    private Call execution(String plan) {
        return service.post(EXECUTE, "{\"checkpoint\": {\"plan_id\": \"" + plan + "\", \"parameters\": {}}}");
    }

    private Call deletion(String checkpoint) {
        return service.delete(EXECUTE + "/" + checkpoint, Map.of());
    }
}
