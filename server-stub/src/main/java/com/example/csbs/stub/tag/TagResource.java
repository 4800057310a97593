package com.example.csbs.stub.tag;

import com.example.csbs.stub.api.TagApi;
import com.example.csbs.stub.backup.BackupStore;
import com.example.csbs.stub.backup.CheckpointItems;
import com.example.csbs.stub.backup.BackupView;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.data.CurrentDataSet;
import com.example.csbs.stub.http.CsbsException;
import com.example.csbs.stub.http.Timestamps;
import com.example.csbs.stub.model.AddTagRequest;
import com.example.csbs.stub.model.BatchResourceTag;
import com.example.csbs.stub.model.BatchTagsRequest;
import com.example.csbs.stub.model.ListProjectTagsResponse;
import com.example.csbs.stub.model.ListResourceTagsResponse;
import com.example.csbs.stub.model.ProjectTag;
import com.example.csbs.stub.model.QueryBackupsByTagsResponse;
import com.example.csbs.stub.model.QueryPoliciesByTagsResponse;
import com.example.csbs.stub.model.ResourceTag;
import com.example.csbs.stub.model.TagQueryRequest;
import com.example.csbs.stub.model.TaggedBackup;
import com.example.csbs.stub.model.TaggedPolicy;
import com.example.csbs.stub.policy.PolicyStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Tag management (tag {@code tag}): the twelve pages, six for backup policies ({@code csbs_backup_policy})
 * and their six twins for backups ({@code csbs_backup}). A policy's tags are kept with the policy
 * ({@link PolicyStore}), a backup's with the backup ({@link BackupStore}): they go when it goes, and every
 * change is made under that store's lock, so a tag added while its resource is deleted is either added
 * before the deletion or answered with 404. The project's tag lists and the queries are worked out from
 * what exists at the moment of the request.
 */
@Singleton
public class TagResource implements TagApi {

    /** The filter's pages are newest first, ties by ID, as the listings of policies and backups. */
    private static final Comparator<Candidate> NEWEST_FIRST = Comparator.comparing(Candidate::createdAt).reversed()
            .thenComparing(Candidate::id);

    private final CurrentDataSet dataSets;
    private final PolicyStore policies;
    private final BackupStore backups;

    @Inject
    public TagResource(CurrentDataSet dataSets, PolicyStore policies, BackupStore backups) {
        this.dataSets = dataSets;
        this.policies = policies;
        this.backups = backups;
    }

    // ---------------------------------------------------------------- one tag, a batch, one key removed

    @Override
    public void addPolicyTag(String projectId, UUID resourceId, AddTagRequest request) {
        ResourceTag tag = TagEdits.created(request.getTag().getKey(), request.getTag().getValue(), "tag");
        changePolicyTags(projectId, resourceId, tags -> TagEdits.put(tags, List.of(tag)));
    }

    @Override
    public void addBackupTag(String projectId, UUID resourceId, AddTagRequest request) {
        ResourceTag tag = TagEdits.created(request.getTag().getKey(), request.getTag().getValue(), "tag");
        backups.changeTags(projectId, resourceId, tags -> TagEdits.put(tags, List.of(tag)));
    }

    @Override
    public void batchUpdatePolicyTags(String projectId, UUID resourceId, BatchTagsRequest request) {
        changePolicyTags(projectId, resourceId, batch(request));
    }

    @Override
    public void batchUpdateBackupTags(String projectId, UUID resourceId, BatchTagsRequest request) {
        backups.changeTags(projectId, resourceId, batch(request));
    }

    @Override
    public void deletePolicyTag(String projectId, UUID resourceId, String key) {
        String trimmed = requireKey(key);
        changePolicyTags(projectId, resourceId, tags -> removeExisting(tags, trimmed));
    }

    @Override
    public void deleteBackupTag(String projectId, UUID resourceId, String key) {
        String trimmed = requireKey(key);
        backups.changeTags(projectId, resourceId, tags -> removeExisting(tags, trimmed));
    }

