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
                     BackupOutcome outcome, UUID taskId, Duration duration, String description) {
}
