package com.example.csbs.stub.backup;

import com.example.csbs.stub.api.ResourceApi;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.data.CurrentDataSet;
import com.example.csbs.stub.http.CsbsException;
import com.example.csbs.stub.http.Timestamps;
import com.example.csbs.stub.model.BackupResourceRequest;
import com.example.csbs.stub.model.BackupResourceResponse;
import com.example.csbs.stub.model.CheckResp;
import com.example.csbs.stub.model.CheckpointResp;
import com.example.csbs.stub.model.PlanResp;
import com.example.csbs.stub.model.ProtectParam;
import com.example.csbs.stub.model.ProtectableParam;
import com.example.csbs.stub.model.RestorableParam;
import com.example.csbs.stub.model.ResourceCapabilityRequest;
import com.example.csbs.stub.model.ResourceCapabilityResponse;
import com.example.csbs.stub.model.ResourceTag;
import com.example.csbs.stub.model.RestoreVolumeMapping;
import com.example.csbs.stub.tag.TagEdits;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The resource operations (tag {@code resource}): backing up one server ("Creating a Backup for a Resource")
 * and the capability checks ("Querying the Backup Capability" and "... the Restoration Capability of a
 * Resource", one path told apart by the body's field).
 *
 * <p>A server the data set does not know is protectable and restorable: CSBS backs up any server of the
 * project, and the stub cannot know the servers created through ECS a minute ago. A server the data set (or
 * the run-time setup) knows answers as it says ({@code protectable}, {@code restorable}).
 */
@Singleton
public class ResourceResource implements ResourceApi {

    /** The only resource type CSBS backs up and restores to. */
    static final String SERVER_TYPE = BackupDataSet.SERVER_TYPE;
    /** Documented in check_resp, but not backed up by CSBS. */
    static final String BARE_METAL_TYPE = "OS::Ironic::BareMetalServer";

    private final Supplier<BackupDataSet> dataSets;
    private final BackupStore store;

    @Context
    private HttpHeaders headers;

    @Inject
    public ResourceResource(CurrentDataSet dataSets, BackupStore store) {
        this.dataSets = dataSets;
        this.store = store;
    }

    @Override
    public BackupResourceResponse backupResource(String projectId, String providerId, UUID resourceId,
                                                 BackupResourceRequest request) {
        BackupResource.requireProvider(providerId);
        ProtectParam protect = request.getProtect();
        BackupDataSet dataSet = dataSets.get();
        BackupDataSet.ProtectedResource server = server(dataSet, projectId, resourceId.toString());
        if (!server.protectable().result()) {
            throw CsbsException.refused(server.protectable().errorCode(), server.protectable().errorMsg());
        }
        BackupDataSet.Policy plan = placeholderPlan(server);
        List<ResourceTag> tags = TagEdits.initial(protect.getTags(), "protect.tags"); // the backup carries them
        Checkpoint created = store.protect(new BackupStore.Execution(projectId, plan, List.of(server), false,
                BackupResource.preferredOutcome(headers, BackupResource.BACKUP_PREFERENCE, BackupOutcome.DEFAULT_ERROR),
                false, BackupResource.quotas(dataSet, projectId), protect.getBackupName(), protect.getDescription()), tags);
        return new BackupResourceResponse().checkpoint(new CheckpointResp()
                .id(created.id())
                .status(CheckpointResp.StatusEnum.PROTECTING)
                .createdAt(Timestamps.format(created.createdAt()))
                .resourceGraph(null)
                .projectId(projectId)
                .protectionPlan(new PlanResp()
                        .id(PLACEHOLDER_PREFIX + plan.id())
                        .name(plan.name())
                        .resources(List.of(BackupResource.resource(server))))
                .extraInfo(null));
    }

    @Override
    public ResourceCapabilityResponse checkResourceCapability(String projectId, String providerId,
                                                              ResourceCapabilityRequest request) {
        BackupResource.requireProvider(providerId);
        List<ProtectableParam> protectable = request.getCheckProtectable();
        List<RestorableParam> restorable = request.getCheckRestorable();
        if ((protectable == null) == (restorable == null)) {
            throw CsbsException.invalidParameter("the body must have exactly one of check_protectable and check_restorable");
        }
        BackupDataSet dataSet = dataSets.get();
        if (protectable != null) {
            return new ResourceCapabilityResponse().protectable(protectable.stream()
                    .map(check -> protectable(dataSet, projectId, check)).toList());
        }
        return new ResourceCapabilityResponse().restorable(restorable.stream()
                .map(check -> restorable(dataSet, projectId, check)).toList());
    }

    private static CheckResp protectable(BackupDataSet dataSet, String projectId, ProtectableParam check) {
        String id = check.getResourceId().toString();
        if (!SERVER_TYPE.equals(check.getResourceType())) {
            return refusedType(id, check.getResourceType(), CsbsException.typeNotProtectable(id, check.getResourceType()));
        }
        BackupDataSet.Capability capability = server(dataSet, projectId, id).protectable();
        return answer(id, capability.result() ? null : CsbsException.refused(capability.errorCode(), capability.errorMsg()));
    }

    private CheckResp restorable(BackupDataSet dataSet, String projectId, RestorableParam check) {
        String target = check.getTarget().getResourceId().toString();
        String type = check.getTarget().getResourceType();
        if (!SERVER_TYPE.equals(type)) {
            return refusedType(target, type, CsbsException.typeNotRestorable(target, type));
        }
        try {
            requireRestorable(store, dataSet, projectId, check.getCheckpointItemId(), target, check.getTarget().getVolumes());
            return answer(target, null);
        } catch (CsbsException refused) {
            return answer(target, refused);
        }
    }

    /**
     * Whether a backup of the project can be restored to the server with those disk mappings; the same checks
     * for the capability check (which answers the refusal) and the restoration (which is refused with it).
     *
     * @throws CsbsException 404 CSBS.3001 for a backup not in the project, 400 CSBS.4000 for one not available,
     *                       the target's own refusal, 400 CSBS.6017 for a mapping of a disk backup the backup has not,
     *                       400 CSBS.6018 for a disk backup left unmapped
     */
    static BackupView requireRestorable(BackupStore store, BackupDataSet dataSet, String projectId, UUID backupId, String targetServerId,
                                 List<RestoreVolumeMapping> volumes) {
        BackupView backup = store.find(projectId, backupId).orElseThrow(() -> CsbsException.backupNotFound(backupId));
        if (backup.status() != BackupStatus.AVAILABLE) {
            throw CsbsException.checkpointItemNotAvailable(backupId, backup.status().value());
        }
        BackupDataSet.Capability capability = server(dataSet, projectId, targetServerId).restorable();
        if (!capability.result()) {
            throw CsbsException.refused(capability.errorCode(), capability.errorMsg());
        }
        List<String> diskBackups = CheckpointItems.diskBackupIds(backup.backup());
        List<String> mapped = (volumes == null ? List.<RestoreVolumeMapping>of() : volumes).stream()
                .map(mapping -> mapping.getBackupId().toString()).toList();
        List<String> unknown = mapped.stream().filter(id -> !diskBackups.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw CsbsException.diskBackupsNotInBackup(String.join(", ", unknown), backupId);
        }
        List<String> unmapped = new ArrayList<>(diskBackups);
        unmapped.removeAll(mapped);
        if (!unmapped.isEmpty()) {
            throw CsbsException.partialRestore(String.join(", ", unmapped));
        }
        return backup;
    }

    /** The server as the data set knows it, or one it does not know: protectable and restorable, named as CSBS does. */
    static BackupDataSet.ProtectedResource server(BackupDataSet dataSet, String projectId, String serverId) {
        return dataSet.project(projectId).flatMap(project -> project.server(serverId))
                .orElseGet(() -> new BackupDataSet.ProtectedResource(serverId, "resource_" + serverId));
    }

    // A bare-metal server is a documented resource type that CSBS does not back up: answered, refused. Any other
    // type cannot be answered in a check_resp at all.
    private static CheckResp refusedType(String id, String type, CsbsException refusal) {
        if (!BARE_METAL_TYPE.equals(type)) {
            throw refusal;
        }
        return new CheckResp().resourceId(id).resourceType(CheckResp.ResourceTypeEnum.fromValue(type)).result(false)
                .errorCode(refusal.errorCode()).errorMsg(refusal.errorMsg());
    }

    private static CheckResp answer(String id, CsbsException refusal) {
        return new CheckResp()
                .resourceId(id)
                .resourceType(CheckResp.ResourceTypeEnum.fromValue(SERVER_TYPE))
                .result(refusal == null)
                .errorCode(refusal == null ? "" : refusal.errorCode())
                .errorMsg(refusal == null ? "" : refusal.errorMsg());
    }

    /** What the page's example answers as the plan of a backup of one resource: no policy's. */
    static final String PLACEHOLDER_PREFIX = "fake_";

    // The plan has a stable ID per server, derived from it: backups of one server list together by policy_id.
    private static BackupDataSet.Policy placeholderPlan(BackupDataSet.ProtectedResource server) {
        String id = UUID.nameUUIDFromBytes(("protect-plan:" + server.id()).getBytes(StandardCharsets.UTF_8)).toString();
        return new BackupDataSet.Policy(id, "server protect plan for " + server.id(), List.of(server));
    }
}
