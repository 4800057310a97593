package com.example.csbs.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.Test;

/** What the tests and the live checker read from the spec. */
class CsbsSpecTest {

    private static final String PATH = CsbsSpec.checkpointsPath(Contract.PROJECT_ID, CsbsSpec.PROVIDER_ID);

    @Test
    void theRequestExampleIsThePagesExampleRequest() {
        assertThat(Contract.SPEC.requestExample()).isEqualTo(Contract.documentedRequest());
    }

    @Test
    void theRequestExampleIsAFreshCopyEachTime() {
        Contract.SPEC.requestExample().putObject("checkpoint");

        assertThat(Contract.SPEC.requestExample()).isEqualTo(Contract.documentedRequest());
    }

    @Test
    void readsTheErrorCodeOfADocumentedExample() {
        assertThat(Contract.SPEC.documentedErrorCode(404, "plan_not_found")).isEqualTo("CSBS.3000");
        assertThat(Contract.SPEC.documentedErrorCode(401, "token_invalid")).isEqualTo("APIGW.0301");
    }

    @Test
    void refusesAnExampleThatIsNotDocumentedUnderThatStatus() {
        assertThatThrownBy(() -> Contract.SPEC.documentedErrorCode(400, "plan_not_found"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("csbs/openapi.yaml documents no example plan_not_found with an error_code under status 400 of executeBackupPolicy");
    }

    @Test
    void onlyTheStubsValidatorRejectsUndocumentedFields() {
        SimpleResponse withRequestId = SimpleResponse.Builder.status(404)
                .withContentType("application/json")
                .withBody("{\"error_code\": \"CSBS.3000\", \"error_msg\": \"plan not found\", \"request_id\": \"4a1b\"}")
                .build();

        ValidationReport asTheSpecReads = Contract.SPEC.newValidator().validateResponse(PATH, Request.Method.POST, withRequestId);
        ValidationReport forTheStub = Contract.SPEC.newValidatorRejectingUndocumentedFields()
                .validateResponse(PATH, Request.Method.POST, withRequestId);

        assertThat(asTheSpecReads.getMessages()).isEmpty();
        assertThat(forTheStub.getMessages()).singleElement()
                .satisfies(message -> assertThat(message.getKey()).isEqualTo("validation.response.body.schema.additionalProperties"));
    }
}
