package com.example.csbs.stub.policy;

import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.data.CurrentDataSet;
import com.example.csbs.stub.http.CsbsException;
import com.example.csbs.stub.model.ResourceTag;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The backup policies as state, per project: created, updated and deleted through the CSBS API, read by
 * the policy and backup operations. They live in the data set of the moment ({@link CurrentDataSet}), so
 * that the data set's policies are the state at start, the run-time setup ({@code StubSetup.putPolicy})
 * writes into the same state, and a reset goes back to the start-up policies. Each change builds a new
 * data set under the data set's one lock: thread-safe, and a refused change leaves nothing half-applied.
 * Bounded: at most {@code maxPerProject} policies per project can be created through the API (CSBS.0001).
 */
public final class PolicyStore {

    /** Policies a project may have before creating one more is refused (CSBS.0001). */
    public static final int DEFAULT_MAX_PER_PROJECT = 1_000;

    private final CurrentDataSet dataSet;
    private final int maxPerProject;

    public PolicyStore(CurrentDataSet dataSet, int maxPerProject) {
        if (maxPerProject < 1) {
            throw new IllegalArgumentException("max policies must be at least 1, was " + maxPerProject);
        }
        this.dataSet = Objects.requireNonNull(dataSet, "data set");
        this.maxPerProject = maxPerProject;
    }

    public int maxPerProject() {
        return maxPerProject;
    }

    /** The policy with that ID in that project, as it is now. */
    public Optional<BackupDataSet.Policy> find(String projectId, String policyId) {
        return dataSet.get().policy(projectId, policyId);
    }

    /**
     * Adds a new policy to the project.
     *
     * @throws CsbsException 400 CSBS.0001 when the project has its maximum of policies, CSBS.9007 when another policy
     *                       has the name, CSBS.6004 when one of its servers is in another policy
     */
    public BackupDataSet.Policy create(String projectId, BackupDataSet.Policy policy) {
        dataSet.update(current -> {
            BackupDataSet.Project project = project(current, projectId);
            if (project.policies().size() >= maxPerProject) {
                throw CsbsException.policyLimitReached();
            }
            if (project.policy(policy.id()).isPresent()) {
                throw new IllegalStateException("policy id " + policy.id() + " is taken"); // a fresh UUID: never
            }
            requireFits(project, policy);
            return current.withProject(project.withPolicy(policy));
        });
        return policy;
    }

    /**
     * Changes a policy of the project: {@code change} gets the policy as it is and answers it as it is to be.
     *
     * @throws CsbsException 404 CSBS.3000 for a policy that is not in the project, 400 CSBS.9007 and CSBS.6004 as
     *                       for {@link #create}
     */
    public BackupDataSet.Policy update(String projectId, String policyId, UnaryOperator<BackupDataSet.Policy> change) {
        BackupDataSet.Policy[] updated = new BackupDataSet.Policy[1];
        dataSet.update(current -> {
            BackupDataSet.Project project = project(current, projectId);
            BackupDataSet.Policy policy = project.policy(policyId).orElseThrow(CsbsException::policyNotFound);
            updated[0] = Objects.requireNonNull(change.apply(policy), "updated policy");
            if (!updated[0].id().equals(policyId)) {
                throw new IllegalStateException("an update keeps the policy's id");
            }
            requireFits(project, updated[0]);
            return current.withProject(project.withPolicy(updated[0]));
        });
        return updated[0];
    }

    /**
     * Changes the tags of a policy of the project: {@code change} gets its tags as they are and answers them as
     * they are to be, under the data set's lock, so that a change and a deletion of the policy never overlap.
     *
     * @throws CsbsException 404 CSBS.3000 for a policy that is not in the project, and what {@code change}
     *                       throws, which leaves the policy as it was
     */
    public BackupDataSet.Policy changeTags(String projectId, String policyId, UnaryOperator<List<ResourceTag>> change) {
        BackupDataSet.Policy[] updated = new BackupDataSet.Policy[1];
        dataSet.update(current -> {
            BackupDataSet.Project project = project(current, projectId);
            BackupDataSet.Policy policy = project.policy(policyId).orElseThrow(CsbsException::policyNotFound);
            updated[0] = policy.withTags(change.apply(policy.tags()));
            return current.withProject(project.withPolicy(updated[0]));
        });
        return updated[0];
    }

    /**
     * Deletes a policy of the project. Its backups stay, and stay listed by its ID, as CSBS keeps the
     * backups of a deleted policy; executing it is 404 CSBS.3000 from then on.
     *
     * @throws CsbsException 404 CSBS.3000 for a policy that is not in the project
     */
    public void delete(String projectId, String policyId) {
        dataSet.update(current -> {
            BackupDataSet.Project project = project(current, projectId);
            project.policy(policyId).orElseThrow(CsbsException::policyNotFound);
            return current.withProject(project.withoutPolicy(policyId));
        });
    }

    // A project the token filter let through exists; it can only be gone when the setup replaced the data set since.
    private static BackupDataSet.Project project(BackupDataSet current, String projectId) {
        return current.project(projectId).orElseThrow(CsbsException::noPermission);
    }

    // Names are unique in a project, and a server is in one policy at most (CSBS.6004, "already in service").
    private static void requireFits(BackupDataSet.Project project, BackupDataSet.Policy policy) {
        List<BackupDataSet.Policy> others = project.policies().stream()
                .filter(other -> !other.id().equals(policy.id()))
                .toList();
        if (others.stream().anyMatch(other -> other.name().equals(policy.name()))) {
            throw CsbsException.duplicatePolicyName();
        }
        for (BackupDataSet.ProtectedResource resource : policy.resources()) {
            if (others.stream().anyMatch(other -> other.resource(resource.id()).isPresent())) {
                throw CsbsException.serverInService(resource.id());
            }
        }
    }
}
