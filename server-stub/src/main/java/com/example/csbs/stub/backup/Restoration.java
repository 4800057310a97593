package com.example.csbs.stub.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A restore from one backup ("Creating a Restoration Task"): the backup is {@code waiting_restore},
 * then {@code restoring}, then {@code available} again, on the stub's clock.
 *
 * @param id          the restoration's ID (the answer's {@code restore.id})
 * @param backupId    the backup restored from
 * @param serverId    the server restored to
 * @param requestedAt when it was asked for
 * @param outcome     {@code available}, or {@code error} with the restore's fail_code and fail_reason
 * @param duration    how long it takes; {@code null}: the lifecycle's restore duration
 */
public record Restoration(UUID id, UUID backupId, String serverId, Instant requestedAt, BackupOutcome outcome,
                          Duration duration) {

    public Restoration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(backupId, "backupId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        outcome = outcome == null ? BackupOutcome.AVAILABLE : outcome;
    }
}
