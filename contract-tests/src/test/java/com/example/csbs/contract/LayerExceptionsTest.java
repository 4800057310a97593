package com.example.csbs.contract;

import static com.example.csbs.contract.Contract.OTHER_PROJECT_TOKEN;
import static com.example.csbs.contract.Contract.PROJECT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.example.csbs.client.ApiClient;
import com.example.csbs.client.ApiException;
import com.example.csbs.client.sdk.BadRequestException;
import com.example.csbs.client.sdk.Csbs;
import com.example.csbs.client.sdk.CsbsException;
import com.example.csbs.client.sdk.ForbiddenException;
import com.example.csbs.client.sdk.InternalServerErrorException;
import com.example.csbs.client.sdk.MethodNotAllowedException;
import com.example.csbs.client.sdk.NotAcceptableException;
import com.example.csbs.client.sdk.NotFoundException;
import com.example.csbs.client.sdk.PayloadTooLargeException;
import com.example.csbs.client.sdk.Retries;
import com.example.csbs.client.sdk.ServiceUnavailableException;
import com.example.csbs.client.sdk.UnauthorizedException;
import com.example.csbs.client.sdk.UnsupportedMediaTypeException;
import com.example.csbs.client.sdk.Waiting;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One exception type per error status the spec documents, each produced by the stub as a real request
 * would (or by {@code Prefer: status=N} for 500 and 503), carrying the CSBS error_code and error_msg of
 * the answer's body.
 */
class LayerExceptionsTest {

    private final LayerStub stub = new LayerStub(options -> options);
    private final Csbs csbs = stub.csbs(Retries.none(), Waiting.standard());

    @AfterEach
    void stopStub() {
        stub.close();
    }

    record Case(Class<? extends CsbsException> type, String errorCode, ThrowingCallable call) {
    }

    @Test
    void everyDocumentedErrorStatusHasItsTypeWithTheBodysErrorCodeAndMessage() throws Exception {
        String backupPath = "/v1/" + PROJECT_ID + "/checkpoint_items/" + UUID.randomUUID();
        Map<Integer, Case> cases = new LinkedHashMap<>();
        cases.put(400, new Case(BadRequestException.class, "CSBS.9001",
                () -> csbs.backups().listBackups(PROJECT_ID).sort("size:asc").execute()));
        cases.put(401, new Case(UnauthorizedException.class, "APIGW.0301",
                () -> Csbs.over(stub.apiClient("not-a-token")).withRetries(Retries.none()).quotas().listQuotas(PROJECT_ID)));
        cases.put(403, new Case(ForbiddenException.class, "CSBS.9009",
                () -> Csbs.over(stub.apiClient(OTHER_PROJECT_TOKEN)).withRetries(Retries.none()).quotas().listQuotas(PROJECT_ID)));
        cases.put(404, new Case(NotFoundException.class, "CSBS.3001",
                () -> csbs.backups().getBackup(PROJECT_ID, UUID.randomUUID())));
        cases.put(405, new Case(MethodNotAllowedException.class, "APIGW.0101",
                () -> raw("OPTIONS", backupPath, null, "application/json", "application/json")));
        cases.put(406, new Case(NotAcceptableException.class, "CSBS.9001",
                () -> raw("GET", backupPath, null, "text/plain", "application/json")));
        cases.put(413, new Case(PayloadTooLargeException.class, "CSBS.9001",
                () -> raw("POST", "/v1/" + PROJECT_ID + "/policies", Map.of("policy", Map.of("name", "x".repeat(1_100_000))),
                        "application/json", "application/json")));
        cases.put(415, new Case(UnsupportedMediaTypeException.class, "CSBS.9001",
                () -> raw("POST", "/v1/" + PROJECT_ID + "/policies", "policy", "application/json", "text/plain")));
        cases.put(500, new Case(InternalServerErrorException.class, "CSBS.9999", () -> preferring(500)));
        cases.put(503, new Case(ServiceUnavailableException.class, "CSBS.9998", () -> preferring(503)));

        Set<Integer> documented = new TreeSet<>();
        csbs.spec().operations().values().forEach(operation -> documented.addAll(operation.errorStatuses()));
        assertThat(cases.keySet()).as("a case for every error status the spec documents").containsExactlyInAnyOrderElementsOf(documented);

        for (Map.Entry<Integer, Case> entry : cases.entrySet()) {
            Case expected = entry.getValue();
            CsbsException thrown = catchThrowableOfType(CsbsException.class, expected.call());
            assertThat(thrown).as("status %d", entry.getKey()).isNotNull();
            JsonNode body = Contract.JSON.readTree(thrown.getResponseBody());
            assertThat(thrown).as("status %d", entry.getKey()).isExactlyInstanceOf(expected.type())
                    .isInstanceOf(ApiException.class);
            assertThat(thrown.status()).isEqualTo(entry.getKey()).isEqualTo(thrown.getCode());
            assertThat(thrown.errorCode()).as("status %d", entry.getKey()).hasValue(expected.errorCode());
            assertThat(thrown.errorMsg()).hasValue(body.get("error_msg").asText());
            assertThat(thrown.errorMsg().orElseThrow()).isNotBlank();
            assertThat(thrown).hasMessageContaining(entry.getKey() + " " + expected.errorCode() + ": ");
        }
    }

    /** A request the generated APIs cannot send (a wrong method, Accept or body), through the layer. */
    private void raw(String method, String path, Object body, String accept, String contentType) throws ApiException {
        csbs.backups().getApiClient().invokeAPI("BackupApi.getBackup", path, method, new ArrayList<>(), body,
                new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), accept, contentType,
                new String[] {"iam_token"}, null, false, null);
    }

    private void preferring(int status) throws ApiException {
        ApiClient client = stub.apiClient(Contract.TOKEN);
        client.addDefaultHeader("Prefer", "status=" + status);
        Csbs.over(client).withRetries(Retries.none()).backups().getBackup(PROJECT_ID, UUID.randomUUID());
    }
}
