package com.example.csbs.contract;

import static com.example.csbs.contract.Contract.OTHER_PROJECT_TOKEN;
import static com.example.csbs.contract.Contract.PROJECT_ID;
import static com.example.csbs.contract.Contract.PROVIDER_ID;
import static com.example.csbs.contract.Contract.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.example.csbs.client.ApiClient;
import com.example.csbs.client.ApiException;
import com.example.csbs.client.ApiResponse;
import com.example.csbs.client.api.BackupApi;
import com.example.csbs.client.api.QuotaApi;
import com.example.csbs.client.api.ResourceApi;
import com.example.csbs.client.api.RestoreApi;
import com.example.csbs.client.model.BackupResourceRequest;
import com.example.csbs.client.model.BackupResourceResponse;
import com.example.csbs.client.model.CheckResp;
import com.example.csbs.client.model.CheckpointItem;
import com.example.csbs.client.model.CheckpointItemExtendInfo;
import com.example.csbs.client.model.CheckpointResp;
import com.example.csbs.client.model.CreateRestorationRequest;
import com.example.csbs.client.model.CreateRestorationResponse;
import com.example.csbs.client.model.ErrorResp;
import com.example.csbs.client.model.ListQuotasResponse;
import com.example.csbs.client.model.ProtectParam;
import com.example.csbs.client.model.ProtectableParam;
import com.example.csbs.client.model.QuotaResources;
import com.example.csbs.client.model.ResourceCapabilityRequest;
import com.example.csbs.client.model.ResourceCapabilityResponse;
import com.example.csbs.client.model.RestorableParam;
import com.example.csbs.client.model.RestorableTarget;
import com.example.csbs.client.model.RestoreParam;
import com.example.csbs.client.model.RestoreReq;
import com.example.csbs.client.model.RestoreTarget;
import com.example.csbs.client.model.RestoreVolumeMapping;
import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.StubServer;
import com.example.csbs.stub.admin.StubControl;
import com.example.csbs.stub.data.BackupDataSet;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/**
 * One server's backup and restore through the generated client, on a stub whose clock the test moves:
 * check protectable, back it up, read the backup by the id the answer carries (as a backup and as a
 * checkpoint), wait until available, check restorable, restore (waiting_restore, restoring, available),
 * delete, gone; quotas rising and falling with the backups; the failures a test can set (a refused
 * server, a refused target, a failed restore, a quota). Every exchange is checked against the spec.
 */
class ResourceLifecycleTest {

    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private static final Duration BACKUP_DURATION = Duration.ofSeconds(10);
    private static final Duration DELETE_DURATION = Duration.ofSeconds(2);
    private static final Duration RESTORE_DURATION = Duration.ofSeconds(20);
    private static final DateTimeFormatter PAGE_STYLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final String SERVER_TYPE = "OS::Nova::Server";

    /** A server no policy and no data set knows (the page's example): accepted, as CSBS backs up any server. */
    private static final String NEW_SERVER = "9506416d-db6c-406e-8bca-c0f43793d914";
    /** Where a backup is restored to: another server of the project, also unknown to the data set. */
    private static final String TARGET = "f45c477a-57e5-465f-999f-d845083962db";
    private static final String TARGET_VOLUME = "ee27f809-6fb5-40ae-ac46-c932bb4ee8fe";
    private static final String REFUSED_SERVER = "3f1e2d3c-4b5a-4678-9abc-def012345678";
    private static final String REFUSED_MSG = "Server (" + REFUSED_SERVER + ") status (error) is not allowed to protect.";
    private static final String REFUSED_TARGET = "6c5b4a39-2817-4e6f-8d7c-1b2a3c4d5e6f";

    private MutableClock clock;
    private StubServer stub;
    private StubControl control;
    private ExchangeLog wire;
    private ResourceApi resources;
    private RestoreApi restores;
    private BackupApi backups;
    private QuotaApi quotas;

