package com.example.csbs.stub.policy;

import com.example.csbs.stub.api.PolicyApi;
import com.example.csbs.stub.backup.BackupResource;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.data.CurrentDataSet;
import com.example.csbs.stub.data.RandomIds;
import com.example.csbs.stub.http.CsbsException;
import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.http.Timestamps;
import com.example.csbs.stub.model.CreateBackupPolicyRequest;
import com.example.csbs.stub.model.CreateBackupPolicyResponse;
import com.example.csbs.stub.model.GetBackupPolicyResponse;
import com.example.csbs.stub.model.OperationDefinition;
import com.example.csbs.stub.model.OperationDefinitionReq;
import com.example.csbs.stub.model.PolicyCreate;
import com.example.csbs.stub.model.PolicyUpdate;
import com.example.csbs.stub.model.ResourceTag;
import com.example.csbs.stub.model.ScheduledOperationCreate;
import com.example.csbs.stub.model.ScheduledOperationResp;
import com.example.csbs.stub.model.ScheduledOperationUpdate;
import com.example.csbs.stub.model.TriggerPropertiesResp;
import com.example.csbs.stub.model.TriggerResp;
import com.example.csbs.stub.model.UpdateBackupPolicyRequest;
import com.example.csbs.stub.model.UpdateBackupPolicyResponse;
import com.example.csbs.stub.query.NextPageLink;
import com.example.csbs.stub.model.ListBackupPoliciesResponse;
import com.example.csbs.stub.model.PolicyParam;
import com.example.csbs.stub.model.PolicyResp;
import com.example.csbs.stub.model.Resource;
import com.example.csbs.stub.model.ResourceReq;
import com.example.csbs.stub.query.Page;
import com.example.csbs.stub.query.SortOrder;
import com.example.csbs.stub.tag.TagEdits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The policy operations of the spec (tag {@code policy}) on the policies as state ({@link PolicyStore}):
 * creating, updating and deleting a policy, and querying one or the list, as the pages answer them.
 * {@code name} matches exactly, as the page says. After a create or an update a policy's status is
 * {@link PolicyStatus#of worked out from its scheduled operations}.
 */
@Singleton
public class PolicyResource implements PolicyApi {

    /** The sort keys of the policy list, with the value each sorts by. */
    public static final Map<String, Function<Listed, String>> SORT_KEYS = sortKeys();
    /** "sorted in descending order by time" when no sort is given. */
    public static final String DEFAULT_SORT = "created_at:desc";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<BackupDataSet> dataSets;
    private final PolicyStore store; // null: read only (a data set that never changes)
    private final Clock clock;

    @Context
    private UriInfo uriInfo;

    /** Jersey creates the one instance, on the policies the API and the admin API change. */
    @Inject
    public PolicyResource(CurrentDataSet dataSets, PolicyStore store, StubOptions options) {
        this.dataSets = dataSets;
        this.store = store;
        this.clock = options.clock();
    }

    /** On a data set that never changes: creating, updating and deleting are refused. */
    public PolicyResource(BackupDataSet dataSet) {
        this.dataSets = () -> dataSet;
        this.store = null;
        this.clock = Clock.systemUTC();
    }

    @Override
    public CreateBackupPolicyResponse createBackupPolicy(String projectId, CreateBackupPolicyRequest request) {
        PolicyCreate create = request.getPolicy();
        String id = RandomIds.uuid().toString();
        List<ScheduledOperationResp> operations = new ArrayList<>();
        List<ScheduledOperationCreate> requested = create.getScheduledOperations();
        for (int i = 0; i < requested.size(); i++) {
            ScheduledOperationCreate operation = requested.get(i);
            requirePattern(operation.getTrigger().getProperties().getPattern(), "policy.scheduled_operations[" + i + "]");
            operations.add(new ScheduledOperationResp()
                    .id(RandomIds.uuid().toString())
                    .name(operation.getName() != null ? operation.getName() : create.getName())
                    .description(operation.getDescription() != null ? operation.getDescription() : "")
                    .enabled(operation.getEnabled())
                    .operationType(ScheduledOperationResp.OperationTypeEnum.BACKUP)
                    .operationDefinition(definition(id, operation.getOperationDefinition(), null))
                    .trigger(new TriggerResp()
                            .id(RandomIds.uuid().toString())
                            .name("default")
                            .type("time")
                            .properties(new TriggerPropertiesResp()
                                    .pattern(operation.getTrigger().getProperties().getPattern())
                                    .startTime(SCHEDULER_TIME.format(clock.instant()))
                                    .format("ical"))));
        }
        BackupDataSet.Policy policy = policy(() -> new BackupDataSet.Policy(id, create.getName(),
                create.getDescription() != null ? create.getDescription() : "", PolicyStatus.of(operations),
                Timestamps.format(clock.instant()), resources(projectId, create.getResources()), operations,
                tags(create.getTags())));
        return new CreateBackupPolicyResponse().policy(response(new Listed(projectId, writable().create(projectId, policy))));
    }

    @Override
    public UpdateBackupPolicyResponse updateBackupPolicy(String projectId, UUID policyId, UpdateBackupPolicyRequest request) {
        PolicyUpdate update = request.getPolicy();
        BackupDataSet.Policy updated = writable().update(projectId, policyId.toString(), policy -> {
            List<ScheduledOperationResp> operations = update.getScheduledOperations() == null
                    ? policy.scheduledOperations() : updateOperations(policy, update.getScheduledOperations());
            return policy(() -> new BackupDataSet.Policy(policy.id(),
                    update.getName() != null ? update.getName() : policy.name(),
                    update.getDescription() != null ? update.getDescription() : policy.description(),
                    update.getScheduledOperations() == null ? policy.status() : PolicyStatus.of(operations),
                    policy.createdAt(),
                    update.getResources() == null ? policy.resources() : resources(projectId, update.getResources()),
                    operations, policy.tags()));
        });
        return new UpdateBackupPolicyResponse().policy(response(new Listed(projectId, updated)));
    }

    @Override
    public void deleteBackupPolicy(String projectId, UUID policyId) {
        writable().delete(projectId, policyId.toString());
    }

    /** A policy with the project it belongs to (all_tenants lists several). */
    public record Listed(String projectId, BackupDataSet.Policy policy) {
    }

    @Override
    public GetBackupPolicyResponse getBackupPolicy(String projectId, UUID policyId) {
        BackupDataSet dataSet = dataSets.get();
        BackupDataSet.Policy policy = dataSet.policy(projectId, policyId.toString()).orElseThrow(CsbsException::policyNotFound);
        return new GetBackupPolicyResponse().policy(response(new Listed(projectId, policy)));
    }

    @Override
    public ListBackupPoliciesResponse listBackupPolicies(String projectId, Integer limit, UUID marker, String sort,
                                                         String name, Boolean allTenants, Integer offset) {
        Comparator<Listed> order = SortOrder.parse(sort, SORT_KEYS, DEFAULT_SORT, listed -> listed.policy().id());
        Page page = Page.of(marker, offset, limit);
        BackupDataSet dataSet = dataSets.get();
        String tenant = BackupResource.tenants(dataSet, projectId, allTenants); // after the parameters' 400s
        List<Listed> sorted = dataSet.projects().stream()
                .filter(project -> tenant == null || project.id().equals(tenant))
                .flatMap(project -> project.policies().stream().map(policy -> new Listed(project.id(), policy)))
                .filter(listed -> name == null || listed.policy().name().equals(name))
                .sorted(order)
                .toList();
        // A marker filtered out by name still marks its place among the tenant's policies.
        Function<UUID, Optional<Listed>> lookup = id -> dataSet.projects().stream()
                .filter(project -> tenant == null || project.id().equals(tenant))
                .flatMap(project -> project.policy(id.toString()).map(policy -> new Listed(project.id(), policy)).stream())
                .findFirst();
        Page.Slice<Listed> slice = page.slice(sorted, listed -> UUID.fromString(listed.policy().id()), order, lookup);
        return new ListBackupPoliciesResponse()
                .policies(slice.items().stream().map(PolicyResource::response).toList())
                .policiesLinks(slice.items().isEmpty() ? null : NextPageLink.of(uriInfo, slice,
                        UUID.fromString(slice.items().get(slice.items().size() - 1).policy().id())));
    }

    private PolicyStore writable() {
        if (store == null) {
            throw new IllegalStateException("this PolicyResource reads a data set that never changes");
        }
        return store;
    }

    // Each scheduled operation named by its id gets the fields the update sends; the others stay as they are.
    private static List<ScheduledOperationResp> updateOperations(BackupDataSet.Policy policy,
                                                                 List<ScheduledOperationUpdate> updates) {
        Map<String, ScheduledOperationUpdate> byId = new LinkedHashMap<>();
        for (int i = 0; i < updates.size(); i++) {
            ScheduledOperationUpdate update = updates.get(i);
            String where = "policy.scheduled_operations[" + i + "]";
            if (policy.scheduledOperations().stream().noneMatch(operation -> operation.getId().equals(update.getId().toString()))) {
                throw CsbsException.invalidParameter(where + ".id is not a scheduled operation of backup policy " + policy.id());
            }
            if (byId.put(update.getId().toString(), update) != null) {
                throw CsbsException.invalidParameter(where + ".id names a scheduled operation twice");
            }
            if (changesTrigger(update)) {
                requirePattern(update.getTrigger().getProperties().getPattern(), where);
            }
        }
        List<ScheduledOperationResp> operations = new ArrayList<>();
        for (ScheduledOperationResp current : policy.scheduledOperations()) {
            ScheduledOperationUpdate update = byId.get(current.getId());
            if (update == null) {
                operations.add(current);
                continue;
            }
            TriggerResp trigger = current.getTrigger();
            if (changesTrigger(update)) {
                TriggerPropertiesResp properties = trigger.getProperties();
                trigger = new TriggerResp().id(trigger.getId()).name(trigger.getName()).type(trigger.getType())
                        .properties(new TriggerPropertiesResp().pattern(update.getTrigger().getProperties().getPattern())
                                .startTime(properties.getStartTime()).format(properties.getFormat()));
            }
            operations.add(new ScheduledOperationResp()
                    .id(current.getId())
                    .name(update.getName() != null ? update.getName() : current.getName())
                    .description(update.getDescription() != null ? update.getDescription() : current.getDescription())
                    .enabled(update.getEnabled() != null ? update.getEnabled() : current.getEnabled())
                    .operationType(current.getOperationType())
                    .operationDefinition(update.getOperationDefinition() == null ? current.getOperationDefinition()
                            : definition(policy.id(), update.getOperationDefinition(), current.getOperationDefinition()))
                    .trigger(trigger));
        }
        return operations;
    }

    // The Go SDK sends its zero value for a trigger the caller did not set ({"properties": {"pattern": ""}}),
    // so an empty pattern in an update means "unchanged", as a trigger left out does.
    private static boolean changesTrigger(ScheduledOperationUpdate update) {
        return update.getTrigger() != null && update.getTrigger().getProperties() != null
                && update.getTrigger().getProperties().getPattern() != null
                && !update.getTrigger().getProperties().getPattern().isEmpty();
    }

    /**
     * The retention of a scheduled operation; a field left out keeps its value (an update) or is as the page
     * says: with none of max_backups, retention_duration_days and permanent set, backups are kept permanently.
     */
    private static OperationDefinition definition(String policyId, OperationDefinitionReq requested, OperationDefinition current) {
        OperationDefinitionReq given = requested != null ? requested : new OperationDefinitionReq();
        // plan_id is optional input and always the policy's own id in an answer: a client may send any (the
        // page's example sends one before the policy exists), so it is ignored, as the spec says.
        boolean noneSet = given.getMaxBackups() == null && given.getRetentionDurationDays() == null && given.getPermanent() == null;
        return new OperationDefinition()
                .maxBackups(given.getMaxBackups() != null ? given.getMaxBackups() : current != null ? current.getMaxBackups() : -1)
                .retentionDurationDays(given.getRetentionDurationDays() != null ? given.getRetentionDurationDays()
                        : current != null ? current.getRetentionDurationDays() : -1)
                .permanent(given.getPermanent() != null ? given.getPermanent()
                        : current != null ? current.getPermanent() : noneSet)
                .planId(policyId)
                .providerId(OperationDefinition.ProviderIdEnum.fromValue(BackupResource.CSBS_PROVIDER_ID));
    }

    /**
     * The servers of a created or updated policy. One the project knows (in another policy, or one of its own
     * servers) keeps what the data set says of it (sizes, outcomes), under the name the request gives.
     */
    private List<BackupDataSet.ProtectedResource> resources(String projectId, List<ResourceReq> requested) {
        BackupDataSet.Project project = dataSets.get().project(projectId).orElse(null);
        List<BackupDataSet.ProtectedResource> resources = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            ResourceReq requestedResource = requested.get(i);
            String id = requestedResource.getId().toString(); // a UUID: the spec's resource_req, checked as it is read
            String where = "policy.resources[" + i + "]";
            if (!ids.add(id)) {
                throw CsbsException.invalidParameter(where + ".id names a server twice");
            }
            BackupDataSet.ProtectedResource known = project == null ? null : project.server(id).orElse(null);
            // resource_extra_info: a string (or null), or an object; an array, number or boolean is neither
            if (requestedResource.getExtraInfo() != null && !requestedResource.getExtraInfo().isNull()
                    && !requestedResource.getExtraInfo().isTextual() && !requestedResource.getExtraInfo().isObject()) {
                throw CsbsException.invalidParameter(where + ".extra_info must be a string or a JSON object");
            }
            String extraInfo = requestedResource.getExtraInfo() == null || requestedResource.getExtraInfo().isNull() ? null
                    : requestedResource.getExtraInfo().isTextual() ? requestedResource.getExtraInfo().asText()
                    : requestedResource.getExtraInfo().toString();
            resources.add(known == null
                    ? new BackupDataSet.ProtectedResource(id, requestedResource.getName(), BackupDataSet.SERVER_TYPE,
                            extraInfo, null, null, null, null, null, null, null)
                    : new BackupDataSet.ProtectedResource(known.id(), requestedResource.getName(), known.type(),
                            extraInfo != null ? extraInfo : known.extraInfo(), known.az(), known.privateIp(), known.eip(),
                            known.vcpus(), known.ram(), known.disk(), known.backupOutcome(), known.protectable(),
                            known.restorable(), known.restoreOutcome()));
        }
        return resources;
    }

    // A policy's tags are kept with it: tag management (TagResource) changes them from then on.
    private static List<ResourceTag> tags(List<ResourceTag> tags) {
        return TagEdits.initial(tags, "policy.tags");
    }

    /*
     * The page's rule, checked as far as a client can get it wrong by accident: an iCalendar RRULE whose FREQ
     * is DAILY or WEEKLY.
     */
    private static void requirePattern(String pattern, String where) {
        if (pattern == null || !ICAL_RULE.matcher(pattern).find()) {
            throw CsbsException.invalidParameter(where + ".trigger.properties.pattern must be an iCalendar rule"
                    + " with RRULE:FREQ=DAILY or RRULE:FREQ=WEEKLY");
        }
    }

    private static final Pattern ICAL_RULE = Pattern.compile("RRULE:FREQ=(DAILY|WEEKLY)\\b");

    /** A scheduler's start time as the policy pages' examples write it, which the Go SDK parses. */
    private static final DateTimeFormatter SCHEDULER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    // A record's own check (a value the spec allows but the data set cannot hold) is a bad request, not a 500.
    private static BackupDataSet.Policy policy(Supplier<BackupDataSet.Policy> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw CsbsException.invalidParameter(e.getMessage());
        }
    }

    private static PolicyResp response(Listed listed) {
        BackupDataSet.Policy policy = listed.policy();
        return new PolicyResp()
                .id(policy.id())
                .name(policy.name())
                .description(policy.description())
                .status(policy.status())
                .createdAt(policy.createdAt())
                .projectId(listed.projectId())
                .providerId(PolicyResp.ProviderIdEnum.fromValue(BackupResource.CSBS_PROVIDER_ID))
                .parameters(new PolicyParam().common(Map.of()))
                .resources(policy.resources().stream().map(PolicyResource::resource).toList())
                .scheduledOperations(policy.scheduledOperations())
                .tags(policy.tags());
    }

    // The policy pages show a resource's extra_info as a JSON object ({}); the data set holds it as text.
    private static Resource resource(BackupDataSet.ProtectedResource resource) {
        return new Resource()
                .id(resource.id())
                .name(resource.name())
                .type(Resource.TypeEnum.fromValue(resource.type()))
                .extraInfo(asJson(resource.extraInfo()));
    }

    private static JsonNode asJson(String extraInfo) {
        try {
            JsonNode parsed = JSON.readTree(extraInfo);
            return parsed != null && parsed.isObject() ? parsed : TextNode.valueOf(extraInfo);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(extraInfo);
        }
    }

    private static Map<String, Function<Listed, String>> sortKeys() {
        Map<String, Function<Listed, String>> keys = new LinkedHashMap<>();
        keys.put("created_at", listed -> listed.policy().createdAt());
        keys.put("name", listed -> listed.policy().name());
        keys.put("id", listed -> listed.policy().id());
        keys.put("status", listed -> listed.policy().status());
        return Collections.unmodifiableMap(keys);
    }
}
