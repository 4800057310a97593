package com.example.csbs.contract;

import static com.example.csbs.contract.Contract.OTHER_PROJECT_TOKEN;
import static com.example.csbs.contract.Contract.PROJECT_ID;
import static com.example.csbs.contract.Contract.PROVIDER_ID;
import static com.example.csbs.contract.Contract.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.example.csbs.client.ApiClient;
import com.example.csbs.client.ApiException;
import com.example.csbs.client.api.BackupApi;
import com.example.csbs.client.api.PolicyApi;
import com.example.csbs.client.api.ResourceApi;
import com.example.csbs.client.api.TagApi;
import com.example.csbs.client.model.AddTagRequest;
import com.example.csbs.client.model.BackupResourceRequest;
import com.example.csbs.client.model.BatchResourceTag;
import com.example.csbs.client.model.BatchTagsRequest;
import com.example.csbs.client.model.CreateBackupPolicyRequest;
import com.example.csbs.client.model.ErrorResp;
import com.example.csbs.client.model.ProjectTag;
import com.example.csbs.client.model.ProtectParam;
import com.example.csbs.client.model.QueryBackupsByTagsResponse;
import com.example.csbs.client.model.QueryPoliciesByTagsResponse;
import com.example.csbs.client.model.ResourceTag;
import com.example.csbs.client.model.TagFilter;
import com.example.csbs.client.model.TagMatch;
import com.example.csbs.client.model.TagQueryRequest;
import com.example.csbs.client.model.TaggedBackup;
import com.example.csbs.client.model.TaggedPolicy;
import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.StubServer;
import com.example.csbs.stub.data.BackupDataSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The generated client's TagApi against the stub: each of the twelve tag operations, for a policy and for a
 * backup, answered as documented (204 for a change, the tags as kept), their documented errors read as
 * ApiExceptions with the CSBS body, and every exchange on the wire valid against the spec.
 */
class ClientTagOperationsTest {

    private static final String UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
    /** A server of no policy: CSBS backs up any server of the project. */
    private static final String SERVER = "9506416d-db6c-406e-8bca-c0f43793d914";

    private final ExchangeLog wire = new ExchangeLog();
    private StubServer stub;
    private TagApi tags;

