package com.example.csbs.contract;

import static com.example.csbs.contract.Contract.OTHER_PROJECT_TOKEN;
import static com.example.csbs.contract.Contract.PROJECT_ID;
import static com.example.csbs.contract.Contract.PROVIDER_ID;
import static com.example.csbs.contract.Contract.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.example.csbs.client.ApiClient;
import com.example.csbs.client.ApiException;
import com.example.csbs.client.api.BackupApi;
import com.example.csbs.client.model.CheckpointParam;
import com.example.csbs.client.model.CheckpointReq;
import com.example.csbs.client.model.CheckpointResp;
import com.example.csbs.client.model.ErrorResp;
import com.example.csbs.client.model.ExecuteBackupPolicyRequest;
import com.example.csbs.client.model.Resource;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.policy.PolicyResource;
import com.example.csbs.stub.http.FaultInjection;
import com.example.csbs.stub.StubApplication;
import com.example.csbs.stub.StubServer;
import com.example.csbs.stub.model.ExecuteBackupPolicyResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated client against the stub, end to end: every documented status, every exchange checked against the spec. */
class ClientAgainstStubTest {

    private static final UUID EXAMPLE_PLAN = UUID.fromString(Contract.EXAMPLE_PLAN_ID);
    private static final String PATH = Contract.checkpointsPath(PROJECT_ID, PROVIDER_ID);

    private static StubServer stub;
    private static StubServer brokenStub;
    private static StubServer alwaysFailingStub;

    @BeforeAll
    static void startStubs() {
        BackupDataSet dataSet = BackupDataSet.embeddedDefault();
        stub = StubServer.start("127.0.0.1", 0, dataSet);
        brokenStub = StubServer.start("127.0.0.1", 0, new StubApplication(dataSet, new BrokenOperation(),
                new PolicyResource(dataSet), FaultInjection.onRequest()));
        // --failure-rate 1 --failure-status 500
        alwaysFailingStub = StubServer.start("127.0.0.1", 0, dataSet,
                StubOptions.defaults().withFaults(new FaultInjection(1, 500)));
    }

    @AfterAll
    static void stopStubs() {
        stub.close();
        brokenStub.close();
        alwaysFailingStub.close();
    }

    @Test
    void executesTheDocumentedRequest() throws ApiException {
        ExchangeLog wire = new ExchangeLog();

        CheckpointResp checkpoint = api(stub, TOKEN, wire)
                .executeBackupPolicy(PROJECT_ID, PROVIDER_ID, documentedRequest()).getCheckpoint();

        wire.assertAllValid();
        assertThat(Contract.parse(wire.last().requestBody()))
                .isEqualTo(Contract.documentedRequest());
        assertThat(checkpoint.getStatus()).isEqualTo(CheckpointResp.StatusEnum.PROTECTING);
        assertThat(checkpoint.getId()).isNotNull();
        assertThat(checkpoint.getCreatedAt()).matches(Contract.CREATED_AT_PATTERN);
        assertThat(checkpoint.getResourceGraph()).isNull();
        assertThat(checkpoint.getProjectId()).isEqualTo(PROJECT_ID);
        assertThat(checkpoint.getExtraInfo()).isEqualTo("{\"created_by\": \"manual\"}");
        assertThat(checkpoint.getProtectionPlan().getId()).isEqualTo(Contract.EXAMPLE_PLAN_ID);
        assertThat(checkpoint.getProtectionPlan().getName()).isEqualTo("daily");
        assertThat(checkpoint.getProtectionPlan().getResources())
                .extracting(Resource::getId, Resource::getName, Resource::getType)
                .containsExactly(
                        tuple("7a32a8b5-7977-4e24-b5da-e0eb457db75b", "server1",
                                Resource.TypeEnum.OS_NOVA_SERVER),
                        tuple("b2b433bf-7dd6-4a74-aa8f-85673dfbda48", "server2",
                                Resource.TypeEnum.OS_NOVA_SERVER));
    }

    @Test
    void readsA400ForAResourceOutsideThePlan() {
        ExecuteBackupPolicyRequest request = new ExecuteBackupPolicyRequest().checkpoint(new CheckpointReq()
                .planId(EXAMPLE_PLAN)
                .parameters(new CheckpointParam().addResourcesItem(UUID.fromString("1c960fe4-e679-421a-97cd-4f7463d2344b"))));

        assertError(stub, TOKEN, PROVIDER_ID, request, true, 400, "CSBS.9001");
    }

    @Test
    void readsA400ForAnotherProvider() {
        assertError(stub, TOKEN, "d0a6d9b2-4a5d-4c29-8e11-3a4a8ad4c6e9", documentedRequest(), false, 400, "CSBS.9001");
    }

    @Test
    void readsA401WithoutAValidToken() {
        assertError(stub, "expired-token", PROVIDER_ID, documentedRequest(), true, 401, "APIGW.0301");
    }

    @Test
    void readsA403ForATokenOfAnotherProject() {
        assertError(stub, OTHER_PROJECT_TOKEN, PROVIDER_ID, documentedRequest(), true, 403, "CSBS.9009");
    }

