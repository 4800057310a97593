package com.example.csbs.contract;

import static com.example.csbs.contract.Contract.PROJECT_ID;
import static com.example.csbs.contract.Contract.PROVIDER_ID;
import static com.example.csbs.contract.Contract.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.example.csbs.client.ApiClient;
import com.example.csbs.client.ApiException;
import com.example.csbs.client.api.BackupApi;
import com.example.csbs.client.api.PolicyApi;
import com.example.csbs.client.model.BackupData;
import com.example.csbs.client.model.CheckpointItem;
import com.example.csbs.client.model.CheckpointItemExtendInfo;
import com.example.csbs.client.model.OperationDefinition;
import com.example.csbs.client.model.PolicyResp;
import com.example.csbs.client.model.ScheduledOperationResp;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated client for the six sibling operations, against a fake server that answers each with its page's
 * example: the requests it sends (the grouped-parameter builders of listBackups, countBackups and
 * listBackupPolicies included) are the pages' example requests and valid against the spec, and it reads every
 * example into its models.
 */
class ClientReferencePagesTest {

    private static final OpenApiInteractionValidator VALIDATOR = Contract.SPEC.newValidator();

    private static HttpServer server;
    private static final List<HttpExchangeRecord> EXCHANGES = new ArrayList<>();

    /** What the fake server saw and answered. */
    record HttpExchangeRecord(String method, String path, Map<String, List<String>> query, String rawQuery,
                              String token, int status, String body) {
    }