    @BeforeEach
    void startStub() {
        // Backups available at once, deletions done at once: the test is about tags, not the lifecycle.
        stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault(), StubOptions.defaults()
                .withBackupDuration(Duration.ZERO).withDeleteDuration(Duration.ZERO));
        tags = new TagApi(client(TOKEN));
    }

    @AfterEach
    void checkTheWireAndStop() {
        try {
            wire.assertAllValid();
            assertThat(wire.all()).as("no server error").noneMatch(exchange -> exchange.status() >= 500);
        } finally {
            stub.close();
        }
    }

    @Test
    void aPolicysTagsThroughEveryPolicyTagOperation() throws ApiException {
        UUID policy = createPolicy("tagged-by-client", List.of(tag("owner", "team-a")));

        tags.addPolicyTag(PROJECT_ID, policy, new AddTagRequest().tag(tag("env", "dev")));
        tags.addPolicyTag(PROJECT_ID, policy, new AddTagRequest().tag(tag("owner", "team-b"))); // overwrites in place
        tags.batchUpdatePolicyTags(PROJECT_ID, policy, new BatchTagsRequest().action(BatchTagsRequest.ActionEnum.CREATE)
                .addTagsItem(new BatchResourceTag().key("cost").value("c1"))
                .addTagsItem(new BatchResourceTag().key("no-value")));
        assertThat(tags.listPolicyTags(PROJECT_ID, policy).getTags()).containsExactly(
                tag("owner", "team-b"), tag("env", "dev"), tag("cost", "c1"), tag("no-value", ""));

        tags.deletePolicyTag(PROJECT_ID, policy, "env");
        assertCsbsError(() -> tags.deletePolicyTag(PROJECT_ID, policy, "env"), 404, "CSBS.7001");
        tags.batchUpdatePolicyTags(PROJECT_ID, policy, new BatchTagsRequest().action(BatchTagsRequest.ActionEnum.DELETE)
                .addTagsItem(new BatchResourceTag().key("no-value"))
                .addTagsItem(new BatchResourceTag().key("never-there")));
        assertThat(tags.listPolicyTags(PROJECT_ID, policy).getTags()).containsExactly(tag("owner", "team-b"), tag("cost", "c1"));

        assertThat(tags.listProjectPolicyTags(PROJECT_ID).getTags())
                .contains(new ProjectTag().key("owner").values(List.of("team-b")), new ProjectTag().key("cost").values(List.of("c1")));

        QueryPoliciesByTagsResponse found = tags.queryPoliciesByTags(PROJECT_ID, new TagQueryRequest()
                .action(TagQueryRequest.ActionEnum.FILTER)
                .addTagsItem(new TagFilter().key("owner").values(Set.of("team-b")))
                .addMatchesItem(new TagMatch().key(TagMatch.KeyEnum.RESOURCE_NAME).value("BY-CLIENT")));
        assertThat(found.getTotalCount()).isEqualTo(1);
        assertThat(found.getResources()).extracting(TaggedPolicy::getResourceId, TaggedPolicy::getResourceName)
                .containsExactly(org.assertj.core.api.Assertions.tuple(policy.toString(), "tagged-by-client"));
        assertThat(found.getResources().get(0).getTags()).containsExactly(tag("owner", "team-b"), tag("cost", "c1"));
        QueryPoliciesByTagsResponse counted = tags.queryPoliciesByTags(PROJECT_ID, new TagQueryRequest()
                .action(TagQueryRequest.ActionEnum.COUNT)
                .addTagsItem(new TagFilter().key("owner").values(Set.of("team-b"))));
        assertThat(counted.getTotalCount()).isEqualTo(1);
        assertThat(counted.getResources()).as("count answers no resources").isNullOrEmpty();

        // Gone with its policy: no tags of it to read or change, none in the project's lists and queries.
        new PolicyApi(client(TOKEN)).deleteBackupPolicy(PROJECT_ID, policy);
        assertCsbsError(() -> tags.listPolicyTags(PROJECT_ID, policy), 404, "CSBS.3000");
        assertCsbsError(() -> tags.addPolicyTag(PROJECT_ID, policy, new AddTagRequest().tag(tag("env", "dev"))), 404, "CSBS.3000");
        assertThat(tags.listProjectPolicyTags(PROJECT_ID).getTags()).extracting(ProjectTag::getKey).doesNotContain("owner", "cost");
        assertThat(tags.queryPoliciesByTags(PROJECT_ID, new TagQueryRequest().action(TagQueryRequest.ActionEnum.COUNT)
                .addTagsItem(new TagFilter().key("owner").values(Set.of()))).getTotalCount()).isZero();
    }

    @Test
    void aBackupsTagsThroughEveryBackupTagOperation() throws ApiException {
        UUID backup = protect("client-tagged", List.of(tag("env", "prod")));

        tags.addBackupTag(PROJECT_ID, backup, new AddTagRequest().tag(tag("owner", "team-a")));
        tags.batchUpdateBackupTags(PROJECT_ID, backup, new BatchTagsRequest().action(BatchTagsRequest.ActionEnum.CREATE)
                .addTagsItem(new BatchResourceTag().key("cost").value("c1")));
        assertThat(tags.listBackupTags(PROJECT_ID, backup).getTags())
                .containsExactly(tag("env", "prod"), tag("owner", "team-a"), tag("cost", "c1"));
        assertThat(new BackupApi(client(TOKEN)).getBackup(PROJECT_ID, backup).getCheckpointItem().getTags())
                .as("the backup as read carries them").containsExactly(tag("env", "prod"), tag("owner", "team-a"), tag("cost", "c1"));

        tags.deleteBackupTag(PROJECT_ID, backup, "cost");
        assertCsbsError(() -> tags.deleteBackupTag(PROJECT_ID, backup, "cost"), 404, "CSBS.7001");
        tags.batchUpdateBackupTags(PROJECT_ID, backup, new BatchTagsRequest().action(BatchTagsRequest.ActionEnum.DELETE)
                .addTagsItem(new BatchResourceTag().key("owner").value("someone-else"))); // another value: kept
        assertThat(tags.listBackupTags(PROJECT_ID, backup).getTags()).containsExactly(tag("env", "prod"), tag("owner", "team-a"));

        assertThat(tags.listProjectBackupTags(PROJECT_ID).getTags()).containsExactly(
                new ProjectTag().key("env").values(List.of("prod")), new ProjectTag().key("owner").values(List.of("team-a")));

        QueryBackupsByTagsResponse found = tags.queryBackupsByTags(PROJECT_ID, new TagQueryRequest()
                .action(TagQueryRequest.ActionEnum.FILTER)
                .addTagsAnyItem(new TagFilter().key("env").values(Set.of("prod", "dev")))
                .limit("10").offset("0"));
        assertThat(found.getTotalCount()).isEqualTo(1);
        TaggedBackup only = found.getResources().get(0);
        assertThat(only.getResourceId()).isEqualTo(backup.toString());
        assertThat(only.getResourceName()).isEqualTo("client-tagged");
        assertThat(only.getResourceDetail().getId()).isEqualTo(backup.toString());
        assertThat(only.getTags()).isEqualTo(only.getResourceDetail().getTags());
        assertThat(tags.queryBackupsByTags(PROJECT_ID, new TagQueryRequest().action(TagQueryRequest.ActionEnum.COUNT)
                .addNotTagsAnyItem(new TagFilter().key("env").values(Set.of()))).getTotalCount()).isZero();

        deleteBackup(backup);
        assertCsbsError(() -> tags.listBackupTags(PROJECT_ID, backup), 404, "CSBS.3001");
        assertCsbsError(() -> tags.deleteBackupTag(PROJECT_ID, backup, "env"), 404, "CSBS.3001");
        assertThat(tags.listProjectBackupTags(PROJECT_ID).getTags()).isEmpty();
        assertThat(tags.queryBackupsByTags(PROJECT_ID, new TagQueryRequest().action(TagQueryRequest.ActionEnum.FILTER))
                .getResources()).isEmpty();
    }

    @Test
    void readsTheDocumentedErrorsOfTheTagOperations() throws ApiException {
        UUID policy = UUID.fromString(Contract.EXAMPLE_PLAN_ID);
        UUID unknown = UUID.fromString(UNKNOWN_ID);
        // Filled up to the limit of 10 (the data set's policy comes with tags of its own).
        for (int i = tags.listPolicyTags(PROJECT_ID, policy).getTags().size(); i < 10; i++) {
            tags.addPolicyTag(PROJECT_ID, policy, new AddTagRequest().tag(tag("k" + i, "v")));
        }

        assertCsbsError(() -> tags.addPolicyTag(PROJECT_ID, policy, new AddTagRequest().tag(tag("k10", "v"))), 400, "CSBS.7000");
        assertCsbsError(() -> tags.batchUpdatePolicyTags(PROJECT_ID, policy, new BatchTagsRequest()
                .action(BatchTagsRequest.ActionEnum.CREATE).addTagsItem(new BatchResourceTag().key("k11").value("v"))), 400, "CSBS.7000");
        assertCsbsError(() -> tags.addPolicyTag(PROJECT_ID, unknown, new AddTagRequest().tag(tag("k", "v"))), 404, "CSBS.3000");
        assertCsbsError(() -> tags.addBackupTag(PROJECT_ID, unknown, new AddTagRequest().tag(tag("k", "v"))), 404, "CSBS.3001");
        assertCsbsError(() -> tags.batchUpdateBackupTags(PROJECT_ID, unknown, new BatchTagsRequest()
                .action(BatchTagsRequest.ActionEnum.DELETE).addTagsItem(new BatchResourceTag().key("k"))), 404, "CSBS.3001");
        assertCsbsError(() -> tags.listBackupTags(PROJECT_ID, unknown), 404, "CSBS.3001");
        assertCsbsError(() -> tags.deletePolicyTag(PROJECT_ID, unknown, "k9"), 404, "CSBS.3000");
        assertCsbsError(() -> new TagApi(client(OTHER_PROJECT_TOKEN)).listProjectPolicyTags(PROJECT_ID), 403, "CSBS.9009");
        assertCsbsError(() -> new TagApi(client("expired-token")).listProjectBackupTags(PROJECT_ID), 401, "APIGW.0301");
        // A failure asked for (Prefer: status=503, how a client's tests ask the stub for one), on a wire of its own:
        // the test's wire has no server error.
        ExchangeLog askedFor = new ExchangeLog();
        ApiClient failingClient = client(TOKEN, askedFor);
        failingClient.addDefaultHeader("Prefer", "status=503");
        assertCsbsError(() -> new TagApi(failingClient).queryBackupsByTags(PROJECT_ID,
                new TagQueryRequest().action(TagQueryRequest.ActionEnum.COUNT)), 503, "CSBS.9998");
        askedFor.assertAllValid();
        // A refused change changed nothing: still the ten.
        assertThat(tags.listPolicyTags(PROJECT_ID, policy).getTags()).hasSize(10);
    }

    // ---------------------------------------------------------------- helpers

    private static ResourceTag tag(String key, String value) {
        return new ResourceTag().key(key).value(value);
    }

    private UUID createPolicy(String name, List<ResourceTag> initialTags) throws ApiException {
        CreateBackupPolicyRequest request = PolicyLifecycleTest.minimal(name, null);
        request.getPolicy().setTags(initialTags);
        return UUID.fromString(new PolicyApi(client(TOKEN)).createBackupPolicy(PROJECT_ID, request).getPolicy().getId());
    }

    /** A backup of one server, with those tags; the ID of the backup (its checkpoint item), as the tag paths take it. */
    private UUID protect(String name, List<ResourceTag> initialTags) throws ApiException {
        UUID checkpoint = new ResourceApi(client(TOKEN)).backupResource(PROJECT_ID, PROVIDER_ID, UUID.fromString(SERVER),
                new BackupResourceRequest().protect(new ProtectParam().backupName(name).tags(initialTags))).getCheckpoint().getId();
        return UUID.fromString(new BackupApi(client(TOKEN)).listBackups(PROJECT_ID).checkpointId(checkpoint).execute()
                .getCheckpointItems().get(0).getId());
    }

    private void deleteBackup(UUID backup) throws ApiException {
        BackupApi backups = new BackupApi(client(TOKEN));
        UUID checkpoint = UUID.fromString(backups.getBackup(PROJECT_ID, backup).getCheckpointItem().getCheckpointId());
        backups.deleteBackup(PROJECT_ID, PROVIDER_ID, checkpoint, null);
    }

    private static void assertCsbsError(Executable call, int status, String errorCode) {
        ApiException failure = catchThrowableOfType(ApiException.class, call::execute);
        assertThat(failure).as("an ApiException").isNotNull();
        assertThat(failure.getCode()).as(failure.getResponseBody()).isEqualTo(status);
        assertThat(failure.getErrorEntity()).isInstanceOf(ErrorResp.class);
        assertThat(((ErrorResp) failure.getErrorEntity()).getErrorCode()).isEqualTo(errorCode);
    }

    private ApiClient client(String token) {
        return client(token, wire);
    }

    private ApiClient client(String token, ExchangeLog recordedOn) {
        ApiClient client = new ApiClient();
        client.setBasePath(stub.baseUri().toString().replaceAll("/$", ""));
        client.setApiKey(token);
        client.getHttpClient().register(recordedOn);
        return client;
    }
}
