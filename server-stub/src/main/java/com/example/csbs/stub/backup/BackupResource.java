package com.example.csbs.stub.backup;

import com.example.csbs.stub.api.BackupApi;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.data.CurrentDataSet;
import com.example.csbs.stub.http.CsbsException;
import com.example.csbs.stub.http.Preferences;
import com.example.csbs.stub.http.Timestamps;
import com.example.csbs.stub.model.CheckpointReq;
import com.example.csbs.stub.model.CheckpointResp;
import com.example.csbs.stub.model.CountBackupsResponse;
import com.example.csbs.stub.model.ExecuteBackupPolicyRequest;
import com.example.csbs.stub.model.ExecuteBackupPolicyResponse;
import com.example.csbs.stub.model.GetBackupResponse;
import com.example.csbs.stub.model.ListBackupsResponse;
import com.example.csbs.stub.model.PlanResp;
import com.example.csbs.stub.model.Resource;
import com.example.csbs.stub.query.NextPageLink;
import com.example.csbs.stub.query.Page;
import com.example.csbs.stub.query.SortOrder;
import com.fasterxml.jackson.databind.node.TextNode;
import com.example.csbs.stub.StubOptions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The backup operations of the spec (tag {@code backup}) on the data set and the store: executing a
 * policy, querying one backup, all backups and their number, deleting backups. Authentication is
 * done before any of this is called ({@code IamTokenFilter}); bodies and parameters have passed bean
 * validation.
 */
@Singleton
public class BackupResource implements BackupApi {

    /** The fixed provider_id of CSBS (the spec's enum for the path parameter). */
    public static final String CSBS_PROVIDER_ID = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";

    /** What the page's example response records for a manually executed policy. */
    static final String MANUAL_CREATION = "{\"created_by\": \"manual\"}";

    /** {@code Prefer: backup=error} (or {@code available}): how every backup of this execution ends. */
    public static final String BACKUP_PREFERENCE = "backup";

    private static final String STATUS_VALUES =
            Arrays.stream(BackupStatus.values()).map(BackupStatus::value).collect(Collectors.joining(", "));

    private final Supplier<BackupDataSet> dataSets;
    private final BackupStore store;
    private final boolean rejectConcurrentExecutions;

    // Proxies to the current request, injected by Jersey: the Prefer header of an execution, a listing's URI.
    @Context
    private HttpHeaders headers;
    @Context
    private UriInfo uriInfo;

    /** Jersey creates the one instance, with the application's data set (which the admin API may change), store and options. */
    @Inject
    public BackupResource(CurrentDataSet dataSets, BackupStore store, StubOptions options) {
        this.dataSets = dataSets;
        this.store = store;
        this.rejectConcurrentExecutions = options.rejectConcurrentExecutions();
    }

    /** On a data set that never changes. */
    public BackupResource(BackupDataSet dataSet, BackupStore store, StubOptions options) {
        this(new CurrentDataSet(dataSet), store, options);
    }

    @Override
    public ExecuteBackupPolicyResponse executeBackupPolicy(String projectId, String providerId,
                                                           ExecuteBackupPolicyRequest request) {
        requireCsbsProvider(providerId);
        CheckpointReq checkpoint = request.getCheckpoint();
        BackupDataSet dataSet = dataSets.get();
        BackupDataSet.Policy policy = dataSet.policy(projectId, checkpoint.getPlanId().toString())
                .orElseThrow(CsbsException::planNotFound);
        List<BackupDataSet.ProtectedResource> resources = selectResources(policy, checkpoint.getParameters().getResources());
        boolean autoTrigger = Boolean.TRUE.equals(checkpoint.getParameters().getAutoTrigger());

        Checkpoint created = store.execute(new BackupStore.Execution(projectId, policy, resources, autoTrigger,
                requestedOutcome(), rejectConcurrentExecutions, quotas(dataSet, projectId)));
        return new ExecuteBackupPolicyResponse().checkpoint(new CheckpointResp()
                .id(created.id())
                .status(CheckpointResp.StatusEnum.PROTECTING)
                .createdAt(Timestamps.format(created.createdAt()))
                .resourceGraph(null)
                .projectId(projectId)
                .protectionPlan(new PlanResp()
                        .id(policy.id())
                        .name(policy.name())
                        .resources(resources.stream().map(BackupResource::resource).toList()))
                .extraInfo(MANUAL_CREATION));
    }

    @Override
    public GetBackupResponse getBackup(String projectId, UUID checkpointItemId) {
        BackupView backup = store.find(projectId, checkpointItemId)
                .orElseThrow(() -> CsbsException.backupNotFound(checkpointItemId));
        return new GetBackupResponse().checkpointItem(CheckpointItems.of(backup));
    }