    @BeforeAll
    static void startFakeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ClientReferencePagesTest::answer);
        server.start();
    }

    @AfterAll
    static void stopFakeServer() {
        server.stop(0);
    }

    @BeforeEach
    void forgetExchanges() {
        synchronized (EXCHANGES) {
            EXCHANGES.clear();
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        ReferencePagesSpecTest.Page page;
        if (path.endsWith("/checkpoint_items/count")) {
            page = ReferencePagesSpecTest.COUNT_BACKUPS;
        } else if (path.endsWith("/checkpoint_items")) {
            page = ReferencePagesSpecTest.LIST_BACKUPS;
        } else if (path.contains("/checkpoint_items/")) {
            page = ReferencePagesSpecTest.GET_BACKUP;
        } else if (path.endsWith("/policies")) {
            page = ReferencePagesSpecTest.LIST_BACKUP_POLICIES;
        } else if (path.contains("/policies/")) {
            page = ReferencePagesSpecTest.GET_BACKUP_POLICY;
        } else {
            page = ReferencePagesSpecTest.DELETE_BACKUP;
        }
        byte[] body = ReferencePagesSpecTest.pageExampleAfterDocumentedFixes(page).toString()
                .getBytes(StandardCharsets.UTF_8);
        String rawQuery = exchange.getRequestURI().getRawQuery();
        synchronized (EXCHANGES) {
            EXCHANGES.add(new HttpExchangeRecord(exchange.getRequestMethod(), path, ExchangeLog.queryParameters(rawQuery), rawQuery,
                    exchange.getRequestHeaders().getFirst("X-Auth-Token"), 200, new String(body, StandardCharsets.UTF_8)));
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void listBackupsSendsThePagesExampleRequestWithTheGroupedParameters() throws ApiException {
        List<CheckpointItem> backups = backupApi().listBackups(PROJECT_ID)
                .name("backup").status("error").limit(2)
                .execute().getCheckpointItems();

        HttpExchangeRecord sent = onlyExchange();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.path()).isEqualTo("/v1/" + PROJECT_ID + "/checkpoint_items");
        assertThat(sent.query()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "name", List.of("backup"), "status", List.of("error"), "limit", List.of("2")));
        assertThat(sent.token()).isEqualTo(TOKEN);
        assertValidAgainstTheSpec(sent);

        assertThat(backups).singleElement().satisfies(backup -> {
            assertThat(backup.getId()).isEqualTo("90c1d5fa-1b9f-4aeb-b2f4-81c806e98190");
            assertThat(backup.getStatus()).isEqualTo(CheckpointItem.StatusEnum.AVAILABLE);
            CheckpointItemExtendInfo extendInfo = backup.getExtendInfo();
            assertThat(extendInfo.getFailOp()).isEqualTo(CheckpointItemExtendInfo.FailOpEnum.EMPTY);
            assertThat(extendInfo.getCopyStatus()).isEqualTo(CheckpointItemExtendInfo.CopyStatusEnum.NA);
            assertThat(extendInfo.getHypervisorType()).isEqualTo(CheckpointItemExtendInfo.HypervisorTypeEnum.QEMU);
            assertThat(extendInfo.getFailCode().getCode()).isNull();
            assertThat(extendInfo.getVolumeBackups()).hasSize(2);
            assertThat(extendInfo.getOsImagesData()).singleElement()
                    .satisfies(image -> assertThat(image.getImageId()).isEqualTo("fe84dd80-0229-4918-8d3d-cbb33154b565"));
            assertThat(backup.getBackupData().getImagetype()).isEqualTo(BackupData.ImagetypeEnum.EMPTY);
            assertThat(backup.getBackupData().getCloudservicetype()).isEqualTo(BackupData.CloudservicetypeEnum.EMPTY);
            assertThat(backup.getBackupData().getOpenstackRegionName()).isEmpty();
            assertThat(backup.getTags()).isNull();
        });
    }

    @Test
    void listBackupsWithoutFiltersSendsNoQuery() throws ApiException {
        backupApi().listBackups(PROJECT_ID).execute();

        assertThat(onlyExchange().rawQuery()).isNull();
    }

    @Test
    void countBackupsSendsThePagesExampleRequest() throws ApiException {
        Integer count = backupApi().countBackups(PROJECT_ID).status("error").execute().getCount();

        HttpExchangeRecord sent = onlyExchange();
        assertThat(sent.path()).isEqualTo("/v1/" + PROJECT_ID + "/checkpoint_items/count");
        assertThat(sent.query()).containsExactlyInAnyOrderEntriesOf(Map.of("status", List.of("error")));
        assertValidAgainstTheSpec(sent);
        assertThat(count).isEqualTo(10);
    }

    @Test
    void getBackupReadsThePagesExample() throws ApiException {
        UUID id = UUID.fromString("90c1d5fa-1b9f-4aeb-b2f4-81c806e98190");

        CheckpointItem backup = backupApi().getBackup(PROJECT_ID, id).getCheckpointItem();

        HttpExchangeRecord sent = onlyExchange();
        assertThat(sent.path()).isEqualTo("/v1/" + PROJECT_ID + "/checkpoint_items/" + id);
        assertValidAgainstTheSpec(sent);
        assertThat(backup.getCheckpointId()).isEqualTo("f672a1bb-6912-446a-816c-72792c5263e0");
        assertThat(backup.getExtendInfo().getSupportedRestoreMode())
                .isEqualTo(CheckpointItemExtendInfo.SupportedRestoreModeEnum.BACKUP);
    }

    @Test
    void deleteBackupSendsTheBackupIdsCommaSeparated() throws ApiException {
        UUID checkpoint = UUID.fromString("f672a1bb-6912-446a-816c-72792c5263e0");
        UUID first = UUID.fromString("70675cbc-d3a8-43a7-9f81-c8b6bc3f5d6d");
        UUID second = UUID.fromString("8eb98e91-8924-4d4b-b6d6-28fb7b751e9c");

        Object answer = backupApi().deleteBackup(PROJECT_ID, PROVIDER_ID, checkpoint, List.of(first, second));

        HttpExchangeRecord sent = onlyExchange();
        assertThat(sent.method()).isEqualTo("DELETE");
        assertThat(sent.path()).isEqualTo("/v1/" + PROJECT_ID + "/providers/" + PROVIDER_ID + "/checkpoints/" + checkpoint);
        assertThat(sent.query()).containsExactlyEntriesOf(Map.of("checkpoint_items", List.of(first + "," + second)));
        assertValidAgainstTheSpec(sent);
        assertThat(answer).asInstanceOf(InstanceOfAssertFactories.MAP).isEmpty();
    }

    @Test
    void deleteBackupWithoutIdsDeletesTheWholeRecord() throws ApiException {
        UUID checkpoint = UUID.fromString("f672a1bb-6912-446a-816c-72792c5263e0");

        backupApi().deleteBackup(PROJECT_ID, PROVIDER_ID, checkpoint, null);

        assertThat(onlyExchange().rawQuery()).isNull();
    }

    @Test
    void listBackupPoliciesSendsThePagesExampleRequestWithTheGroupedParameters() throws ApiException {
        List<PolicyResp> policies = policyApi().listBackupPolicies(PROJECT_ID)
                .sort("created_at:asc").limit(3).offset(3)
                .execute().getPolicies();

        HttpExchangeRecord sent = onlyExchange();
        assertThat(sent.path()).isEqualTo("/v1/" + PROJECT_ID + "/policies");
        assertThat(sent.query()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "sort", List.of("created_at:asc"), "limit", List.of("3"), "offset", List.of("3")));
        assertValidAgainstTheSpec(sent);

        assertThat(policies).singleElement().satisfies(ClientReferencePagesTest::isThePagesPolicy);
    }

    @Test
    void getBackupPolicyReadsThePagesExample() throws ApiException {
        UUID id = UUID.fromString("27b11f3f-578d-4464-89d1-7c6d5894f753");

        PolicyResp policy = policyApi().getBackupPolicy(PROJECT_ID, id).getPolicy();

        HttpExchangeRecord sent = onlyExchange();
        assertThat(sent.path()).isEqualTo("/v1/" + PROJECT_ID + "/policies/" + id);
        assertValidAgainstTheSpec(sent);
        isThePagesPolicy(policy);
    }

    private static void isThePagesPolicy(PolicyResp policy) {
        assertThat(policy.getName()).isEqualTo("my-plan");
        assertThat(policy.getProviderId()).isEqualTo(PolicyResp.ProviderIdEnum.FC4D5750_22E7_4798_8A46_F48F62C4C1DA);
        assertThat(policy.getParameters().getCommon()).isNotNull();
        assertThat(policy.getResources()).hasSize(2).allSatisfy(resource -> {
            JsonNode extraInfo = resource.getExtraInfo();
            assertThat(extraInfo.isObject()).isTrue();
            assertThat(extraInfo.isEmpty()).isTrue();
        });
        ScheduledOperationResp operation = policy.getScheduledOperations().get(0);
        assertThat(operation.getOperationType()).isEqualTo(ScheduledOperationResp.OperationTypeEnum.BACKUP);
        OperationDefinition definition = operation.getOperationDefinition();
        assertThat(definition.getMaxBackups()).isEqualTo(20);
        assertThat(definition.getRetentionDurationDays()).isNull();
        assertThat(operation.getTrigger().getProperties().getStartTime()).isEqualTo("2017-03-07 09:31:08");
        assertThat(operation.getTrigger().getProperties().getPattern()).startsWith("BEGIN:VCALENDAR\r\n");
    }

    private static void assertValidAgainstTheSpec(HttpExchangeRecord sent) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(sent.method(), sent.path())
                .withHeader("X-Auth-Token", sent.token())
                .withHeader("Accept", "application/json");
        sent.query().forEach(request::withQueryParam);
        SimpleResponse response = SimpleResponse.Builder.status(sent.status())
                .withContentType("application/json").withBody(sent.body()).build();
        Contract.assertValid(VALIDATOR.validate(request.build(), response));
    }

    private static HttpExchangeRecord onlyExchange() {
        synchronized (EXCHANGES) {
            assertThat(EXCHANGES).hasSize(1);
            return EXCHANGES.get(0);
        }
    }

    private static ApiClient client() {
        ApiClient client = new ApiClient();
        client.setBasePath("http://127.0.0.1:" + server.getAddress().getPort());
        client.setApiKey(TOKEN);
        return client;
    }

    private static BackupApi backupApi() {
        return new BackupApi(client());
    }

    private static PolicyApi policyApi() {
        return new PolicyApi(client());
    }
}
