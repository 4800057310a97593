package com.example.csbs.contract;

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
import com.example.csbs.client.model.ResourceTag;
import com.example.csbs.client.model.TagFilter;
import com.example.csbs.client.model.TagQueryRequest;
import com.example.csbs.client.model.TaggedBackup;
import com.example.csbs.client.model.TaggedPolicy;
import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.StubServer;
import com.example.csbs.stub.data.BackupDataSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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

/**
 * Tags added and removed on a policy and on a backup by several clients at once, through the generated client,
 * while that policy and that backup are deleted: every answer is a documented one (204, 404 CSBS.3000 or
 * CSBS.3001 for a resource deleted under it, 404 CSBS.7001 for a tag another thread removed, 400 CSBS.7000 at
 * the limit of 10), never a 5xx, every exchange valid against the spec, no error in the stub's log, and
 * afterwards the deleted resources' tags are gone: 404 for the resource, and neither it nor its tags in the
 * project's tag lists or in the filter and count answers.
 */
class ConcurrentTagsTest {

    private static final int ROUNDS = 10;
    private static final int TAGGERS_PER_RESOURCE = 3;
    private static final int CHANGES_PER_TAGGER = 5;
    /** A server of no policy: CSBS backs up any server of the project. */
    private static final String SERVER = "9506416d-db6c-406e-8bca-c0f43793d914";

