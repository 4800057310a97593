package com.example.csbs.stub.backup;

import com.example.csbs.stub.data.BackupDataSet;
import java.time.Instant;
import java.util.UUID;

/**
 * One backup (checkpoint item): the backup of one resource by one execution. What it was created
 * with never changes; its status follows from the clock ({@link BackupLifecycle}), and from the
 * moment a deletion was asked for, which {@link BackupStore} records under its lock.
 */
public final class Backup {

    private final UUID id;
    private final UUID checkpointId;
    private final String projectId;
    private final BackupDataSet.Policy policy;
    private final BackupDataSet.ProtectedResource resource;
    private final String name;
    private final Instant createdAt;
    private final boolean autoTrigger;
    private final BackupOutcome outcome;
    private final UUID taskId;
    private Instant deleteRequestedAt;

    Backup(UUID id, UUID checkpointId, String projectId, BackupDataSet.Policy policy,
           BackupDataSet.ProtectedResource resource, String name, Instant createdAt, boolean autoTrigger,
           BackupOutcome outcome, UUID taskId) {
        this.id = id;
        this.checkpointId = checkpointId;
        this.projectId = projectId;
        this.policy = policy;
        this.resource = resource;
        this.name = name;
        this.createdAt = createdAt;
        this.autoTrigger = autoTrigger;
        this.outcome = outcome;
        this.taskId = taskId;
    }

    public UUID id() {
        return id;
    }

    public UUID checkpointId() {
        return checkpointId;
    }

    public String projectId() {
        return projectId;
    }

    public BackupDataSet.Policy policy() {
        return policy;
    }

    public BackupDataSet.ProtectedResource resource() {
        return resource;
    }

    public String name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public boolean autoTrigger() {
        return autoTrigger;
    }

    public BackupOutcome outcome() {
        return outcome;
    }

    public UUID taskId() {
        return taskId;
    }

    Instant deleteRequestedAt() {
        return deleteRequestedAt;
    }

    void requestDeletion(Instant at) {
        deleteRequestedAt = at;
    }
}
