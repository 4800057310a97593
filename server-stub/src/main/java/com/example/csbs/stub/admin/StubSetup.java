package com.example.csbs.stub.admin;

import com.example.csbs.stub.backup.BackupStore;
import com.example.csbs.stub.backup.NextBackups;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.data.CurrentDataSet;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.UnaryOperator;

/**
 * Sets a running stub up: adds or replaces projects, tokens, backup policies, resources, servers and quotas, sets
 * how the next backups end, and goes back to the start-up data set. The admin API
 * ({@code /__admin/setup}) calls exactly this; tests in the same JVM get it from the JUnit
 * extension or a {@link StubControl}.
 *
 * <p>Each change is checked whole (ids unique, tokens not shared, policy and resource ids UUIDs,
 * ...) before it takes effect: a refused change throws {@link InvalidSetupException} and leaves the
 * stub as it was. Thread-safe. Backups already created keep the policy and resources they were
 * created from. Teams sharing one stub each reset their own project and set their own project's next
 * backups ({@link #reset(String)}, {@link #setNextBackups(String, NextBackups)}).
 */
public final class StubSetup {

    private final CurrentDataSet dataSet;
    private final BackupStore store;

    public StubSetup(CurrentDataSet dataSet, BackupStore store) {
        this.dataSet = dataSet;
        this.store = store;
    }

    /** The data set as it is now. */
    public BackupDataSet dataSet() {
        return dataSet.get();
    }

    /** What is set for the next executions of every project (with the executions left), if anything. */
    public Optional<NextBackups> nextBackups() {
        return store.nextBackups();
    }

    /**
     * What is set for the project's own next executions (with the executions left), if anything: it wins over
     * {@link #nextBackups()} for that project.
     */
    public Optional<NextBackups> nextBackups(String projectId) {
        return store.nextBackups(projectId);
    }

    /** What is set per project, by project ID in order. */
    public SortedMap<String, NextBackups> nextBackupsByProject() {
        return store.nextBackupsByProject();
    }

    /** Adds the project, or replaces the one with its id (its token and all of its policies). */
    public StubSetup putProject(BackupDataSet.Project project) {
        require(project != null, "the project is missing");
        return change(current -> current.withProject(project));
    }

    /** The project's token from now on, and whether it is an administrator's; the old token is answered with 401. */
    public StubSetup putToken(String projectId, String token, boolean admin) {
        return change(current -> current.withProject(project(current, projectId).withToken(token, admin)));
    }

    /**
     * Adds the backup policy to the project, or replaces the project's policy with its id: the same state as the
     * policies created, updated and deleted through the CSBS API.
     */
    public StubSetup putPolicy(String projectId, BackupDataSet.Policy policy) {
        require(policy != null, "the policy is missing");
        return change(current -> current.withProject(project(current, projectId).withPolicy(policy)));
    }

    /** Adds the resource to the project's backup policy, or replaces the policy's resource with its id. */
    public StubSetup putResource(String projectId, String policyId, BackupDataSet.ProtectedResource resource) {
        require(resource != null, "the resource is missing");
        return change(current -> {
            BackupDataSet.Project project = project(current, projectId);
            BackupDataSet.Policy policy = project.policy(policyId).orElseThrow(() -> new InvalidSetupException(
                    "there is no policy " + policyId + " in project " + projectId));
            return current.withProject(project.withPolicy(policy.withResource(resource)));
        });
    }

    /**
     * Adds the server to the project's own servers (those in none of its policies), or replaces the one with its id:
     * what backing it up on its own and the capability checks find out about it (protectable, restorable, sizes,
     * how its backups and restores end). A server the stub does not know is protectable and restorable all the same.
     */
    public StubSetup putServer(String projectId, BackupDataSet.ProtectedResource server) {
        require(server != null, "the server is missing");
        return change(current -> current.withProject(project(current, projectId).withServer(server)));
    }

    /** The project's quotas from now on ({@code -1}: no restriction); backups already created stay. */
    public StubSetup putQuotas(String projectId, BackupDataSet.Quotas quotas) {
        require(quotas != null, "the quotas are missing");
        return change(current -> current.withProject(project(current, projectId).withQuotas(quotas)));
    }

    /**
     * How the backups of the next executions end and how long they take, replacing what was set before.
     * A request's {@code Prefer: backup=...} still decides the outcome of its own execution.
     */
    public StubSetup setNextBackups(NextBackups next) {
        require(next != null, "next backups are missing");
        store.planNextBackups(next);
        return this;
    }

    /**
     * How the backups of the project's next executions end and how long they take, replacing what was set for the
     * project before: it wins over what is set for every project ({@link #setNextBackups(NextBackups)}), and other
     * projects' executions do not take it. A request's {@code Prefer: backup=...} still decides its own execution.
     *
     * @throws InvalidSetupException for a project the stub does not know
     */
    public StubSetup setNextBackups(String projectId, NextBackups next) {
        require(next != null, "next backups are missing");
        project(dataSet.get(), projectId);
        store.planNextBackups(projectId, next);
        return this;
    }

    /** The next backups end as the data set says, in the stub's backup duration (unless set for their project). */
    public StubSetup clearNextBackups() {
        store.planNextBackups(null);
        return this;
    }

    /**
     * The project's next backups take what is set for every project again.
     *
     * @throws InvalidSetupException for a project the stub does not know
     */
    public StubSetup clearNextBackups(String projectId) {
        project(dataSet.get(), projectId);
        store.planNextBackups(projectId, null);
        return this;
    }

    /**
     * The data set the stub started with, nothing set for the next backups, and no backups (every
     * checkpoint and backup created so far is gone). The request journal is kept.
     */
    public synchronized StubSetup reset() {
        store.clear(dataSet::reset);
        return this;
    }

    /**
     * One project back to the start-up data set, the others untouched: its token, policies, servers and quotas as
     * the stub started with them (a project added since is removed, as a whole reset would remove it), none of its
     * backups, and nothing set for its own next executions. In one step, under the store's lock and the data set's:
     * a read of the project's policies or backups sees them as they were or as they are reset, never half of it,
     * and other projects' changes made meanwhile are not lost. The request journal is kept.
     *
     * @throws InvalidSetupException for a project the stub does not know (nothing is reset), or when another
     *                               project has taken the project's start-up token since
     */
    public synchronized StubSetup reset(String projectId) {
        store.clearProject(projectId, () -> change(current -> dataSet.initial().project(projectId)
                .map(current::withProject)
                .orElseGet(() -> current.withoutProject(project(current, projectId).id()))));
        return this;
    }

    private synchronized StubSetup change(UnaryOperator<BackupDataSet> change) {
        try {
            dataSet.update(change);
        } catch (InvalidSetupException e) {
            throw e;
        } catch (IllegalArgumentException | NullPointerException e) { // a record's or the data set's own check
            throw new InvalidSetupException(Objects.requireNonNullElse(e.getMessage(), e.toString()), e);
        }
        return this;
    }

    private static BackupDataSet.Project project(BackupDataSet current, String projectId) {
        return current.project(projectId).orElseThrow(() -> new InvalidSetupException("there is no project " + projectId));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidSetupException(message);
        }
    }
}
