package com.example.csbs.stub.backup;

import com.example.csbs.stub.data.BackupDataSet;
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
     * A new backup, with the IDs of its system disk's backup and snapshot derived from its own, so that every
     * answer shows the same ones. Derived once, here, and without a hash: a page of 1,000 backups derived
     * them anew for every answer by MD5 (name-based UUIDs), a third of the listing's time.
     */
    public Backup(UUID id, UUID checkpointId, String projectId, BackupDataSet.Policy policy,
                  BackupDataSet.ProtectedResource resource, String name, Instant createdAt, boolean autoTrigger,
                  BackupOutcome outcome, UUID taskId, Duration duration, String description) {
        this(id, checkpointId, projectId, policy, resource, name, createdAt, autoTrigger, outcome, taskId, duration,
                description, derived(id, DISK_BACKUP), derived(id, SNAPSHOT));
    }

    // Distinct per kind, so a backup's derived IDs differ from each other and from any random ID but by chance.
    private static final long DISK_BACKUP = 0x5a17_c3e9_0b4d_62f1L;
    private static final long SNAPSHOT = 0x2e6b_914f_d87a_05c3L;

    // The ID's bits mixed with the kind's, as a version 4 (random) UUID: one to one for each kind.
    private static UUID derived(UUID id, long kind) {
        long high = ((id.getMostSignificantBits() ^ kind) & ~0xF000L) | 0x4000L;
        long low = ((id.getLeastSignificantBits() ^ Long.rotateLeft(kind, 17)) & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
