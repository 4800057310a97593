package com.example.csbs.stub.backup;

import com.example.csbs.stub.data.BackupDataSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One backup (checkpoint item): the backup of one resource by one execution, as it was created.
 * It never changes: its status follows from the clock ({@link BackupLifecycle}) and from when a
 * deletion was asked for, which {@link BackupStore} keeps.
 *
 * @param duration    how long it takes to end, set at run time ({@link NextBackups}); {@code null}: the
 *                    lifecycle's backup duration
 * @param description the description a backup of one resource was given; empty otherwise
 */
public record Backup(UUID id, UUID checkpointId, String projectId, BackupDataSet.Policy policy,
                     BackupDataSet.ProtectedResource resource, String name, Instant createdAt, boolean autoTrigger,
                     BackupOutcome outcome, UUID taskId, Duration duration, String description,
                     UUID diskBackupId, UUID snapshotId) {

    /**
     * A new backup, with the IDs of its system disk's backup and snapshot derived from its own (name-based,
     * so they are the same in every answer). Derived once here: a page of 1,000 backups derived them anew
     * for every answer, and MD5 was a third of the listing's time.
     */
    public Backup(UUID id, UUID checkpointId, String projectId, BackupDataSet.Policy policy,
                  BackupDataSet.ProtectedResource resource, String name, Instant createdAt, boolean autoTrigger,
                  BackupOutcome outcome, UUID taskId, Duration duration, String description) {
        this(id, checkpointId, projectId, policy, resource, name, createdAt, autoTrigger, outcome, taskId, duration,
                description, derived("volume-backup", id), derived("snapshot", id));
    }

    private static UUID derived(String kind, UUID id) {
        return UUID.nameUUIDFromBytes((kind + ":" + id).getBytes(StandardCharsets.UTF_8));
    }
}