    @BeforeEach
    void startStub() {
        clock = MutableClock.of(T0, ZoneOffset.UTC);
        wire = new ExchangeLog();
        control = new StubControl();
        stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault(), StubOptions.defaults().withClock(clock)
                .withBackupDuration(BACKUP_DURATION).withDeleteDuration(DELETE_DURATION)
                .withRestoreDuration(RESTORE_DURATION).withControl(control));
        ApiClient client = client(TOKEN);
        resources = new ResourceApi(client);
        restores = new RestoreApi(client);
        backups = new BackupApi(client);
        quotas = new QuotaApi(client);
    }

    @AfterEach
    void stopStubAndCheckTheTraffic() {
        try {
            wire.assertAllValid();
        } finally {
            stub.close();
        }
    }

    // ---------------------------------------------------------------- the whole lifecycle

    @Test
    void checksBacksUpWaitsChecksRestoresWaitsDeletesAndSeesItGone() throws ApiException {
        assertQuotas(0, 0);

        // Protectable? An unknown server is.
        ApiResponse<ResourceCapabilityResponse> checked = resources.checkResourceCapabilityWithHttpInfo(PROJECT_ID, PROVIDER_ID,
                new ResourceCapabilityRequest().addCheckProtectableItem(new ProtectableParam()
                        .resourceId(UUID.fromString(NEW_SERVER)).resourceType(SERVER_TYPE)));
        assertOk(checked);
        assertThat(wire.last().responseJson()).isEqualTo(checks("protectable", check(NEW_SERVER, true, "", "")));
        assertThat(checked.getData().getProtectable()).singleElement().extracting(CheckResp::getResult).isEqualTo(true);
        assertThat(checked.getData().getRestorable()).isNull();

        // Back it up, with the page's example body.
        BackupResourceRequest protect = PolicyLifecycleTest.fromJson(PolicyLifecycleTest.specExample("backup_resource_request"),
                BackupResourceRequest.class);
        ApiResponse<BackupResourceResponse> protectedAnswer = resources.backupResourceWithHttpInfo(PROJECT_ID, PROVIDER_ID,
                UUID.fromString(NEW_SERVER), protect);
        assertOk(protectedAnswer);
        assertThat(Contract.parse(wire.last().requestBody())).isEqualTo(PolicyLifecycleTest.specExample("backup_resource_request"));
        assertThat(wire.last().uri().getRawPath()).isEqualTo("/v1/" + PROJECT_ID + "/providers/" + PROVIDER_ID
                + "/resources/" + NEW_SERVER + "/action");
        JsonNode checkpoint = wire.last().responseJson().get("checkpoint");
        assertThat(Contract.fieldNames(wire.last().responseJson())).containsExactly("checkpoint");
        String id = checkpoint.get("id").asText();
        assertThat(id).matches(Contract.UUID_PATTERN);
        assertProtectAnswer(checkpoint, id, NEW_SERVER);
        CheckpointResp read = protectedAnswer.getData().getCheckpoint();
        assertThat(read.getStatus()).isEqualTo(CheckpointResp.StatusEnum.PROTECTING);
        assertThat(read.getId()).isEqualTo(UUID.fromString(id));

        // The id the answer carries finds the backup both ways: as the backup's id and as its checkpoint_id.
        JsonNode single = getJson(id);
        assertThat(single.get("id").asText()).isEqualTo(id);
        assertThat(single.get("checkpoint_id").asText()).isEqualTo(id);
        assertThat(single.get("resource_id").asText()).isEqualTo(NEW_SERVER);
        assertThat(single.get("status").asText()).isEqualTo("waiting_protect");
        assertThat(single.get("name").asText()).as("the backup_name asked for").isEqualTo("backup");
        assertThat(single.get("description").asText()).isEqualTo("backup des");
        assertThat(single.at("/extend_info/resource_name").asText()).isNotBlank();
        assertThat(single.at("/extend_info/auto_trigger").asBoolean()).isFalse();
        assertThat(listJson(id)).containsExactly(single);
        assertThat(backups.countBackups(PROJECT_ID).checkpointId(UUID.fromString(id)).execute().getCount()).isEqualTo(1);
        assertThat(backups.countBackups(PROJECT_ID).resourceId(UUID.fromString(NEW_SERVER)).execute().getCount()).isEqualTo(1);
        assertQuotas(1, null);

        // Being created: not restorable yet (CSBS.4000), neither by the check nor by a restore.
        List<String> disks = diskBackups(single);
        assertThat(disks).isNotEmpty();
        resources.checkResourceCapability(PROJECT_ID, PROVIDER_ID, restorable(id, TARGET, disks));
        assertThat(wire.last().responseJson().at("/restorable/0/result").asBoolean()).isFalse();
        assertThat(wire.last().responseJson().at("/restorable/0/error_code").asText()).isEqualTo("CSBS.4000");
        assertError(() -> restores.createRestoration(PROJECT_ID, restore(id, id, TARGET, disks)), 400, "CSBS.4000");

        // Available on the clock, as an execution's backups are.
        clock.add(BACKUP_DURATION.dividedBy(2));
        assertThat(getJson(id).get("status").asText()).isEqualTo("protecting");
        assertThat(getJson(id).at("/extend_info/progress").asInt()).isEqualTo(50);
        clock.add(BACKUP_DURATION.dividedBy(2));
        JsonNode available = getJson(id);
        assertThat(available.get("status").asText()).isEqualTo("available");
        assertThat(available.at("/extend_info/progress").asInt()).isEqualTo(100);
        assertThat(available.at("/extend_info/finished_at").asText()).isEqualTo(at(T0.plus(BACKUP_DURATION)));
        int sizeMb = available.at("/extend_info/size").asInt();
        assertThat(sizeMb).isPositive();
        assertQuotas(1, (sizeMb + 1023) / 1024);

        // Restorable now, to the target with every disk backup mapped.
        ApiResponse<ResourceCapabilityResponse> restorable = resources.checkResourceCapabilityWithHttpInfo(PROJECT_ID,
                PROVIDER_ID, restorable(id, TARGET, disks));
        assertOk(restorable);
        assertThat(wire.last().responseJson()).isEqualTo(checks("restorable", check(TARGET, true, "", "")));
        assertThat(restorable.getData().getProtectable()).isNull();

        // Restore: in_progress, then waiting_restore, restoring and available again.
        Instant restoredAt = clock.instant();
        CreateRestorationRequest restore = restore(id, id, TARGET, disks);
        ApiResponse<CreateRestorationResponse> started = restores.createRestorationWithHttpInfo(PROJECT_ID, restore);
        assertOk(started);
        assertThat(wire.last().uri().getRawPath()).isEqualTo("/v1/" + PROJECT_ID + "/restores");
        JsonNode task = wire.last().responseJson().get("restore");
        assertThat(task.get("id").asText()).matches(Contract.UUID_PATTERN);
        ObjectNode expectedTask = JsonNodeFactory.instance.objectNode();
        expectedTask.put("id", task.get("id").asText());
        expectedTask.put("checkpoint_id", id);
        expectedTask.set("parameters", Contract.parse(wire.last().requestBody()).at("/restore/parameters"));
        expectedTask.put("project_id", PROJECT_ID);
        expectedTask.put("provider_id", PROVIDER_ID);
        expectedTask.putObject("resources_reason");
        expectedTask.putObject("resources_status").put(TARGET, "in_progress");
        expectedTask.put("status", "in_progress");
        if (task.has("restore_target")) {
            assertThat(task.get("restore_target").isNull()).as("restore_target, not asked for").isTrue();
            expectedTask.putNull("restore_target");
        }
        assertThat(task).isEqualTo(expectedTask);
        assertThat(started.getData().getRestore().getParameters().getTargets().getServerId()).isEqualTo(UUID.fromString(TARGET));

        assertThat(getJson(id).get("status").asText()).isEqualTo("waiting_restore");
        assertThat(backups.countBackups(PROJECT_ID).status("waiting_restore").execute().getCount()).isEqualTo(1);
        // A second restore of a backup being restored: not available (CSBS.4000).
        assertError(() -> restores.createRestoration(PROJECT_ID, restore), 400, "CSBS.4000");
        clock.add(RESTORE_DURATION.dividedBy(10));
        assertThat(getJson(id).get("status").asText()).isEqualTo("restoring");
        assertThat(listJson(id)).extracting(item -> item.get("status").asText()).containsExactly("restoring");
        clock.setInstant(restoredAt.plus(RESTORE_DURATION).minusNanos(1000));
        assertThat(getJson(id).get("status").asText()).isEqualTo("restoring");
        clock.setInstant(restoredAt.plus(RESTORE_DURATION));
        JsonNode restored = getJson(id);
        assertThat(restored.get("status").asText()).isEqualTo("available");
        assertThat(restored.at("/extend_info/fail_op").asText()).as("no failure").isEmpty();
        assertThat(backups.getBackup(PROJECT_ID, UUID.fromString(id)).getCheckpointItem().getStatus())
                .isEqualTo(CheckpointItem.StatusEnum.AVAILABLE);

        // Delete it: the quota falls once it is gone.
        backups.deleteBackup(PROJECT_ID, PROVIDER_ID, UUID.fromString(id), null);
        assertThat(getJson(id).get("status").asText()).isEqualTo("waiting_delete");
        assertQuotas(1, null);
        clock.add(DELETE_DURATION);
        assertError(() -> backups.getBackup(PROJECT_ID, UUID.fromString(id)), 404, "CSBS.3001");
        assertThat(listJson(id)).isEmpty();
        assertQuotas(0, 0);
        // Gone: a restore from it is 404 CSBS.3001.
        assertError(() -> restores.createRestoration(PROJECT_ID, restore), 404, "CSBS.3001");
    }

    @Test
    void quotasRiseWithEveryBackupAndFallWhenTheyAreGoneAndAFullQuotaRefusesTheNext() throws ApiException {
        control.setup().putQuotas(PROJECT_ID, new BackupDataSet.Quotas(3, -1));
        assertQuotaLimits(3, -1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(protect(UUID.randomUUID().toString()).getId().toString());
            assertQuotas(i + 1, null);
        }
        // The quota of backups is used up: another one is 400 CSBS.9006, by protect and by an execution.
        assertError(() -> protect(UUID.randomUUID().toString()), 400, "CSBS.9006");
        assertError(() -> backups.executeBackupPolicy(PROJECT_ID, PROVIDER_ID,
                new com.example.csbs.client.model.ExecuteBackupPolicyRequest().checkpoint(
                        new com.example.csbs.client.model.CheckpointReq().planId(UUID.fromString(Contract.EXAMPLE_PLAN_ID))
                                .parameters(new com.example.csbs.client.model.CheckpointParam()))), 400, "CSBS.9006");
        assertQuotas(3, null);
        // Deleted and gone: room again.
        clock.add(BACKUP_DURATION);
        backups.deleteBackup(PROJECT_ID, PROVIDER_ID, UUID.fromString(ids.get(0)), null);
        assertError(() -> protect(UUID.randomUUID().toString()), 400, "CSBS.9006");
        clock.add(DELETE_DURATION);
        assertQuotas(2, null);
        protect(UUID.randomUUID().toString());
        assertQuotas(3, null);
        // Another project's quotas and backups are its own.
        ListQuotasResponse theirs = new QuotaApi(client(OTHER_PROJECT_TOKEN)).listQuotas("5d7ea3b1c94e4f0a8b6d2e1f3a9c7b60");
        assertThat(theirs.getQuotas().getResources()).extracting(QuotaResources::getUsed).containsOnly(0);
        assertError(() -> new QuotaApi(client(OTHER_PROJECT_TOKEN)).listQuotas(PROJECT_ID), 403, "CSBS.9009");
        assertError(() -> new QuotaApi(client("expired-token")).listQuotas(PROJECT_ID), 401, "APIGW.0301");
    }

    // ---------------------------------------------------------------- the failures a test sets

    @Test
    void aServerSetUnprotectableIsRefusedByTheCheckAndByTheBackupWithItsErrorCode() throws ApiException {
        control.setup().putServer(PROJECT_ID, new BackupDataSet.ProtectedResource(REFUSED_SERVER, "refused", SERVER_TYPE,
                null, null, null, null, null, null, null, null,
                BackupDataSet.Capability.refused("CSBS.6006", REFUSED_MSG), null, null));

        resources.checkResourceCapability(PROJECT_ID, PROVIDER_ID, new ResourceCapabilityRequest()
                .addCheckProtectableItem(new ProtectableParam().resourceId(UUID.fromString(REFUSED_SERVER)).resourceType(SERVER_TYPE))
                .addCheckProtectableItem(new ProtectableParam().resourceId(UUID.fromString(NEW_SERVER)).resourceType(SERVER_TYPE)));
        assertThat(wire.last().responseJson()).as("one answer per resource, in the order asked").isEqualTo(checks("protectable",
                check(REFUSED_SERVER, false, "CSBS.6006", REFUSED_MSG), check(NEW_SERVER, true, "", "")));

        assertError(() -> protect(REFUSED_SERVER), 400, "CSBS.6006");
        assertThat(backups.countBackups(PROJECT_ID).execute().getCount()).as("the refusal created nothing").isZero();
        assertQuotas(0, 0);
        // A bare-metal server is a documented type that CSBS does not back up: answered, not refused.
        resources.checkResourceCapability(PROJECT_ID, PROVIDER_ID, new ResourceCapabilityRequest().addCheckProtectableItem(
                new ProtectableParam().resourceId(UUID.fromString(NEW_SERVER)).resourceType("OS::Ironic::BareMetalServer")));
        JsonNode bareMetal = wire.last().responseJson().at("/protectable/0");
        assertThat(bareMetal.get("result").asBoolean()).isFalse();
        assertThat(bareMetal.get("resource_type").asText()).isEqualTo("OS::Ironic::BareMetalServer");
        assertThat(bareMetal.get("error_code").asText()).isEqualTo("CSBS.6003");
    }

    @Test
    void aTargetSetUnrestorableIsRefusedByTheCheckAndByTheRestore() throws ApiException {
        control.setup().putServer(PROJECT_ID, new BackupDataSet.ProtectedResource(REFUSED_TARGET, "no-disks", SERVER_TYPE,
                null, null, null, null, null, null, null, null, null,
                BackupDataSet.Capability.refused("CSBS.6020", "No volume attached to the server (" + REFUSED_TARGET
                        + ") for restore."), null));
        String id = protect(NEW_SERVER).getId().toString();
        clock.add(BACKUP_DURATION);
        List<String> disks = diskBackups(getJson(id));

        resources.checkResourceCapability(PROJECT_ID, PROVIDER_ID, new ResourceCapabilityRequest()
                .addCheckRestorableItem(restorableParam(id, REFUSED_TARGET, disks))
                .addCheckRestorableItem(restorableParam(id, TARGET, disks)));
        assertThat(wire.last().responseJson()).isEqualTo(checks("restorable",
                check(REFUSED_TARGET, false, "CSBS.6020", "No volume attached to the server (" + REFUSED_TARGET + ") for restore."),
                check(TARGET, true, "", "")));
        assertError(() -> restores.createRestoration(PROJECT_ID, restore(id, id, REFUSED_TARGET, disks)), 400, "CSBS.6020");
        assertThat(getJson(id).get("status").asText()).as("a refused restore leaves the backup as it was").isEqualTo("available");

        // The task's own checks: a disk backup the backup has not (CSBS.6017), a disk backup left out (CSBS.6018),
        // a backup of another checkpoint or none (404 CSBS.3001).
        String stranger = UUID.randomUUID().toString();
        assertError(() -> restores.createRestoration(PROJECT_ID, restore(id, id, TARGET, List.of(stranger))), 400, "CSBS.6017");
        assertError(() -> restores.createRestoration(PROJECT_ID, restore(id, id, TARGET, List.of())), 400, "CSBS.6018");
        String other = protect(UUID.randomUUID().toString()).getId().toString();
        assertError(() -> restores.createRestoration(PROJECT_ID, restore(other, id, TARGET, disks)), 404, "CSBS.3001");
        assertError(() -> restores.createRestoration(PROJECT_ID, restore(UUID.randomUUID().toString(), id, TARGET, disks)),
                404, "CSBS.3001");
        resources.checkResourceCapability(PROJECT_ID, PROVIDER_ID, restorable(UUID.randomUUID().toString(), TARGET, disks));
        assertThat(wire.last().responseJson().at("/restorable/0/error_code").asText()).isEqualTo("CSBS.3001");
        assertThat(getJson(id).get("status").asText()).isEqualTo("available");
    }

    @Test
    void aRestoreAskedToFailEndsWithTheBackupAvailableAndFailOpRestore() throws ApiException {
        String id = protect(NEW_SERVER).getId().toString();
        clock.add(BACKUP_DURATION);
        List<String> disks = diskBackups(getJson(id));
        ApiClient failing = client(TOKEN);
        failing.addDefaultHeader("Prefer", "restore=error");

        Instant restoredAt = clock.instant();
        new RestoreApi(failing).createRestoration(PROJECT_ID, restore(id, id, TARGET, disks));
        assertThat(getJson(id).get("status").asText()).isEqualTo("waiting_restore");
        clock.add(RESTORE_DURATION.dividedBy(2));
        assertThat(getJson(id).get("status").asText()).isEqualTo("restoring");
        clock.setInstant(restoredAt.plus(RESTORE_DURATION));
        JsonNode failed = getJson(id);
        assertThat(failed.get("status").asText()).as("the backup itself is intact").isEqualTo("available");
        assertThat(failed.at("/extend_info/fail_op").asText()).isEqualTo("restore");
        assertThat(failed.at("/extend_info/fail_reason").asText()).isNotBlank();
        assertThat(failed.at("/extend_info/fail_code/Code").asText()).matches("\\d+");
        CheckpointItem item = backups.getBackup(PROJECT_ID, UUID.fromString(id)).getCheckpointItem();
        assertThat(item.getExtendInfo().getFailOp()).isEqualTo(CheckpointItemExtendInfo.FailOpEnum.RESTORE);
        // It can be restored again, and this time it works.
        restores.createRestoration(PROJECT_ID, restore(id, id, TARGET, disks));
        clock.add(RESTORE_DURATION);
        assertThat(getJson(id).get("status").asText()).isEqualTo("available");
    }

    @Test
    void aBackupOfOneResourceAskedToFailEndsInError() throws ApiException {
        ApiClient failing = client(TOKEN);
        failing.addDefaultHeader("Prefer", "backup=error");
        String id = new ResourceApi(failing).backupResource(PROJECT_ID, PROVIDER_ID, UUID.fromString(NEW_SERVER),
                new BackupResourceRequest().protect(new ProtectParam().backupName("bad"))).getCheckpoint().getId().toString();
        clock.add(BACKUP_DURATION.dividedBy(2));
        JsonNode failed = getJson(id);
        assertThat(failed.get("status").asText()).isEqualTo("error");
        assertThat(failed.at("/extend_info/fail_op").asText()).isEqualTo("backup");
        assertThat(failed.at("/extend_info/fail_code/Code").isTextual()).isTrue();
        // Not restorable.
        assertError(() -> restores.createRestoration(PROJECT_ID, restore(id, id, TARGET, diskBackups(failed))), 400, "CSBS.4000");
    }

    @Test
    void refusesAnotherProviderAndAnotherProjectsToken() {
        String otherProvider = "d0a6d9b2-4a5d-4c29-8e11-3a4a8ad4c6e9";
        assertError(() -> resources.backupResource(PROJECT_ID, otherProvider, UUID.fromString(NEW_SERVER),
                new BackupResourceRequest().protect(new ProtectParam().backupName("x"))), 400, "CSBS.9001");
        assertError(() -> resources.checkResourceCapability(PROJECT_ID, otherProvider, new ResourceCapabilityRequest()
                .addCheckProtectableItem(new ProtectableParam().resourceId(UUID.fromString(NEW_SERVER)).resourceType(SERVER_TYPE))),
                400, "CSBS.9001");
        ResourceApi theirs = new ResourceApi(client(OTHER_PROJECT_TOKEN));
        assertError(() -> theirs.backupResource(PROJECT_ID, PROVIDER_ID, UUID.fromString(NEW_SERVER),
                new BackupResourceRequest().protect(new ProtectParam().backupName("x"))), 403, "CSBS.9009");
        assertError(() -> new RestoreApi(client(OTHER_PROJECT_TOKEN)).createRestoration(PROJECT_ID,
                restore(NEW_SERVER, NEW_SERVER, TARGET, List.of())), 403, "CSBS.9009");
    }

    // ---------------------------------------------------------------- helpers

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.setBasePath(stub.baseUri().toString().replaceAll("/$", ""));
        client.setApiKey(token);
        client.getHttpClient().register(wire);
        return client;
    }

    private CheckpointResp protect(String serverId) throws ApiException {
        return resources.backupResource(PROJECT_ID, PROVIDER_ID, UUID.fromString(serverId),
                new BackupResourceRequest().protect(new ProtectParam().backupName("bk").description("one server"))).getCheckpoint();
    }

    private static void assertOk(ApiResponse<?> answer) {
        assertThat(answer.getStatusCode()).isEqualTo(200);
        assertThat(answer.getHeaders().get("Content-Type")).singleElement().asString().startsWith("application/json");
    }

    /** The protect answer: the same checkpoint object as an execution's, its plan one made for the server. */
    private static void assertProtectAnswer(JsonNode checkpoint, String id, String serverId) {
        assertThat(Contract.fieldNames(checkpoint)).containsAll(List.of("id", "status", "created_at", "resource_graph",
                "project_id", "protection_plan"));
        assertThat(checkpoint.get("status").asText()).isEqualTo("protecting");
        assertThat(checkpoint.get("created_at").asText()).isEqualTo(at(T0));
        assertThat(checkpoint.get("resource_graph").isNull()).isTrue();
        assertThat(checkpoint.get("project_id").asText()).isEqualTo(PROJECT_ID);
        assertThat(checkpoint.has("extra_info") && !checkpoint.get("extra_info").isNull())
                .as("extra_info: no policy's manual execution").isFalse();
        JsonNode plan = checkpoint.get("protection_plan");
        assertThat(Contract.fieldNames(plan)).containsExactlyInAnyOrder("id", "name", "resources");
        assertThat(plan.get("id").asText()).as("no policy's id, as the page's example").startsWith("fake_");
        assertThat(plan.get("name").asText()).isEqualTo("server protect plan for " + serverId);
        assertThat(plan.get("resources")).singleElement().satisfies(resource -> {
            assertThat(resource.get("id").asText()).isEqualTo(serverId);
            assertThat(resource.get("type").asText()).isEqualTo(SERVER_TYPE);
            assertThat(resource.get("name").asText()).isNotBlank();
        });
        assertThat(id).isEqualTo(checkpoint.get("id").asText());
    }

    private JsonNode getJson(String id) throws ApiException {
        CheckpointItem item = backups.getBackup(PROJECT_ID, UUID.fromString(id)).getCheckpointItem();
        assertThat(item.getId()).isEqualTo(id);
        return wire.last().responseJson().get("checkpoint_item");
    }

    private List<JsonNode> listJson(String checkpointId) throws ApiException {
        backups.listBackups(PROJECT_ID).checkpointId(UUID.fromString(checkpointId)).execute();
        List<JsonNode> items = new ArrayList<>();
        wire.last().responseJson().get("checkpoint_items").forEach(items::add);
        return items;
    }

    private static List<String> diskBackups(JsonNode backup) {
        List<String> ids = new ArrayList<>();
        backup.at("/extend_info/volume_backups").forEach(volume -> ids.add(volume.get("id").asText()));
        return ids;
    }

    /** The quotas as listed: backups used, and (unless null) backup_capacity used; the tree as documented. */
    private void assertQuotas(int backupsUsed, Integer capacityUsed) throws ApiException {
        ApiResponse<ListQuotasResponse> answer = quotas.listQuotasWithHttpInfo(PROJECT_ID);
        assertOk(answer);
        JsonNode body = wire.last().responseJson();
        assertThat(Contract.fieldNames(body)).containsExactly("quotas");
        assertThat(Contract.fieldNames(body.get("quotas"))).containsExactly("resources");
        JsonNode listed = body.at("/quotas/resources");
        assertThat(listed).extracting(resource -> resource.get("type").asText())
                .containsExactlyInAnyOrder("backups", "backup_capacity");
        for (JsonNode resource : listed) {
            assertThat(Contract.fieldNames(resource)).containsExactlyInAnyOrder("type", "used", "quota", "unit");
            if (resource.get("type").asText().equals("backups")) {
                assertThat(resource.get("used").asInt()).as("backups used").isEqualTo(backupsUsed);
            } else {
                assertThat(resource.get("unit").asText()).isEqualTo("GB");
                if (capacityUsed != null) {
                    assertThat(resource.get("used").asInt()).as("backup_capacity used").isEqualTo(capacityUsed);
                }
                assertThat(resource.get("used").asInt() > 0).as("capacity used iff backups exist").isEqualTo(backupsUsed > 0);
            }
        }
    }

    private void assertQuotaLimits(int backupLimit, int capacityLimit) throws ApiException {
        List<QuotaResources> listed = quotas.listQuotas(PROJECT_ID).getQuotas().getResources();
        assertThat(listed).filteredOn(quota -> quota.getType() == QuotaResources.TypeEnum.BACKUPS)
                .singleElement().extracting(QuotaResources::getQuota).isEqualTo(backupLimit);
        assertThat(listed).filteredOn(quota -> quota.getType() == QuotaResources.TypeEnum.BACKUP_CAPACITY)
                .singleElement().extracting(QuotaResources::getQuota).isEqualTo(capacityLimit);
    }

    private static ResourceCapabilityRequest restorable(String backupId, String target, List<String> disks) {
        return new ResourceCapabilityRequest().addCheckRestorableItem(restorableParam(backupId, target, disks));
    }

    private static RestorableParam restorableParam(String backupId, String target, List<String> disks) {
        return new RestorableParam().checkpointItemId(UUID.fromString(backupId)).target(new RestorableTarget()
                .resourceId(UUID.fromString(target)).resourceType(SERVER_TYPE).volumes(mappings(disks)));
    }

    static CreateRestorationRequest restore(String checkpointId, String backupId, String target, List<String> disks) {
        return new CreateRestorationRequest().restore(new RestoreReq()
                .providerId(RestoreReq.ProviderIdEnum.FC4D5750_22E7_4798_8A46_F48F62C4C1DA)
                .checkpointId(UUID.fromString(checkpointId))
                .parameters(new RestoreParam().checkpointItemId(UUID.fromString(backupId)).powerOn(true)
                        .targets(new RestoreTarget().serverId(UUID.fromString(target)).volumes(mappings(disks)))));
    }

    private static List<RestoreVolumeMapping> mappings(List<String> disks) {
        return disks.stream().map(disk -> new RestoreVolumeMapping().backupId(UUID.fromString(disk))
                .volumeId(UUID.fromString(TARGET_VOLUME))).toList();
    }

    private static ObjectNode checks(String field, ObjectNode... results) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (ObjectNode result : results) {
            body.withArray(field).add(result);
        }
        return body;
    }

    private static ObjectNode check(String resourceId, boolean result, String errorCode, String errorMsg) {
        ObjectNode check = JsonNodeFactory.instance.objectNode();
        check.put("result", result);
        check.put("resource_type", SERVER_TYPE);
        check.put("error_code", errorCode);
        check.put("error_msg", errorMsg);
        check.put("resource_id", resourceId);
        return check;
    }

    private static String at(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(PAGE_STYLE);
    }

    private void assertError(ThrowingCallable call, int status, String errorCode) {
        ApiException failure = catchThrowableOfType(ApiException.class, call);
        assertThat(failure).as("an ApiException %d %s", status, errorCode).isNotNull();
        assertThat(failure.getCode()).as("status; body %s", failure.getResponseBody()).isEqualTo(status);
        assertThat(failure.getErrorEntity()).isInstanceOf(ErrorResp.class);
        ErrorResp error = (ErrorResp) failure.getErrorEntity();
        assertThat(error.getErrorCode()).as("error_code; %s", error.getErrorMsg()).isEqualTo(errorCode);
        assertThat(error.getErrorMsg()).isNotBlank().doesNotContain("Exception");
        assertThat(Contract.fieldNames(Contract.parse(failure.getResponseBody())))
                .containsExactlyInAnyOrder("error_code", "error_msg");
        assertThat(wire.last().status()).isEqualTo(status);
    }
}
