package com.example.csbs.stub;

import com.example.csbs.stub.api.BackupApi;
import com.example.csbs.stub.model.CheckpointReq;
import com.example.csbs.stub.model.CheckpointResp;
import com.example.csbs.stub.model.ExecuteBackupPolicyRequest;
import com.example.csbs.stub.model.ExecuteBackupPolicyResponse;
import com.example.csbs.stub.model.PlanResp;
import com.example.csbs.stub.model.Resource;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * "Executing a Backup Policy" against the in-memory data set. Authentication is done before
 * this is called ({@link IamTokenFilter}); the body has passed bean validation.
 */
public class CheckpointOperation implements BackupApi {

    /** The fixed provider_id of CSBS (the spec's enum for the path parameter). */
    public static final String CSBS_PROVIDER_ID = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";

    /** What the page's example response records for a manually executed policy. */
    static final String MANUAL_CREATION = "{\"created_by\": \"manual\"}";

    // The page's timestamp style: UTC, no offset, microseconds (2016-12-06T21:20:29.898823).
    private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private final BackupDataSet dataSet;
    private final CheckpointStore store;
    private final Clock clock;

    public CheckpointOperation(BackupDataSet dataSet, CheckpointStore store, Clock clock) {
        this.dataSet = dataSet;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public ExecuteBackupPolicyResponse executeBackupPolicy(String projectId, String providerId,
                                                           ExecuteBackupPolicyRequest request) {
        if (!CSBS_PROVIDER_ID.equals(providerId)) {
            throw CsbsException.providerInvalid();
        }
        CheckpointReq checkpoint = request.getCheckpoint();
        BackupDataSet.Plan plan = dataSet.plan(projectId, checkpoint.getPlanId().toString())
                .orElseThrow(CsbsException::planNotFound);

        CheckpointResp created = new CheckpointResp()
                .id(UUID.randomUUID())
                .status(CheckpointResp.StatusEnum.PROTECTING)
                .createdAt(LocalDateTime.now(clock).format(CREATED_AT))
                .resourceGraph(null)
                .projectId(projectId)
                .protectionPlan(new PlanResp()
                        .id(plan.id())
                        .name(plan.name())
                        .resources(selectResources(plan, checkpoint.getParameters().getResources())))
                .extraInfo(MANUAL_CREATION);
        store.add(created);
        return new ExecuteBackupPolicyResponse().checkpoint(created);
    }

    /** The requested resources in request order, or every resource of the plan when none are named. */
    private static List<Resource> selectResources(BackupDataSet.Plan plan, Set<UUID> requested) {
        List<BackupDataSet.ProtectedResource> selected = requested == null
                ? plan.resources()
                : requested.stream()
                        .map(id -> plan.resource(id.toString()).orElseThrow(() -> CsbsException.invalidParameter(
                                "resource " + id + " is not in backup policy " + plan.id())))
                        .toList();
        return selected.stream()
                .map(resource -> new Resource()
                        .id(resource.id())
                        .name(resource.name())
                        .type(Resource.TypeEnum.fromValue(resource.type()))
                        .extraInfo(resource.extraInfo() == null ? null : TextNode.valueOf(resource.extraInfo())))
                .toList();
    }
}