    private final List<String> undocumented = new CopyOnWriteArrayList<>();

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void tagsChangedWhileTheirPolicyAndBackupAreDeletedGetDocumentedAnswersAndGoWithThem() throws Exception {
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
        int threads = 2 * TAGGERS_PER_RESOURCE + 1;
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        // Backups available at once and deletions done at once, so that a deletion races the tag changes.
        try (StubServer stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault(), StubOptions.defaults()
                .withBackupDuration(Duration.ZERO).withDeleteDuration(Duration.ZERO))) {
            for (int round = 0; round < ROUNDS; round++) {
                String marker = "r" + round;
                ApiClient setup = client(stub, wire);
                UUID policy = createPolicy(setup, "race-" + marker, marker);
                TaggedBackupMade backup = protect(setup, "race-" + marker, marker);
                UUID backupId = backup.id();

                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<?>> workers = new ArrayList<>();
                for (int tagger = 0; tagger < TAGGERS_PER_RESOURCE; tagger++) {
                    int me = tagger;
                    workers.add(clients.submit(() -> {
                        start.await();
                        changePolicyTags(new TagApi(client(stub, wire)), policy, me);
                        return null;
                    }));
                    workers.add(clients.submit(() -> {
                        start.await();
                        changeBackupTags(new TagApi(client(stub, wire)), backupId, me);
                        return null;
                    }));
                }
                workers.add(clients.submit(() -> {
                    start.await();
                    ApiClient deleter = client(stub, wire);
                    expectSuccess("delete policy " + policy, () -> new PolicyApi(deleter).deleteBackupPolicy(PROJECT_ID, policy));
                    expectSuccess("delete backup " + backupId, () -> new BackupApi(deleter)
                            .deleteBackup(PROJECT_ID, PROVIDER_ID, backup.checkpointId(), null));
                    return null;
                }));
                for (Future<?> worker : workers) {
                    worker.get(60, TimeUnit.SECONDS);
                }

                assertGone(new TagApi(client(stub, wire)), policy, backupId, marker);
            }
            assertThat(undocumented).as("answers the spec does not document for the moment").isEmpty();

            // Nothing of the deleted resources is left in the project's tag lists.
            TagApi tags = new TagApi(client(stub, wire));
            assertThat(tags.listProjectPolicyTags(PROJECT_ID).getTags()).extracting(ProjectTag::getKey)
                    .noneMatch(key -> key.equals("race") || key.startsWith("t-"));
            assertThat(tags.listProjectBackupTags(PROJECT_ID).getTags()).as("no backup is left").isEmpty();
            wire.assertAllValid();
            assertThat(wire.all()).as("no server error").noneMatch(exchange -> exchange.status() >= 500);
        } finally {
            clients.shutdownNow();
            root.removeHandler(errors);
        }
        assertThat(stubErrors).as("errors the stub logged").extracting(LogRecord::getMessage).isEmpty();
    }

    /** One tagger's changes to a policy: add a tag, remove it by batch, remove the shared tag "race". */
    private void changePolicyTags(TagApi tags, UUID policy, int tagger) {
        for (int change = 0; change < CHANGES_PER_TAGGER; change++) {
            String key = "t-" + tagger + "-" + change;
            expectTagAnswer("add " + key + " to policy", "CSBS.3000",
                    () -> tags.addPolicyTag(PROJECT_ID, policy, new AddTagRequest().tag(new ResourceTag().key(key).value("v"))));
            expectTagAnswer("batch remove " + key + " from policy", "CSBS.3000",
                    () -> tags.batchUpdatePolicyTags(PROJECT_ID, policy, removal(key)));
            expectTagAnswer("remove race from policy", "CSBS.3000", () -> tags.deletePolicyTag(PROJECT_ID, policy, "race"));
        }
    }

    /** One tagger's changes to a backup, as to a policy. */
    private void changeBackupTags(TagApi tags, UUID backup, int tagger) {
        for (int change = 0; change < CHANGES_PER_TAGGER; change++) {
            String key = "t-" + tagger + "-" + change;
            expectTagAnswer("add " + key + " to backup", "CSBS.3001",
                    () -> tags.addBackupTag(PROJECT_ID, backup, new AddTagRequest().tag(new ResourceTag().key(key).value("v"))));
            expectTagAnswer("batch remove " + key + " from backup", "CSBS.3001",
                    () -> tags.batchUpdateBackupTags(PROJECT_ID, backup, removal(key)));
            expectTagAnswer("remove race from backup", "CSBS.3001", () -> tags.deleteBackupTag(PROJECT_ID, backup, "race"));
        }
    }

    private static BatchTagsRequest removal(String key) {
        return new BatchTagsRequest().action(BatchTagsRequest.ActionEnum.DELETE).addTagsItem(new BatchResourceTag().key(key));
    }

    /** After the round: 404 for both, and neither found by its tag nor counted. */
    private static void assertGone(TagApi tags, UUID policy, UUID backup, String marker) throws ApiException {
        assertNotFound(() -> tags.listPolicyTags(PROJECT_ID, policy), "CSBS.3000");
        assertNotFound(() -> tags.listBackupTags(PROJECT_ID, backup), "CSBS.3001");
        TagQueryRequest filter = new TagQueryRequest().action(TagQueryRequest.ActionEnum.FILTER)
                .addTagsAnyItem(new TagFilter().key("race").values(Set.of(marker)))
                .addTagsAnyItem(new TagFilter().key("t-0-0").values(Set.of()));
        assertThat(tags.queryPoliciesByTags(PROJECT_ID, filter).getResources()).extracting(TaggedPolicy::getResourceId)
                .doesNotContain(policy.toString());
        assertThat(tags.queryBackupsByTags(PROJECT_ID, filter).getResources()).extracting(TaggedBackup::getResourceId)
                .doesNotContain(backup.toString());
        TagQueryRequest count = new TagQueryRequest().action(TagQueryRequest.ActionEnum.COUNT)
                .addTagsItem(new TagFilter().key("race").values(Set.of(marker)));
        assertThat(tags.queryPoliciesByTags(PROJECT_ID, count).getTotalCount()).as("policies tagged race=%s", marker).isZero();
        assertThat(tags.queryBackupsByTags(PROJECT_ID, count).getTotalCount()).as("backups tagged race=%s", marker).isZero();
    }

    private static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String errorCode) {
        ApiException gone = catchThrowableOfType(ApiException.class, call);
        assertThat(gone).as("a 404").isNotNull();
        assertThat(gone.getCode()).isEqualTo(404);
        assertThat(((ErrorResp) gone.getErrorEntity()).getErrorCode()).isEqualTo(errorCode);
    }

    interface Call {
        void call() throws ApiException;
    }

    /** 204, or what the moment allows: the resource deleted (its 404), the tag removed by another (7001), the limit. */
    private void expectTagAnswer(String what, String resourceNotFound, Call call) {
        try {
            call.call();
        } catch (ApiException e) {
            String code = e.getErrorEntity() instanceof ErrorResp error ? error.getErrorCode() : null;
            boolean documented = e.getCode() == 404 && (resourceNotFound.equals(code) || "CSBS.7001".equals(code))
                    || e.getCode() == 400 && "CSBS.7000".equals(code);
            if (!documented) {
                undocumented.add(what + ": " + e.getCode() + " " + e.getResponseBody());
            }
        }
    }

    /** The deleter's calls must succeed: nobody else deletes the resource. */
    private void expectSuccess(String what, Call call) {
        try {
            call.call();
        } catch (ApiException e) {
            undocumented.add(what + ": " + e.getCode() + " " + e.getResponseBody());
        }
    }

    private static UUID createPolicy(ApiClient client, String name, String marker) throws ApiException {
        CreateBackupPolicyRequest request = PolicyLifecycleTest.minimal(name, null);
        request.getPolicy().setTags(List.of(new ResourceTag().key("race").value(marker)));
        return UUID.fromString(new PolicyApi(client).createBackupPolicy(PROJECT_ID, request).getPolicy().getId());
    }

    /** A backup made: its checkpoint's ID (to delete it) and its own ID (the tag paths take it). */
    private record TaggedBackupMade(UUID checkpointId, UUID id) {
    }

    /** A backup of one server tagged race=marker. */
    private static TaggedBackupMade protect(ApiClient client, String name, String marker) throws ApiException {
        UUID checkpoint = new ResourceApi(client).backupResource(PROJECT_ID, PROVIDER_ID, UUID.fromString(SERVER),
                new BackupResourceRequest().protect(new ProtectParam().backupName(name)
                        .tags(List.of(new ResourceTag().key("race").value(marker))))).getCheckpoint().getId();
        UUID backup = UUID.fromString(new BackupApi(client).listBackups(PROJECT_ID).checkpointId(checkpoint).execute()
                .getCheckpointItems().get(0).getId());
        return new TaggedBackupMade(checkpoint, backup);
    }

    private static ApiClient client(StubServer stub, ExchangeLog wire) {
        ApiClient client = new ApiClient();
        client.setBasePath(stub.baseUri().toString().replaceAll("/$", ""));
        client.setApiKey(TOKEN);
        client.getHttpClient().register(wire);
        return client;
    }
}