    @Override
    public ListBackupsResponse listBackups(String projectId, String status, Integer limit, UUID marker, String sort,
                                           Boolean allTenants, String name, String az, UUID resourceId,
                                           String resourceName, String startTime, String endTime, String imageType,
                                           UUID policyId, Integer offset, UUID checkpointId, String resourceType,
                                           String ip) {
        // Every parameter is checked (400) before all_tenants is (403).
        Comparator<BackupView> order = SortOrder.parse(sort, BackupFilter.SORT_KEYS, BackupFilter.DEFAULT_SORT,
                view -> view.backup().id().toString());
        Page page = Page.of(marker, offset, limit);
        BackupFilter filter = filter(projectId, status, allTenants, name, az, resourceId, resourceName, startTime,
                endTime, imageType, policyId, ip, checkpointId, resourceType);
        List<BackupView> sorted = store.select(filter).stream().sorted(order).toList();
        String tenant = filter.projectId();
        Page.Slice<BackupView> slice = page.slice(sorted, view -> view.backup().id(), order, id -> store.findMarker(tenant, id));
        return new ListBackupsResponse()
                .checkpointItems(slice.items().stream().map(CheckpointItems::of).toList())
                .checkpointItemsLinks(slice.items().isEmpty() ? null
                        : NextPageLink.of(uriInfo, slice, slice.items().get(slice.items().size() - 1).backup().id()));
    }

    @Override
    public CountBackupsResponse countBackups(String projectId, String status, Boolean allTenants, String name,
                                             String az, UUID resourceId, String resourceName, String startTime,
                                             String endTime, String imageType, UUID policyId, String ip,
                                             UUID checkpointId, String resourceType) {
        BackupFilter filter = filter(projectId, status, allTenants, name, az, resourceId, resourceName, startTime,
                endTime, imageType, policyId, ip, checkpointId, resourceType);
        return new CountBackupsResponse().count(store.select(filter).size());
    }

    @Override
    public Object deleteBackup(String projectId, String providerId, UUID checkpointId, List<UUID> checkpointItems) {
        requireCsbsProvider(providerId);
        store.delete(projectId, checkpointId, checkpointItems == null || checkpointItems.isEmpty() ? null : checkpointItems);
        return Map.of(); // the page's example response: {}
    }

    private BackupFilter filter(String projectId, String status, Boolean allTenants, String name, String az,
                                UUID resourceId, String resourceName, String startTime, String endTime,
                                String imageType, UUID policyId, String ip, UUID checkpointId, String resourceType) {
        BackupStatus wanted = status == null ? null : BackupStatus.fromValue(status)
                .orElseThrow(() -> CsbsException.invalidParameter("status must be one of " + STATUS_VALUES));
        Instant from = Timestamps.parse("start_time", startTime);
        Instant to = Timestamps.parse("end_time", endTime);
        // all_tenants last: a request with a bad parameter is 400 whoever asks
        return new BackupFilter(tenants(dataSets.get(), projectId, allTenants), wanted, name, az, resourceId, resourceName,
                from, to, imageType, policyId, checkpointId, resourceType, ip);
    }

    /**
     * The project a query sees, or null for every tenant's ({@code all_tenants=true}), which only an
     * administrator's token may ask for (403 CSBS.9009 otherwise).
     */
    public static String tenants(BackupDataSet dataSet, String projectId, Boolean allTenants) {
        if (!Boolean.TRUE.equals(allTenants)) {
            return projectId;
        }
        if (!dataSet.project(projectId).map(BackupDataSet.Project::admin).orElse(false)) {
            throw CsbsException.allTenantsForbidden();
        }
        return null;
    }

    /** The project's quotas, which new backups must fit in. */
    public static BackupDataSet.Quotas quotas(BackupDataSet dataSet, String projectId) {
        return dataSet.project(projectId).map(BackupDataSet.Project::quotas).orElse(BackupDataSet.Quotas.UNLIMITED);
    }

    private BackupOutcome requestedOutcome() {
        return preferredOutcome(headers, BACKUP_PREFERENCE, BackupOutcome.DEFAULT_ERROR);
    }

    /**
     * How a request asks its backups ({@code Prefer: backup=error}) or its restore ({@code Prefer: restore=error})
     * to end, if it does.
     *
     * @throws CsbsException 400 CSBS.9001 for a value other than available and error
     */
    static BackupOutcome preferredOutcome(HttpHeaders headers, String preference, BackupOutcome error) {
        String preferred = headers == null ? null
                : Preferences.parse(headers.getRequestHeader(Preferences.HEADER)).get(preference);
        if (preferred == null) {
            return null;
        }
        return switch (preferred) {
            case "error" -> error;
            case "available" -> BackupOutcome.AVAILABLE;
            default -> throw CsbsException.invalidParameter("Prefer: " + preference + " must be available or error");
        };
    }

    static void requireProvider(String providerId) {
        requireCsbsProvider(providerId);
    }

    private static void requireCsbsProvider(String providerId) {
        if (!CSBS_PROVIDER_ID.equals(providerId)) {
            throw CsbsException.providerInvalid();
        }
    }

    /** The requested resources in request order, or every resource of the policy when none are named (absent or null). */
    private static List<BackupDataSet.ProtectedResource> selectResources(BackupDataSet.Policy policy, Set<UUID> requested) {
        if (requested == null) {
            if (policy.resources().isEmpty()) {
                throw CsbsException.planHasNoResource();
            }
            return policy.resources();
        }
        return requested.stream()
                .map(id -> policy.resource(id.toString()).orElseThrow(() -> CsbsException.invalidParameter(
                        "resource " + id + " is not in backup policy " + policy.id())))
                .toList();
    }

    static Resource resource(BackupDataSet.ProtectedResource resource) {
        return new Resource()
                .id(resource.id())
                .name(resource.name())
                .type(Resource.TypeEnum.fromValue(resource.type()))
                .extraInfo(TextNode.valueOf(resource.extraInfo()));
    }
}
