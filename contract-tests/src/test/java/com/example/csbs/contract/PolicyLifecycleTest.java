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
import com.example.csbs.client.api.PolicyApi;
import com.example.csbs.client.model.CheckpointParam;
import com.example.csbs.client.model.CheckpointReq;
import com.example.csbs.client.model.CheckpointResp;
import com.example.csbs.client.model.CreateBackupPolicyRequest;
import com.example.csbs.client.model.CreateBackupPolicyResponse;
import com.example.csbs.client.model.ErrorResp;
import com.example.csbs.client.model.ExecuteBackupPolicyRequest;
import com.example.csbs.client.model.OperationDefinitionReq;
import com.example.csbs.client.model.PolicyCreate;
import com.example.csbs.client.model.PolicyParamReq;
import com.example.csbs.client.model.PolicyResp;
import com.example.csbs.client.model.PolicyUpdate;
import com.example.csbs.client.model.Resource;
import com.example.csbs.client.model.ResourceReq;
import com.example.csbs.client.model.ResourceTag;
import com.example.csbs.client.model.ScheduledOperationCreate;
import com.example.csbs.client.model.ScheduledOperationUpdate;
import com.example.csbs.client.model.Trigger;
import com.example.csbs.client.model.TriggerProperties;
import com.example.csbs.client.model.UpdateBackupPolicyRequest;
import com.example.csbs.client.model.UpdateBackupPolicyResponse;
import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.StubServer;
import com.example.csbs.stub.data.BackupDataSet;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/**
 * A backup policy's whole life through the generated client, on a stub whose clock the test moves: the
 * page's example request, create, read, list, update, read back, execute, delete, 404 CSBS.3000 after it,
 * the backups of a deleted policy (they stay, listed by its ID), and the documented refusals on the way.
 * Every exchange is checked against the spec (undocumented fields are errors); bodies compared as trees.
 */
class PolicyLifecycleTest {

    private static final Instant T0 = Instant.parse("2025-03-04T08:00:00Z");
    private static final Duration BACKUP_DURATION = Duration.ofSeconds(10);
    private static final Duration DELETE_DURATION = Duration.ofSeconds(2);
    private static final DateTimeFormatter PAGE_STYLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter SCHEDULER_STYLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String WEEKLY = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27"
            + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    private static final String DAILY_RULE = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=3;BYMINUTE=0"
            + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    private static final String SERVER_TYPE = "OS::Nova::Server";

    // The embedded data set.
    private static final String DAILY = "62171999-3df1-42f7-9513-6f9b1bea4744";
    private static final String SERVER1 = "7a32a8b5-7977-4e24-b5da-e0eb457db75b"; // in daily
    private static final String OTHER_PROJECT = "5d7ea3b1c94e4f0a8b6d2e1f3a9c7b60";
    // Servers of no policy: the stub accepts any server of the project (it cannot know those made through ECS).
    private static final String NEW_SERVER_A = "45baf976-c20a-4894-a7c3-c94b7376bf55";
    private static final String NEW_SERVER_B = "5aa119a8-d25b-45a7-8d1b-88e127885635";

    private MutableClock clock;
    private StubServer stub;
    private ExchangeLog wire;
    private PolicyApi policies;
    private BackupApi backups;