    @Test
    void readsA404ForAnUnknownPlan() {
        ExecuteBackupPolicyRequest request = documentedRequest();
        request.getCheckpoint().setPlanId(UUID.fromString("00000000-0000-4000-8000-000000000000"));

        assertError(stub, TOKEN, PROVIDER_ID, request, true, 404, "CSBS.3000");
    }

    @Test
    void readsA503AskedForWithPrefer() {
        assertError(stub, TOKEN, PROVIDER_ID, documentedRequest(), "status=503", true, 503, "CSBS.9998");
    }

    @Test
    void readsA500AskedForWithPrefer() {
        assertError(stub, TOKEN, PROVIDER_ID, documentedRequest(), "status=500", true, 500, "CSBS.9999");
    }

    @Test
    void readsA500FromTheFailureRate() {
        assertError(alwaysFailingStub, TOKEN, PROVIDER_ID, documentedRequest(), true, 500, "CSBS.9999");
    }

    @Test
    void readsA500WhenTheOperationBreaks() {
        assertError(brokenStub, TOKEN, PROVIDER_ID, documentedRequest(), true, 500, "CSBS.9999");
    }

    private static void assertError(StubServer server, String token, String providerId, ExecuteBackupPolicyRequest request,
                                    boolean requestIsValid, int status, String errorCode) {
        assertError(server, token, providerId, request, null, requestIsValid, status, errorCode);
    }

    private static void assertError(StubServer server, String token, String providerId, ExecuteBackupPolicyRequest request,
                                    String prefer, boolean requestIsValid, int status, String errorCode) {
        ExchangeLog wire = new ExchangeLog();
        BackupApi api = api(server, token, wire);
        if (prefer != null) {
            api.getApiClient().addDefaultHeader("Prefer", prefer); // how a client's tests ask the stub for a failure
        }

        ApiException failure = catchThrowableOfType(ApiException.class,
                () -> api.executeBackupPolicy(PROJECT_ID, providerId, request));

        assertThat(failure).as("an ApiException").isNotNull();
        assertThat(failure.getCode()).isEqualTo(status);
        assertThat(failure.getErrorEntity()).isInstanceOf(ErrorResp.class);
        ErrorResp error = (ErrorResp) failure.getErrorEntity();
        assertThat(error.getErrorCode()).isEqualTo(errorCode);
        assertThat(error.getErrorMsg()).isNotBlank();
        if (!requestIsValid) {
            wire.requestInvalidOnPurpose(wire.last());
        }
        wire.assertAllValid();
    }

    private static BackupApi api(StubServer server, String token, ExchangeLog wire) {
        ApiClient client = new ApiClient();
        client.setBasePath(server.baseUri().toString().replaceAll("/$", ""));
        client.setApiKey(token);
        client.getHttpClient().register(wire);
        return new BackupApi(client);
    }

    private static ExecuteBackupPolicyRequest documentedRequest() {
        return new ExecuteBackupPolicyRequest().checkpoint(new CheckpointReq()
                .planId(EXAMPLE_PLAN)
                .parameters(new CheckpointParam()
                        .autoTrigger(false)
                        .addResourcesItem(UUID.fromString("7a32a8b5-7977-4e24-b5da-e0eb457db75b"))
                        .addResourcesItem(UUID.fromString("b2b433bf-7dd6-4a74-aa8f-85673dfbda48"))));
    }

    /** A test double of the operation with a bug: whatever escapes it must still be a documented 500. */
    public static final class BrokenOperation implements com.example.csbs.stub.api.BackupApi {
        @Override
        public ExecuteBackupPolicyResponse executeBackupPolicy(String projectId, String providerId,
                com.example.csbs.stub.model.ExecuteBackupPolicyRequest request) {
            throw new IllegalStateException("a bug in the operation");
        }

        @Override
        public Object deleteBackup(String projectId, String providerId, UUID checkpointId,
                java.util.List<UUID> checkpointItems) {
            throw new IllegalStateException("a bug in the operation");
        }

        @Override
        public com.example.csbs.stub.model.GetBackupResponse getBackup(String projectId, UUID checkpointItemId) {
            throw new IllegalStateException("a bug in the operation");
        }

        @Override
        public com.example.csbs.stub.model.ListBackupsResponse listBackups(String projectId, String status,
                Integer limit, UUID marker, String sort, Boolean allTenants, String name, String az, UUID resourceId,
                String resourceName, String startTime, String endTime, String imageType, UUID policyId,
                Integer offset, UUID checkpointId, String resourceType, String ip) {
            throw new IllegalStateException("a bug in the operation");
        }

        @Override
        public com.example.csbs.stub.model.CountBackupsResponse countBackups(String projectId, String status,
                Boolean allTenants, String name, String az, UUID resourceId, String resourceName, String startTime,
                String endTime, String imageType, UUID policyId, String ip, UUID checkpointId, String resourceType) {
            throw new IllegalStateException("a bug in the operation");
        }
    }
}