    /*
     * DELETE .../tags/action removes the tag whose key is "action". JAX-RS matches the path before the method,
     * and the literal path of the batch (POST .../tags/action) wins over .../tags/{key}, so without these two
     * methods on that literal path Jersey would answer 405 instead of removing the tag.
     */

    /** {@code DELETE .../csbs_backup_policy/{resource_id}/tags/action}: deletePolicyTag for the key {@code action}. */
    @DELETE
    @Path("/v1/{project_id}/csbs_backup_policy/{resource_id}/tags/action")
    public void deletePolicyTagNamedAction(@PathParam("project_id") String projectId,
                                           @PathParam("resource_id") UUID resourceId) {
        deletePolicyTag(projectId, resourceId, ACTION_KEY);
    }

    /** {@code DELETE .../csbs_backup/{resource_id}/tags/action}: deleteBackupTag for the key {@code action}. */
    @DELETE
    @Path("/v1/{project_id}/csbs_backup/{resource_id}/tags/action")
    public void deleteBackupTagNamedAction(@PathParam("project_id") String projectId,
                                           @PathParam("resource_id") UUID resourceId) {
        deleteBackupTag(projectId, resourceId, ACTION_KEY);
    }

    /** The tag key that is also the last segment of the batch path. */
    public static final String ACTION_KEY = "action";

    // ---------------------------------------------------------------- one resource's tags, the project's

    @Override
    public ListResourceTagsResponse listPolicyTags(String projectId, UUID resourceId) {
        BackupDataSet.Policy policy = dataSets.get().policy(projectId, resourceId.toString())
                .orElseThrow(CsbsException::policyNotFound);
        return new ListResourceTagsResponse().tags(policy.tags());
    }

    @Override
    public ListResourceTagsResponse listBackupTags(String projectId, UUID resourceId) {
        BackupView backup = backups.find(projectId, resourceId).orElseThrow(() -> CsbsException.backupNotFound(resourceId));
        return new ListResourceTagsResponse().tags(backup.tags());
    }

    @Override
    public ListProjectTagsResponse listProjectPolicyTags(String projectId) {
        return projectTags(projectPolicies(projectId).stream().map(BackupDataSet.Policy::tags).toList());
    }

    @Override
    public ListProjectTagsResponse listProjectBackupTags(String projectId) {
        return projectTags(projectBackups(projectId).stream().map(BackupView::tags).toList());
    }

    // ---------------------------------------------------------------- filter and count

    @Override
    public QueryPoliciesByTagsResponse queryPoliciesByTags(String projectId, TagQueryRequest request) {
        TagQuery query = TagQuery.of(request);
        List<BackupDataSet.Policy> matching = select(query, projectPolicies(projectId),
                policy -> new Candidate(policy.id(), policy.createdAt(), policy.name(), policy.tags()));
        QueryPoliciesByTagsResponse response = new QueryPoliciesByTagsResponse().totalCount(matching.size());
        if (!query.counts()) {
            response.resources(page(query, matching).stream().map(policy -> new TaggedPolicy()
                    .resourceId(policy.id())
                    .resourceName(policy.name())
                    .resourceDetail(Map.of()) // "The returned value is an empty dictionary."
                    .tags(policy.tags())).toList());
        }
        return response;
    }

    @Override
    public QueryBackupsByTagsResponse queryBackupsByTags(String projectId, TagQueryRequest request) {
        TagQuery query = TagQuery.of(request);
        List<BackupView> matching = select(query, projectBackups(projectId), backup -> new Candidate(
                backup.backup().id().toString(), Timestamps.format(backup.backup().createdAt()), backup.backup().name(),
                backup.tags()));
        QueryBackupsByTagsResponse response = new QueryBackupsByTagsResponse().totalCount(matching.size());
        if (!query.counts()) {
            response.resources(page(query, matching).stream().map(backup -> new TaggedBackup()
                    .resourceId(backup.backup().id().toString())
                    .resourceName(backup.backup().name())
                    .resourceDetail(CheckpointItems.of(backup))
                    .tags(backup.tags())).toList());
        }
        return response;
    }

    // ---------------------------------------------------------------- helpers

