package com.example.csbs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.client.JSON;
import com.example.csbs.client.model.CheckpointParam;
import com.example.csbs.client.model.CheckpointReq;
import com.example.csbs.client.model.CheckpointResp;
import com.example.csbs.client.model.ExecuteBackupPolicyRequest;
import com.example.csbs.client.model.ExecuteBackupPolicyResponse;
import com.example.csbs.client.model.PlanResp;
import com.example.csbs.client.model.Resource;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.LocalDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The generated client's models against the page's examples and what the real service sends. */
class ClientModelTest {

    private final ObjectMapper clientMapper = new JSON().getMapper();

    @Test
    void serializesTheDocumentedRequest() throws JsonProcessingException {
        ExecuteBackupPolicyRequest request = new ExecuteBackupPolicyRequest().checkpoint(new CheckpointReq()
                .planId(UUID.fromString("62171999-3df1-42f7-9513-6f9b1bea4744"))
                .parameters(new CheckpointParam()
                        .autoTrigger(false)
                        .addResourcesItem(UUID.fromString("7a32a8b5-7977-4e24-b5da-e0eb457db75b"))
                        .addResourcesItem(UUID.fromString("b2b433bf-7dd6-4a74-aa8f-85673dfbda48"))));

        JsonNode written = Contract.parse(clientMapper.writeValueAsString(request));

        assertThat(written).isEqualTo(Contract.documentedRequest());
    }

    @Test
    void leavesOutResourcesThatWereNotSet() throws JsonProcessingException {
        ExecuteBackupPolicyRequest request = new ExecuteBackupPolicyRequest().checkpoint(new CheckpointReq()
                .planId(UUID.fromString(Contract.EXAMPLE_PLAN_ID)).parameters(new CheckpointParam()));

        JsonNode written = Contract.parse(clientMapper.writeValueAsString(request));

        assertThat(written).isEqualTo(Contract.parse(
                "{\"checkpoint\":{\"plan_id\":\"" + Contract.EXAMPLE_PLAN_ID + "\",\"parameters\":{}}}"));
    }

    @Test
    void readsEveryFieldOfTheDocumentedResponse() throws JsonProcessingException {
        CheckpointResp checkpoint = read(Contract.documentedResponse()).getCheckpoint();

        assertThat(checkpoint.getStatus()).isEqualTo(CheckpointResp.StatusEnum.PROTECTING);
        assertThat(checkpoint.getCreatedAt()).isEqualTo("2016-12-06T21:20:29.898823");
        assertThat(checkpoint.getId()).isEqualTo(UUID.fromString("14626f11-b54a-44ea-8e69-7463e527506a"));
        assertThat(checkpoint.getResourceGraph()).isNull();
        assertThat(checkpoint.getProjectId()).isEqualTo("b942cc8342734d15bcb246babb1953cf");
        assertThat(checkpoint.getExtraInfo()).isEqualTo("{\"created_by\": \"manual\"}");
        PlanResp plan = checkpoint.getProtectionPlan();
        assertThat(plan.getId()).isEqualTo("6a6cda7e-7b89-4b14-8e5c-3b6821a97d2c");
        assertThat(plan.getName()).isEqualTo("backup");
        assertThat(plan.getResources()).singleElement().satisfies(resource -> {
            assertThat(resource.getType()).isEqualTo(Resource.TypeEnum.OS_NOVA_SERVER);
            assertThat(resource.getId()).isEqualTo("1c960fe4-e679-421a-97cd-4f7463d2344b");
            assertThat(resource.getName()).isEqualTo("server0");
            assertThat(resource.getExtraInfo()).isEqualTo(TextNode.valueOf("{}"));
        });
    }

    @Test
    void writesTheDocumentedResponseBackUnchangedIncludingTheNullResourceGraph() throws JsonProcessingException {
        ExecuteBackupPolicyResponse response = read(Contract.documentedResponse());

        JsonNode written = Contract.parse(clientMapper.writeValueAsString(response));

        assertThat(written).isEqualTo(Contract.documentedResponse());
        assertThat(written.get("checkpoint").has("resource_graph")).isTrue();
        assertThat(written.get("checkpoint").get("resource_graph").isNull()).isTrue();
    }

    @Test
    void parsesCreatedAtAsTheServiceWritesIt() throws JsonProcessingException {
        String createdAt = read(Contract.documentedResponse()).getCheckpoint().getCreatedAt();

        assertThat(LocalDateTime.parse(createdAt)).isEqualTo(LocalDateTime.of(2016, 12, 6, 21, 20, 29, 898_823_000));
    }

    @Test
    void ignoresFieldsAddedByAFutureService() throws JsonProcessingException {
        ObjectNode response = Contract.documentedResponse();
        response.put("request_id", "abc");
        ((ObjectNode) response.get("checkpoint")).put("copy_status", "na");
        ((ObjectNode) response.get("checkpoint").get("protection_plan")).putObject("schedule").put("x", 1);

        CheckpointResp checkpoint = read(response).getCheckpoint();

        assertThat(checkpoint.getId()).isEqualTo(UUID.fromString("14626f11-b54a-44ea-8e69-7463e527506a"));
        assertThat(checkpoint.getProtectionPlan().getName()).isEqualTo("backup");
    }

    @Test
    void readsAnUnknownStatusOrResourceTypeAsTheUnknownDefault() throws JsonProcessingException {
        ObjectNode response = Contract.documentedResponse();
        ((ObjectNode) response.get("checkpoint")).put("status", "copying");
        ((ObjectNode) response.get("checkpoint").get("protection_plan").get("resources").get(0))
                .put("type", "OS::Cinder::Volume");

        CheckpointResp checkpoint = read(response).getCheckpoint();

        assertThat(checkpoint.getStatus()).isEqualTo(CheckpointResp.StatusEnum.UNKNOWN_DEFAULT_OPEN_API);
        assertThat(checkpoint.getProtectionPlan().getResources().get(0).getType())
                .isEqualTo(Resource.TypeEnum.UNKNOWN_DEFAULT_OPEN_API);
    }

    @Test
    void readsExtraInfoThatIsAbsentNullOrAnObject() throws JsonProcessingException {
        ObjectNode response = Contract.documentedResponse();
        ObjectNode checkpointNode = (ObjectNode) response.get("checkpoint");
        checkpointNode.remove("extra_info");
        ((ObjectNode) checkpointNode.get("protection_plan").get("resources").get(0)).putObject("extra_info");
        assertThat(read(response).getCheckpoint().getExtraInfo()).isNull();
        assertThat(read(response).getCheckpoint().getProtectionPlan().getResources().get(0).getExtraInfo())
                .isEqualTo(Contract.parse("{}"));

        checkpointNode.putNull("extra_info");
        assertThat(read(response).getCheckpoint().getExtraInfo()).isNull();
    }

    private ExecuteBackupPolicyResponse read(JsonNode json) throws JsonProcessingException {
        return clientMapper.treeToValue(json, ExecuteBackupPolicyResponse.class);
    }
}
