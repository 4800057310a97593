package com.example.csbs.stub.policy;

import com.example.csbs.stub.api.PolicyApi;
import com.example.csbs.stub.backup.BackupResource;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.data.CurrentDataSet;
import com.example.csbs.stub.http.CsbsException;
import com.example.csbs.stub.model.GetBackupPolicyResponse;
import com.example.csbs.stub.model.ListBackupPoliciesResponse;
import com.example.csbs.stub.model.PolicyParam;
import com.example.csbs.stub.model.PolicyResp;
import com.example.csbs.stub.model.Resource;
import com.example.csbs.stub.query.Page;
import com.example.csbs.stub.query.SortOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
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
 * The policy operations of the spec (tag {@code policy}): the data set's policies, as "Querying a
 * Backup Policy" and "Querying the Backup Policy List" answer them. {@code name} matches exactly,
 * as the page says.
 */
@Singleton
public class PolicyResource implements PolicyApi {

    /** The sort keys of the policy list, with the value each sorts by. */
    public static final Map<String, Function<Listed, String>> SORT_KEYS = sortKeys();
    /** "sorted in descending order by time" when no sort is given. */
    public static final String DEFAULT_SORT = "created_at:desc";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<BackupDataSet> dataSets;

    /** Jersey creates the one instance, on the data set the admin API may change. */
    @Inject
    public PolicyResource(CurrentDataSet dataSets) {
        this.dataSets = dataSets;
    }

    /** On a data set that never changes. */
    public PolicyResource(BackupDataSet dataSet) {
        this.dataSets = () -> dataSet;
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
        return new ListBackupPoliciesResponse().policies(page.apply(sorted, listed -> UUID.fromString(listed.policy().id()),
                        order, lookup)
                .stream()
                .map(PolicyResource::response)
                .toList());
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
