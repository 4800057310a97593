package com.example.csbs.contract;

import static com.example.csbs.contract.Contract.PROJECT_ID;
import static com.example.csbs.contract.Contract.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.example.csbs.client.ApiClient;
import com.example.csbs.client.ApiException;
import com.example.csbs.client.api.BackupApi;
import com.example.csbs.client.api.PolicyApi;
import com.example.csbs.client.api.TagApi;
import com.example.csbs.client.model.AddTagRequest;
import com.example.csbs.client.model.CheckpointItem;
import com.example.csbs.client.model.CheckpointParam;
import com.example.csbs.client.model.CheckpointReq;
import com.example.csbs.client.model.CreateBackupPolicyRequest;
import com.example.csbs.client.model.CreateRestorationRequest;
import com.example.csbs.client.model.ExecuteBackupPolicyRequest;
import com.example.csbs.client.model.OperationDefinitionReq;
import com.example.csbs.client.model.PolicyCreate;
import com.example.csbs.client.model.PolicyParamReq;
import com.example.csbs.client.model.PolicyResp;
import com.example.csbs.client.model.QueryBackupsByTagsResponse;
import com.example.csbs.client.model.Resource;
import com.example.csbs.client.model.ResourceReq;
import com.example.csbs.client.model.ResourceTag;
import com.example.csbs.client.model.RestoreParam;
import com.example.csbs.client.model.RestoreReq;
import com.example.csbs.client.model.RestoreTarget;
import com.example.csbs.client.model.RestoreVolumeMapping;
import com.example.csbs.client.model.ScheduledOperationCreate;
import com.example.csbs.client.model.TagFilter;
import com.example.csbs.client.model.TagQueryRequest;
import com.example.csbs.client.model.TaggedBackup;
import com.example.csbs.client.model.Trigger;
import com.example.csbs.client.model.TriggerProperties;
import com.example.csbs.client.sdk.Csbs;
import com.example.csbs.client.sdk.WaitFailedException;
import com.example.csbs.client.sdk.WaitTimeoutException;
import com.example.csbs.client.sdk.Waiting;
import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.StubServer;
import com.example.csbs.stub.data.BackupDataSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's tag example (section "Using the contract from another team", on the generated TagApi) and its
 * consumer flows (on the client's layer, com.example.csbs.client.sdk), run as written against a stub on the real clock with short durations:
 * a consumer's code polls on wall time, so this test really waits (about a second in all). README.md
 * must hold the code between the README-FLOW markers verbatim.
 */
class ReadmeFlowTest {

    private static final Duration POLL_EVERY = Duration.ofMillis(50);

    private StubServer stub;
    private final ExchangeLog wire = new ExchangeLog();

    @AfterEach
    void stopStubAndCheckTheTraffic() {
        try {
            wire.assertAllValid();
        } finally {
            if (stub != null) {
                stub.close();
            }
        }
    }

    @Test
    void theConsumersFlowBacksUpWaitsDeletesAndWaitsUntilGone() throws Exception {
        ApiClient client = startStub(Duration.ofMillis(300), Duration.ofMillis(200));

        long started = System.nanoTime();
        List<String> deleted = backUpAndDelete(client, PROJECT_ID, "daily", Duration.ofSeconds(10), POLL_EVERY);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(deleted).hasSize(2).doesNotHaveDuplicates();
        BackupApi backups = new BackupApi(client);
        for (String id : deleted) {
            ApiException gone = catchThrowableOfType(ApiException.class,
                    () -> backups.getBackup(PROJECT_ID, UUID.fromString(id)));
            assertThat(gone.getCode()).isEqualTo(404);
        }
        assertThat(backups.countBackups(PROJECT_ID).execute().getCount()).isZero();
        // It really waited for the backups and their deletion (300 + 200 ms), and finished within its own timeout.
        assertThat(took).isBetween(Duration.ofMillis(500), Duration.ofSeconds(10));
        // It polled: more than the few requests a flow without waiting makes.
        assertThat(wire.all().stream().filter(e -> e.uri().getPath().endsWith("/checkpoint_items"))).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void theConsumersFlowStopsAtABackupThatFailed() throws Exception {
        ApiClient client = startStub(Duration.ofMillis(300), Duration.ofMillis(200));

        WaitFailedException failed = catchThrowableOfType(WaitFailedException.class,
                () -> backUpAndDelete(client, PROJECT_ID, "failing", Duration.ofSeconds(10), POLL_EVERY));

        assertThat(failed).hasMessageContaining("No volume attached to the server");
    }

    @Test
    void theConsumersFlowGivesUpAtTheTimeout() throws Exception {
        ApiClient client = startStub(Duration.ofMinutes(10), Duration.ofMillis(200));

        long started = System.nanoTime();
        WaitTimeoutException timedOut = catchThrowableOfType(WaitTimeoutException.class,
                () -> backUpAndDelete(client, PROJECT_ID, "daily", Duration.ofMillis(300), POLL_EVERY));

        assertThat(timedOut).hasMessageContaining("backups of checkpoint").hasMessageContaining("not done in PT0.3S");
        // It gave up near its 300 ms timeout, not after the 10 minutes the backup would take.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void theConsumersSecondFlowCreatesAPolicyExecutesItRestoresTheBackupAndDeletesEverything() throws Exception {
        ApiClient client = startStub(Duration.ofMillis(300), Duration.ofMillis(200));
        String server = "45baf976-c20a-4894-a7c3-c94b7376bf55";   // a server no policy holds

        long started = System.nanoTime();
        String restored = backUpRestoreAndDelete(client, PROJECT_ID, server, Duration.ofSeconds(10), POLL_EVERY);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        BackupApi backups = new BackupApi(client);
        ApiException gone = catchThrowableOfType(ApiException.class, () -> backups.getBackup(PROJECT_ID, UUID.fromString(restored)));
        assertThat(gone.getCode()).isEqualTo(404);
        assertThat(backups.countBackups(PROJECT_ID).execute().getCount()).isZero();
        assertThat(new PolicyApi(client).listBackupPolicies(PROJECT_ID).execute().getPolicies())
                .extracting(PolicyResp::getName).doesNotContain("restore-drill-45baf976").hasSize(3);
        // It restored, and waited for it: the backup was seen being restored, then available.
        assertThat(wire.all()).filteredOn(e -> e.uri().getPath().endsWith("/restores")).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(200));
        assertThat(wire.all()).filteredOn(e -> e.uri().getPath().endsWith("/checkpoint_items/" + restored))
                .extracting(e -> e.responseJson().at("/checkpoint_item/status").asText())
                .contains("available").containsAnyOf("waiting_restore", "restoring");
        // It waited for the backup, the restore (as long as a backup) and the deletion: 300 + 300 + 200 ms.
        assertThat(took).isBetween(Duration.ofMillis(800), Duration.ofSeconds(10));
    }

    @Test
    void theConsumersSecondFlowStopsAtAFailedRestoreAndStillDeletesThePolicy() throws Exception {
        ApiClient client = startStub(Duration.ofMillis(300), Duration.ofMillis(200));
        client.addDefaultHeader("Prefer", "restore=error");   // the stub's way to fail a restore

        WaitFailedException failed = catchThrowableOfType(WaitFailedException.class, () -> backUpRestoreAndDelete(client,
                PROJECT_ID, "45baf976-c20a-4894-a7c3-c94b7376bf55", Duration.ofSeconds(10), POLL_EVERY));

        assertThat(failed).hasMessageContaining("restore from backup").hasMessageContaining("failed");
        assertThat(new PolicyApi(client).listBackupPolicies(PROJECT_ID).name("restore-drill-45baf976").execute()
                .getPolicies()).as("the policy deleted all the same").isEmpty();
    }

    @Test
    void readmeHoldsTheFlowVerbatim() throws IOException {
        Path moduleDir = Path.of(System.getProperty("user.dir"));
        String source = Files.readString(moduleDir.resolve(
                "src/test/java/com/example/csbs/contract/ReadmeFlowTest.java"), StandardCharsets.UTF_8);
        String readme = Files.readString(moduleDir.getParent().resolve("README.md"), StandardCharsets.UTF_8);

        String flow = flowOf(source);
        assertThat(flow).contains("backUpAndDelete(").contains("backUpRestoreAndDelete(");
        assertThat(readme).as("README.md, section \"The consumer's flow\"")
                .contains("## The consumer's flow")
                .contains("```java\n" + flow + "```\n");
    }

    @Test
    void theTagExampleTagsAPolicyAndABackupAndFindsTheBackupByItsTag() throws Exception {
        ApiClient client = startStub(Duration.ZERO, Duration.ZERO);
        UUID policyId = UUID.fromString(Contract.EXAMPLE_PLAN_ID);
        UUID checkpointId = new BackupApi(client).executeBackupPolicy(PROJECT_ID, Csbs.PROVIDER_ID,
                new ExecuteBackupPolicyRequest().checkpoint(new CheckpointReq().planId(policyId)
                        .parameters(new CheckpointParam()))).getCheckpoint().getId();
        List<CheckpointItem> backups = new BackupApi(client).listBackups(PROJECT_ID).checkpointId(checkpointId).execute()
                .getCheckpointItems();
        assertThat(backups).as("the policy's two servers, backed up").hasSize(2);
        UUID tagged = UUID.fromString(backups.get(0).getId());

        List<String> found = tagAndFindBackups(client, PROJECT_ID, policyId, tagged);

        assertThat(found).containsExactly(tagged.toString());
        assertThat(new TagApi(client).listPolicyTags(PROJECT_ID, policyId).getTags())
                .contains(new ResourceTag().key("env").value("prod"));
    }

    @Test
    void readmeHoldsTheTagExampleVerbatim() throws IOException {
        Path moduleDir = Path.of(System.getProperty("user.dir"));
        String source = Files.readString(moduleDir.resolve(
                "src/test/java/com/example/csbs/contract/ReadmeFlowTest.java"), StandardCharsets.UTF_8);
        String readme = Files.readString(moduleDir.getParent().resolve("README.md"), StandardCharsets.UTF_8);
        String section = "## Using the contract from another team";
        int from = readme.indexOf(section);
        assertThat(from).as("README.md has the section \"%s\"", section).isNotNegative();
        String clientSection = readme.substring(from, readme.indexOf("\n## ", from + section.length()));

        String example = between(source, "README-TAGS");
        assertThat(example).contains("new TagApi(").contains("queryBackupsByTags(");
        assertThat(clientSection).as("README.md, section \"%s\"", section).contains("```java\n" + example + "```\n");
    }

    /** The consumer's flow: the lines between the README-FLOW markers. */
    private static String flowOf(String source) {
        return between(source, "README-FLOW");
    }

    /** The lines between the markers NAME-BEGIN and NAME-END, without the indentation they have in the class. */
    private static String between(String source, String name) {
        String begin = "// " + name + "-BEGIN\n";
        String end = "// " + name + "-END";
        int from = source.indexOf(begin);
        int to = source.lastIndexOf(end);
        assertThat(from).as("the begin marker").isNotNegative();
        assertThat(to).as("the end marker").isGreaterThan(from);
        String block = source.substring(from + begin.length(), source.lastIndexOf('\n', to) + 1);
        return block.lines()
                .map(line -> line.startsWith("    ") ? line.substring(4) : line.strip())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private ApiClient startStub(Duration backupDuration, Duration deleteDuration) {
        stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault(), StubOptions.defaults()
                .withBackupDuration(backupDuration).withDeleteDuration(deleteDuration));
        ApiClient client = new ApiClient();
        client.setBasePath(stub.baseUri().toString().replaceAll("/$", ""));
        client.setApiKey(TOKEN);
        client.getHttpClient().register(wire);
        return client;
    }

    // README-TAGS-BEGIN
    /**
     * Tags a backup policy and one of its backups with env=prod, then finds the project's backups
     * tagged env=prod. Returns their IDs.
     */
    static List<String> tagAndFindBackups(ApiClient client, String projectId, UUID policyId, UUID backupId)
            throws ApiException {
        TagApi tags = new TagApi(client);
        ResourceTag prod = new ResourceTag().key("env").value("prod");
        tags.addPolicyTag(projectId, policyId, new AddTagRequest().tag(prod));   // 204; the same key again overwrites
        tags.addBackupTag(projectId, backupId, new AddTagRequest().tag(prod));   // backupId: a checkpoint item's id

        // Backups with the tag env=prod, newest first (limit and offset, strings of digits, page further).
        QueryBackupsByTagsResponse found = tags.queryBackupsByTags(projectId, new TagQueryRequest()
                .action(TagQueryRequest.ActionEnum.FILTER)
                .addTagsItem(new TagFilter().key("env").values(Set.of("prod"))));
        return found.getResources().stream().map(TaggedBackup::getResourceId).toList();
    }
    // README-TAGS-END

    // README-FLOW-BEGIN
    /**
     * Backs up every resource of the backup policy named policyName, waits until each backup is
     * available, deletes them and waits until they are gone. Returns the IDs of the deleted backups.
     */
    static List<String> backUpAndDelete(ApiClient client, String projectId, String policyName,
                                        Duration timeout, Duration pollEvery) throws ApiException {
        Csbs csbs = Csbs.builder(client).waiting(Waiting.atMost(timeout).pollingEvery(pollEvery)).build();

        PolicyResp policy = csbs.allPolicies(projectId, query -> query.name(policyName)).first()
                .orElseThrow(() -> new IllegalArgumentException("no backup policy " + policyName));
        UUID checkpointId = csbs.backups().executeBackupPolicy(projectId, Csbs.PROVIDER_ID,
                        new ExecuteBackupPolicyRequest().checkpoint(new CheckpointReq()
                                .planId(UUID.fromString(policy.getId()))
                                .parameters(new CheckpointParam().autoTrigger(false))))
                .getCheckpoint().getId();

        // One backup per resource: wait until all are available (a backup in error ends the wait
        // with a WaitFailedException carrying its fail_reason; the timeout with a WaitTimeoutException).
        List<String> backupIds = csbs.waitUntilBackupsAvailable(projectId, checkpointId).stream()
                .map(CheckpointItem::getId).toList();

        // Delete them all (the whole checkpoint), then wait until each one answers 404.
        csbs.backups().deleteBackup(projectId, Csbs.PROVIDER_ID, checkpointId, null);
        csbs.waitUntilBackupsDeleted(projectId, backupIds);
        return backupIds;
    }

    /**
     * Creates a backup policy for one server, executes it, waits until the backup is available,
     * restores it to the server, waits until the restore is done, then deletes the backups and the
     * policy (the policy also when a step fails). Returns the ID of the restored backup.
     */
    static String backUpRestoreAndDelete(ApiClient client, String projectId, String serverId,
                                         Duration timeout, Duration pollEvery) throws ApiException {
        Csbs csbs = Csbs.builder(client).waiting(Waiting.atMost(timeout).pollingEvery(pollEvery)).build();

        // A policy for the server that backs up when executed (its schedule disabled).
        PolicyResp policy = csbs.policies().createBackupPolicy(projectId, new CreateBackupPolicyRequest()
                .policy(new PolicyCreate()
                        .name("restore-drill-" + serverId.substring(0, 8))
                        .providerId(PolicyCreate.ProviderIdEnum.FC4D5750_22E7_4798_8A46_F48F62C4C1DA)
                        .parameters(new PolicyParamReq())
                        .addResourcesItem(new ResourceReq().id(UUID.fromString(serverId)).name("server")
                                .type(ResourceReq.TypeEnum.OS_NOVA_SERVER))
                        .addScheduledOperationsItem(new ScheduledOperationCreate()
                                .enabled(false)
                                .operationType(ScheduledOperationCreate.OperationTypeEnum.BACKUP)
                                .operationDefinition(new OperationDefinitionReq().maxBackups(3))
                                .trigger(new Trigger().properties(new TriggerProperties().pattern(
                                        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=3;BYMINUTE=0"
                                                + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))))))
                .getPolicy();
        UUID policyId = UUID.fromString(policy.getId());
        try {
            UUID checkpointId = csbs.backups().executeBackupPolicy(projectId, Csbs.PROVIDER_ID,
                            new ExecuteBackupPolicyRequest().checkpoint(new CheckpointReq()
                                    .planId(policyId)
                                    .parameters(new CheckpointParam().autoTrigger(false))))
                    .getCheckpoint().getId();

            // One backup, of the server: wait until it is available (error is final).
            CheckpointItem backup = csbs.waitUntilBackupsAvailable(projectId, checkpointId).get(0);

            // Restore it to the server: each disk backup onto the disk it was taken from.
            csbs.restores().createRestoration(projectId, new CreateRestorationRequest().restore(new RestoreReq()
                    .providerId(RestoreReq.ProviderIdEnum.FC4D5750_22E7_4798_8A46_F48F62C4C1DA)
                    .checkpointId(checkpointId)
                    .parameters(new RestoreParam()
                            .checkpointItemId(UUID.fromString(backup.getId()))
                            .powerOn(true)
                            .targets(new RestoreTarget()
                                    .serverId(UUID.fromString(serverId))
                                    .volumes(backup.getExtendInfo().getVolumeBackups().stream()
                                            .map(disk -> new RestoreVolumeMapping()
                                                    .backupId(UUID.fromString(disk.getId()))
                                                    .volumeId(UUID.fromString(disk.getSourceVolumeId())))
                                            .toList())))));

            // The backup is waiting_restore, then restoring, then available again (a failed restore
            // ends the wait with a WaitFailedException carrying its fail_reason).
            csbs.waitUntilRestored(projectId, UUID.fromString(backup.getId()));

            // Delete the backups (the whole checkpoint) and wait until they are gone.
            csbs.backups().deleteBackup(projectId, Csbs.PROVIDER_ID, checkpointId, null);
            csbs.waitUntilBackupsDeleted(projectId, List.of(backup.getId()));
            return backup.getId();
        } finally {
            csbs.policies().deleteBackupPolicy(projectId, policyId);   // its backups would stay: CSBS keeps them
        }
    }
    // README-FLOW-END
}