    /** What the query needs of a policy or a backup: its ID and creation time (the order), name and tags. */
    private record Candidate(String id, String createdAt, String name, List<ResourceTag> tags) {
    }

    private static <T> List<T> select(TagQuery query, List<T> resources, Function<T, Candidate> candidate) {
        record Matched<T>(T resource, Candidate candidate) {
        }
        return resources.stream()
                .map(resource -> new Matched<>(resource, candidate.apply(resource)))
                .filter(matched -> query.matches(matched.candidate().name(), matched.candidate().tags()))
                .sorted(Comparator.comparing(Matched::candidate, NEWEST_FIRST))
                .map(Matched::resource)
                .toList();
    }

    private static <T> List<T> page(TagQuery query, List<T> matching) {
        int from = Math.min(query.offset(), matching.size());
        return matching.subList(from, Math.min(matching.size(), from + query.limit()));
    }

    private void changePolicyTags(String projectId, UUID policyId, UnaryOperator<List<ResourceTag>> change) {
        policies.changeTags(projectId, policyId.toString(), change);
    }

    /*
     * A batch is checked whole before anything changes: create follows the rules of a created tag and wants
     * each key once; delete takes any key (trimmed, not checked beyond "not empty") and duplicates.
     */
    private static UnaryOperator<List<ResourceTag>> batch(BatchTagsRequest request) {
        List<BatchResourceTag> requested = request.getTags();
        if (request.getAction() == BatchTagsRequest.ActionEnum.CREATE) {
            Set<String> keys = new HashSet<>();
            List<ResourceTag> created = new ArrayList<>(requested.size());
            for (int i = 0; i < requested.size(); i++) {
                BatchResourceTag tag = requested.get(i);
                if (!keys.add(tag.getKey())) {
                    throw CsbsException.invalidParameter("tags: key " + tag.getKey() + " appears twice (keys must be unique)");
                }
                created.add(TagEdits.created(tag.getKey(), tag.getValue(), "tags[" + i + "]"));
            }
            return tags -> TagEdits.put(tags, created);
        }
        for (int i = 0; i < requested.size(); i++) {
            if (requested.get(i).getKey().isBlank()) {
                throw CsbsException.invalidParameter("tags[" + i + "].key must not be empty");
            }
        }
        return tags -> {
            List<ResourceTag> remaining = tags;
            for (BatchResourceTag tag : requested) {
                remaining = TagEdits.remove(remaining, tag.getKey(), tag.getValue());
            }
            return remaining;
        };
    }

    // "Keys are checked and used after deleting the spaces before and after them."
    private static String requireKey(String key) {
        String trimmed = key.trim();
        if (trimmed.isEmpty()) {
            throw CsbsException.invalidParameter("key must not be empty");
        }
        return trimmed;
    }

    // "When you delete a nonexistent tag, error code 404 will be returned."
    private static List<ResourceTag> removeExisting(List<ResourceTag> tags, String key) {
        if (TagEdits.valueOf(tags, key) == null) {
            throw CsbsException.tagNotFound();
        }
        return TagEdits.remove(tags, key, null);
    }

    private List<BackupDataSet.Policy> projectPolicies(String projectId) {
        return dataSets.get().project(projectId).map(BackupDataSet.Project::policies).orElse(List.of());
    }

    private List<BackupView> projectBackups(String projectId) {
        return backups.select(backup -> backup.backup().projectId().equals(projectId));
    }

    // Every key once, with each of its values once; sorted, so that the answer does not depend on the order
    // in which resources were created.
    private static ListProjectTagsResponse projectTags(List<List<ResourceTag>> tagLists) {
        Map<String, Set<String>> values = new TreeMap<>();
        tagLists.forEach(tags -> tags.forEach(tag ->
                values.computeIfAbsent(tag.getKey(), key -> new TreeSet<>()).add(tag.getValue())));
        List<ProjectTag> tags = new ArrayList<>(values.size());
        values.forEach((key, each) -> tags.add(new ProjectTag().key(key).values(new ArrayList<>(each))));
        return new ListProjectTagsResponse().tags(tags);
    }
}