    @BeforeEach
    void startStub() {
        clock = MutableClock.of(T0, ZoneOffset.UTC);
        wire = new ExchangeLog();
        stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault(), StubOptions.defaults().withClock(clock)
                .withBackupDuration(BACKUP_DURATION).withDeleteDuration(DELETE_DURATION));
        policies = new PolicyApi(client(TOKEN));
        backups = new BackupApi(client(TOKEN));
    }

    @AfterEach
    void stopStubAndCheckTheTraffic() {
        try {
            wire.assertAllValid();
        } finally {
            stub.close();
        }
    }

    // ---------------------------------------------------------------- the page's example

    @Test
    void createsThePagesExampleRequestThroughTheClient() throws ApiException {
        JsonNode example = specExample("create_backup_policy_request");
        CreateBackupPolicyRequest request = fromJson(example, CreateBackupPolicyRequest.class);

        ApiResponse<CreateBackupPolicyResponse> answer = policies.createBackupPolicyWithHttpInfo(PROJECT_ID, request);

        assertThat(answer.getStatusCode()).isEqualTo(200);
        assertThat(answer.getHeaders().get("Content-Type")).singleElement().asString().startsWith("application/json");
        assertThat(Contract.parse(wire.last().requestBody())).as("the wire body is the page's example").isEqualTo(example);
        JsonNode policy = wire.last().responseJson().get("policy");
        assertThat(Contract.fieldNames(wire.last().responseJson())).containsExactly("policy");
        ObjectNode expected = createdPolicy(policy.get("id").asText(), "my-plan", "My plan", "enabled",
                List.of(resource(NEW_SERVER_A, "resource1"), resource(NEW_SERVER_B, "resource2")));
        ObjectNode operation = expected.putArray("scheduled_operations").addObject();
        scheduledOperation(operation, policy.get("id").asText(), "my-backup-policy", "My backup policy", true, WEEKLY,
                20, -1, false);
        assertPolicy(policy, expected);
        // The model reads the whole answer.
        PolicyResp read = answer.getData().getPolicy();
        assertThat(read.getId()).isEqualTo(policy.get("id").asText());
        assertThat(read.getStatus()).isEqualTo("enabled");
        assertThat(read.getScheduledOperations()).singleElement().satisfies(op -> {
            assertThat(op.getOperationDefinition().getMaxBackups()).isEqualTo(20);
            assertThat(op.getTrigger().getProperties().getPattern()).isEqualTo(WEEKLY);
        });
    }

    @Test
    void updatesWithThePagesExampleRequestThroughTheClient() throws ApiException {
        PolicyResp created = policies.createBackupPolicy(PROJECT_ID, fromJson(specExample("create_backup_policy_request"),
                CreateBackupPolicyRequest.class)).getPolicy();
        ObjectNode example = specExample("update_backup_policy_request").deepCopy();
        // The example names the page's scheduled operation; this policy's has its own id.
        String operationId = created.getScheduledOperations().get(0).getId();
        ((ObjectNode) example.at("/policy/scheduled_operations/0")).put("id", operationId);

        ApiResponse<UpdateBackupPolicyResponse> answer = policies.updateBackupPolicyWithHttpInfo(PROJECT_ID,
                UUID.fromString(created.getId()), fromJson(example, UpdateBackupPolicyRequest.class));

        assertThat(answer.getStatusCode()).isEqualTo(200);
        assertThat(answer.getHeaders().get("Content-Type")).singleElement().asString().startsWith("application/json");
        assertThat(Contract.parse(wire.last().requestBody())).isEqualTo(example);
        assertThat(wire.last().uri().getRawPath()).isEqualTo("/v1/" + PROJECT_ID + "/policies/" + created.getId());
        JsonNode policy = wire.last().responseJson().get("policy");
        assertThat(answer.getData().getPolicy().getDescription()).isEqualTo("My plan");
        assertThat(policy.at("/scheduled_operations/0/id").asText()).isEqualTo(operationId);
        assertThat(policy.at("/scheduled_operations/0/description").asText()).isEqualTo("My backup policy ");
        assertThat(policy.at("/scheduled_operations/0/operation_definition/retention_duration_days").asInt()).isEqualTo(-1);
        assertThat(policy.at("/scheduled_operations/0/operation_definition/max_backups").asInt()).isEqualTo(20);
    }

    // ---------------------------------------------------------------- the whole lifecycle

    @Test
    void createsReadsListsUpdatesExecutesAndDeletesAPolicy() throws ApiException {
        // Create: one server, a disabled schedule: status disabled.
        CreateBackupPolicyRequest create = new CreateBackupPolicyRequest().policy(new PolicyCreate()
                .name("nightly-web")
                .description("Nightly backup of the new web server")
                .providerId(PolicyCreate.ProviderIdEnum.FC4D5750_22E7_4798_8A46_F48F62C4C1DA)
                .parameters(new PolicyParamReq().common(Map.of()))
                .addResourcesItem(new ResourceReq().id(UUID.fromString(NEW_SERVER_A)).type(ResourceReq.TypeEnum.OS_NOVA_SERVER).name("web-1"))
                .addScheduledOperationsItem(new ScheduledOperationCreate()
                        .name("nightly")
                        .enabled(false)
                        .operationType(ScheduledOperationCreate.OperationTypeEnum.BACKUP)
                        .operationDefinition(new OperationDefinitionReq().maxBackups(7))
                        .trigger(new Trigger().properties(new TriggerProperties().pattern(DAILY_RULE))))
                .addTagsItem(new ResourceTag().key("team").value("web")));
        ApiResponse<CreateBackupPolicyResponse> createdAnswer = policies.createBackupPolicyWithHttpInfo(PROJECT_ID, create);
        assertThat(createdAnswer.getStatusCode()).isEqualTo(200);
        JsonNode created = wire.last().responseJson().get("policy");
        String id = created.get("id").asText();
        assertThat(id).matches(Contract.UUID_PATTERN).isNotEqualTo(DAILY);
        ObjectNode expected = createdPolicy(id, "nightly-web", "Nightly backup of the new web server", "disabled",
                List.of(resource(NEW_SERVER_A, "web-1")));
        scheduledOperation(expected.putArray("scheduled_operations").addObject(), id, "nightly", "", false, DAILY_RULE,
                7, -1, false);
        ObjectNode tag = expected.putArray("tags").addObject();
        tag.put("key", "team");
        tag.put("value", "web");
        assertPolicy(created, expected);
        String operationId = created.at("/scheduled_operations/0/id").asText();

        // Read back, and listed: the same tree.
        clock.add(Duration.ofMinutes(1));
        policies.getBackupPolicy(PROJECT_ID, UUID.fromString(id));
        assertThat(wire.last().responseJson().get("policy")).isEqualTo(created);
        policies.listBackupPolicies(PROJECT_ID).name("nightly-web").execute();
        assertThat(wire.last().responseJson().get("policies")).containsExactly(created);
        assertThat(policyIds()).as("newest first").startsWith(id).contains(DAILY).hasSize(4);

        // Update: rename, enable the schedule (status enabled), keep the rest.
        UpdateBackupPolicyRequest update = new UpdateBackupPolicyRequest().policy(new PolicyUpdate()
                .name("nightly-web-2")
                .addScheduledOperationsItem(new ScheduledOperationUpdate().id(UUID.fromString(operationId)).enabled(true)
                        .operationDefinition(new OperationDefinitionReq().maxBackups(14))));
        ApiResponse<UpdateBackupPolicyResponse> updatedAnswer = policies.updateBackupPolicyWithHttpInfo(PROJECT_ID,
                UUID.fromString(id), update);
        assertThat(updatedAnswer.getStatusCode()).isEqualTo(200);
        JsonNode updated = wire.last().responseJson().get("policy");
        ObjectNode expectedUpdate = created.deepCopy();
        expectedUpdate.put("name", "nightly-web-2");
        expectedUpdate.put("status", "enabled");
        ObjectNode operation = (ObjectNode) expectedUpdate.at("/scheduled_operations/0");
        operation.put("enabled", true);
        ((ObjectNode) operation.get("operation_definition")).put("max_backups", 14);
        assertThat(updated).as("only what the update names has changed").isEqualTo(expectedUpdate);
        policies.getBackupPolicy(PROJECT_ID, UUID.fromString(id));
        assertThat(wire.last().responseJson().get("policy")).isEqualTo(updated);
        assertThat(policies.listBackupPolicies(PROJECT_ID).name("nightly-web").execute().getPolicies())
                .as("the old name is gone").isEmpty();

        // Its resources changed: another server, and the schedule disabled again.
        policies.updateBackupPolicy(PROJECT_ID, UUID.fromString(id), new UpdateBackupPolicyRequest().policy(new PolicyUpdate()
                .resources(List.of(new ResourceReq().id(UUID.fromString(NEW_SERVER_B)).type(ResourceReq.TypeEnum.OS_NOVA_SERVER).name("web-2")))
                .scheduledOperations(List.of(new ScheduledOperationUpdate().id(UUID.fromString(operationId)).enabled(false)))));
        JsonNode moved = wire.last().responseJson().get("policy");
        assertThat(moved.get("status").asText()).isEqualTo("disabled");
        assertThat(moved.get("resources")).isEqualTo(JsonNodeFactory.instance.arrayNode().add(resource(NEW_SERVER_B, "web-2")));

        // Execute it: one backup of its server, listed by policy_id.
        CheckpointResp checkpoint = backups.executeBackupPolicy(PROJECT_ID, PROVIDER_ID, new ExecuteBackupPolicyRequest()
                .checkpoint(new CheckpointReq().planId(UUID.fromString(id)).parameters(new CheckpointParam().autoTrigger(false))))
                .getCheckpoint();
        assertThat(checkpoint.getProtectionPlan().getId()).isEqualTo(id);
        assertThat(checkpoint.getProtectionPlan().getName()).isEqualTo("nightly-web-2");
        assertThat(checkpoint.getProtectionPlan().getResources()).extracting(Resource::getId).containsExactly(NEW_SERVER_B);
        clock.add(BACKUP_DURATION);
        assertThat(backups.listBackups(PROJECT_ID).policyId(UUID.fromString(id)).execute().getCheckpointItems())
                .singleElement().satisfies(item -> {
                    assertThat(item.getResourceId()).isEqualTo(NEW_SERVER_B);
                    assertThat(item.getStatus().getValue()).isEqualTo("available");
                    assertThat(item.getCheckpointId()).isEqualTo(checkpoint.getId().toString());
                });

        // Delete: 200 without a body; then 404 CSBS.3000 for reading, updating, executing and deleting it.
        ApiResponse<Void> deleted = policies.deleteBackupPolicyWithHttpInfo(PROJECT_ID, UUID.fromString(id));
        assertThat(deleted.getStatusCode()).isEqualTo(200);
        assertThat(wire.last().responseBody()).isEmpty();
        assertError(() -> policies.getBackupPolicy(PROJECT_ID, UUID.fromString(id)), 404, "CSBS.3000");
        assertError(() -> policies.updateBackupPolicy(PROJECT_ID, UUID.fromString(id), update), 404, "CSBS.3000");
        assertError(() -> policies.deleteBackupPolicy(PROJECT_ID, UUID.fromString(id)), 404, "CSBS.3000");
        assertError(() -> backups.executeBackupPolicy(PROJECT_ID, PROVIDER_ID, new ExecuteBackupPolicyRequest()
                .checkpoint(new CheckpointReq().planId(UUID.fromString(id)).parameters(new CheckpointParam()))), 404, "CSBS.3000");
        assertThat(policyIds()).doesNotContain(id).hasSize(3);
        // Its backups stay, still listed and counted by its ID (CSBS keeps a deleted policy's backups).
        assertThat(backups.listBackups(PROJECT_ID).policyId(UUID.fromString(id)).execute().getCheckpointItems())
                .singleElement().satisfies(item -> assertThat(item.getStatus().getValue()).isEqualTo("available"));
        assertThat(backups.countBackups(PROJECT_ID).policyId(UUID.fromString(id)).execute().getCount()).isEqualTo(1);
        // ... and can be deleted as any backup.
        backups.deleteBackup(PROJECT_ID, PROVIDER_ID, checkpoint.getId(), null);
        clock.add(DELETE_DURATION);
        assertThat(backups.countBackups(PROJECT_ID).policyId(UUID.fromString(id)).execute().getCount()).isZero();
        // Its server is free again: a new policy may hold it.
        assertThat(policies.createBackupPolicy(PROJECT_ID, minimal("again", NEW_SERVER_B)).getPolicy().getResources())
                .extracting(Resource::getId).containsExactly(NEW_SERVER_B);
    }

    @Test
    void aPolicyOfTheDataSetIsUpdatedAndDeletedAsOneCreatedThroughTheApi() throws ApiException {
        policies.updateBackupPolicy(PROJECT_ID, UUID.fromString(DAILY), new UpdateBackupPolicyRequest()
                .policy(new PolicyUpdate().description("changed")));
        JsonNode updated = wire.last().responseJson().get("policy");
        assertThat(updated.get("description").asText()).isEqualTo("changed");
        assertThat(updated.get("name").asText()).isEqualTo("daily");
        assertThat(updated.get("created_at").asText()).isEqualTo("2017-03-07T09:31:08.265000");
        CheckpointResp before = backups.executeBackupPolicy(PROJECT_ID, PROVIDER_ID, new ExecuteBackupPolicyRequest()
                .checkpoint(new CheckpointReq().planId(UUID.fromString(DAILY)).parameters(new CheckpointParam()))).getCheckpoint();
        policies.deleteBackupPolicy(PROJECT_ID, UUID.fromString(DAILY));
        assertError(() -> policies.getBackupPolicy(PROJECT_ID, UUID.fromString(DAILY)), 404, "CSBS.3000");
        assertThat(backups.listBackups(PROJECT_ID).checkpointId(before.getId()).execute().getCheckpointItems()).hasSize(2);
        // Its servers can go into a new policy.
        assertThat(policies.createBackupPolicy(PROJECT_ID, minimal("daily", SERVER1)).getPolicy().getName()).isEqualTo("daily");
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void refusesWhatThePagesRefuseWithTheirErrorCodes() throws ApiException {
        // Another policy of the project has the name: CSBS.9007.
        assertError(() -> policies.createBackupPolicy(PROJECT_ID, minimal("daily", NEW_SERVER_A)), 400, "CSBS.9007");
        // A server already in another policy: CSBS.6004.
        assertError(() -> policies.createBackupPolicy(PROJECT_ID, minimal("mine", SERVER1)), 400, "CSBS.6004");
        // Neither created anything.
        assertThat(policyIds()).hasSize(3);
        String mine = policies.createBackupPolicy(PROJECT_ID, minimal("mine", NEW_SERVER_A)).getPolicy().getId();
        // The same through an update.
        assertError(() -> policies.updateBackupPolicy(PROJECT_ID, UUID.fromString(mine), new UpdateBackupPolicyRequest()
                .policy(new PolicyUpdate().name("daily"))), 400, "CSBS.9007");
        assertError(() -> policies.updateBackupPolicy(PROJECT_ID, UUID.fromString(mine), new UpdateBackupPolicyRequest()
                .policy(new PolicyUpdate().resources(List.of(new ResourceReq().id(UUID.fromString(SERVER1))
                        .type(ResourceReq.TypeEnum.OS_NOVA_SERVER).name("server1"))))), 400, "CSBS.6004");
        // A scheduled operation that is not the policy's.
        assertError(() -> policies.updateBackupPolicy(PROJECT_ID, UUID.fromString(mine), new UpdateBackupPolicyRequest()
                .policy(new PolicyUpdate().addScheduledOperationsItem(new ScheduledOperationUpdate().id(UUID.randomUUID())
                        .enabled(true)))), 400, "CSBS.9001");
        // A refused update changed nothing.
        policies.getBackupPolicy(PROJECT_ID, UUID.fromString(mine));
        assertThat(wire.last().responseJson().at("/policy/name").asText()).isEqualTo("mine");
        assertThat(wire.last().responseJson().at("/policy/resources/0/id").asText()).isEqualTo(NEW_SERVER_A);
        // Renaming to its own name is no duplicate.
        policies.updateBackupPolicy(PROJECT_ID, UUID.fromString(mine), new UpdateBackupPolicyRequest()
                .policy(new PolicyUpdate().name("mine")));
        // Another project's policy does not exist here, and the other project's token may not touch ours.
        String theirs = "9f0c1e2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f";
        assertError(() -> policies.updateBackupPolicy(PROJECT_ID, UUID.fromString(theirs), new UpdateBackupPolicyRequest()
                .policy(new PolicyUpdate().name("x"))), 404, "CSBS.3000");
        assertError(() -> policies.deleteBackupPolicy(PROJECT_ID, UUID.fromString(theirs)), 404, "CSBS.3000");
        PolicyApi other = new PolicyApi(client(OTHER_PROJECT_TOKEN));
        assertError(() -> other.deleteBackupPolicy(PROJECT_ID, UUID.fromString(mine)), 403, "CSBS.9009");
        assertError(() -> other.createBackupPolicy(PROJECT_ID, minimal("theirs", NEW_SERVER_B)), 403, "CSBS.9009");
        // The same name in another project is no duplicate.
        assertThat(other.createBackupPolicy(OTHER_PROJECT, minimal("mine", NEW_SERVER_B)).getPolicy().getProjectId())
                .isEqualTo(OTHER_PROJECT);
        assertError(() -> new PolicyApi(client("expired-token")).createBackupPolicy(PROJECT_ID, minimal("x", NEW_SERVER_B)),
                401, "APIGW.0301");
    }

    // ---------------------------------------------------------------- helpers

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.setBasePath(stub.baseUri().toString().replaceAll("/$", ""));
        client.setApiKey(token);
        client.getHttpClient().register(wire);
        return client;
    }

    /** The smallest valid request: one server, no schedule enabled. */
    static CreateBackupPolicyRequest minimal(String name, String serverId) {
        return new CreateBackupPolicyRequest().policy(new PolicyCreate()
                .name(name)
                .providerId(PolicyCreate.ProviderIdEnum.FC4D5750_22E7_4798_8A46_F48F62C4C1DA)
                .parameters(new PolicyParamReq().common(Map.of()))
                .resources(serverId == null ? List.of()
                        : List.of(new ResourceReq().id(UUID.fromString(serverId)).type(ResourceReq.TypeEnum.OS_NOVA_SERVER).name("server-" + name)))
                .addScheduledOperationsItem(new ScheduledOperationCreate()
                        .enabled(false)
                        .operationType(ScheduledOperationCreate.OperationTypeEnum.BACKUP)
                        .operationDefinition(new OperationDefinitionReq().maxBackups(1))
                        .trigger(new Trigger().properties(new TriggerProperties().pattern(DAILY_RULE)))));
    }

    private List<String> policyIds() throws ApiException {
        return policies.listBackupPolicies(PROJECT_ID).execute().getPolicies().stream().map(PolicyResp::getId).toList();
    }

    /** The spec's example of a request schema (the page's, made valid where it was not). */
    static JsonNode specExample(String schema) {
        JsonNode example = Contract.readYaml(Contract.specText()).at("/components/schemas/" + schema + "/example");
        assertThat(example.isObject()).as("the spec's example of %s", schema).isTrue();
        return example;
    }

    /** A JSON tree as a client model, read as the client reads (its own mapper). */
    static <T> T fromJson(JsonNode json, Class<T> type) {
        try {
            return new ApiClient().getJSON().getMapper().treeToValue(json, type);
        } catch (java.io.IOException e) {
            throw new AssertionError("the client cannot read " + json, e);
        }
    }

    private ObjectNode createdPolicy(String id, String name, String description, String status, List<ObjectNode> resources) {
        ObjectNode policy = JsonNodeFactory.instance.objectNode();
        policy.put("id", id);
        policy.put("name", name);
        policy.put("description", description);
        policy.put("status", status);
        policy.put("created_at", LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).format(PAGE_STYLE));
        policy.put("project_id", PROJECT_ID);
        policy.put("provider_id", PROVIDER_ID);
        policy.putObject("parameters").putObject("common");
        resources.forEach(policy.putArray("resources")::add);
        policy.putArray("scheduled_operations");
        policy.putArray("tags");
        return policy;
    }

    private static ObjectNode resource(String id, String name) {
        ObjectNode resource = JsonNodeFactory.instance.objectNode();
        resource.put("id", id);
        resource.put("name", name);
        resource.put("type", SERVER_TYPE);
        resource.putObject("extra_info");
        return resource;
    }

    private void scheduledOperation(ObjectNode operation, String policyId, String name, String description, boolean enabled,
                                    String pattern, int maxBackups, int retentionDays, boolean permanent) {
        operation.put("id", "<uuid>");
        operation.put("name", name);
        operation.put("description", description);
        operation.put("enabled", enabled);
        operation.put("operation_type", "backup");
        ObjectNode definition = operation.putObject("operation_definition");
        definition.put("max_backups", maxBackups);
        definition.put("retention_duration_days", retentionDays);
        definition.put("permanent", permanent);
        definition.put("plan_id", policyId);
        definition.put("provider_id", PROVIDER_ID);
        ObjectNode trigger = operation.putObject("trigger");
        trigger.put("id", "<uuid>");
        trigger.put("name", "default");
        trigger.put("type", "time");
        ObjectNode properties = trigger.putObject("properties");
        properties.put("pattern", pattern);
        properties.put("start_time", LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).format(SCHEDULER_STYLE));
        properties.put("format", "ical");
    }

    /** The generated ids (scheduled operation, trigger) are UUIDs; then the whole trees are equal. */
    private static void assertPolicy(JsonNode actual, ObjectNode expected) {
        ObjectNode policy = actual.deepCopy();
        for (int i = 0; i < policy.get("scheduled_operations").size(); i++) {
            for (String pointer : List.of("/scheduled_operations/" + i + "/id", "/scheduled_operations/" + i + "/trigger/id")) {
                JsonPointer at = JsonPointer.compile(pointer);
                assertThat(policy.at(at).asText()).as(pointer).matches(Contract.UUID_PATTERN);
                ((ObjectNode) policy.at(at.head())).set("id", TextNode.valueOf("<uuid>"));
            }
        }
        assertThat(policy).isEqualTo(expected);
    }

    /** The call fails with that status and the CSBS error body with that code, and nothing else. */
    private void assertError(ThrowingCallable call, int status, String errorCode) {
        ApiException failure = catchThrowableOfType(ApiException.class, call);
        assertThat(failure).as("an ApiException %d %s", status, errorCode).isNotNull();
        assertThat(failure.getCode()).as("status; body %s", failure.getResponseBody()).isEqualTo(status);
        assertThat(failure.getErrorEntity()).isInstanceOf(ErrorResp.class);
        ErrorResp error = (ErrorResp) failure.getErrorEntity();
        assertThat(error.getErrorCode()).isEqualTo(errorCode);
        assertThat(error.getErrorMsg()).isNotBlank().doesNotContain("Exception");
        assertThat(Contract.fieldNames(Contract.parse(failure.getResponseBody())))
                .containsExactlyInAnyOrder("error_code", "error_msg");
        assertThat(wire.last().status()).isEqualTo(status);
    }
}
