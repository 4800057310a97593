package com.example.csbs.stub.backup;

import com.example.csbs.stub.api.RestoreApi;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.data.CurrentDataSet;
import com.example.csbs.stub.http.CsbsException;
import com.example.csbs.stub.model.CreateRestorationRequest;
import com.example.csbs.stub.model.CreateRestorationResponse;
import com.example.csbs.stub.model.RestoreParam;
import com.example.csbs.stub.model.RestoreReq;
import com.example.csbs.stub.model.RestoreResp;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Map;
import java.util.function.Supplier;

/**
 * "Creating a Restoration Task" (tag {@code restore}): validated like the restoration capability check, then
 * the backup is {@code waiting_restore}, {@code restoring} and {@code available} again on the stub's clock
 * ({@code --restore-duration}). How it ends: {@code Prefer: restore=error} for this request, else the
 * {@code restore_outcome} of the backed-up server in the data set; a failed restore leaves the backup available
 * with {@code fail_op} {@code restore}.
 */
@Singleton
public class RestoreResource implements RestoreApi {

    /** {@code Prefer: restore=error} (or {@code available}): how this restore ends. */
    public static final String RESTORE_PREFERENCE = "restore";

    /** What the page's example answers for a restoration just started. */
    static final String IN_PROGRESS = "in_progress";

    private final Supplier<BackupDataSet> dataSets;
    private final BackupStore store;

    @Context
    private HttpHeaders headers;

    @Inject
    public RestoreResource(CurrentDataSet dataSets, BackupStore store) {
        this.dataSets = dataSets;
        this.store = store;
    }

    @Override
    public CreateRestorationResponse createRestoration(String projectId, CreateRestorationRequest request) {
        RestoreReq restore = request.getRestore();
        RestoreParam parameters = restore.getParameters();
        BackupOutcome preferred = BackupResource.preferredOutcome(headers, RESTORE_PREFERENCE,
                BackupOutcome.DEFAULT_RESTORE_ERROR);
        Checkpoint checkpoint = store.findCheckpoint(projectId, restore.getCheckpointId())
                .orElseThrow(() -> CsbsException.backupNotFound(restore.getCheckpointId()));
        if (checkpoint.backups().stream().noneMatch(backup -> backup.id().equals(parameters.getCheckpointItemId()))) {
            throw CsbsException.backupNotFound(parameters.getCheckpointItemId());
        }
        BackupDataSet dataSet = dataSets.get();
        String serverId = parameters.getTargets().getServerId().toString();
        BackupView backup = ResourceResource.requireRestorable(store, dataSet, projectId, parameters.getCheckpointItemId(),
                serverId, parameters.getTargets().getVolumes());
        BackupOutcome outcome = preferred != null ? preferred
                : ResourceResource.server(dataSet, projectId, backup.backup().resource().id()).restoreOutcome().asRestoreOutcome();
        Restoration restoration = store.restore(projectId, backup.backup().id(), serverId, outcome);
        return new CreateRestorationResponse().restore(new RestoreResp()
                .id(restoration.id().toString())
                .checkpointId(checkpoint.id().toString())
                .parameters(parameters)
                .projectId(projectId)
                .providerId(RestoreResp.ProviderIdEnum.fromValue(BackupResource.CSBS_PROVIDER_ID))
                .resourcesReason(Map.of())
                .resourcesStatus(Map.of(serverId, IN_PROGRESS))
                .restoreTarget(restore.getRestoreTarget())
                .status(IN_PROGRESS));
    }
}
