package com.example.csbs.stub.backup;

import com.example.csbs.stub.data.BackupDataSet;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One execution of a backup policy (a backup record) and the backups it created, one per resource. */
public record Checkpoint(UUID id, String projectId, BackupDataSet.Policy policy, Instant createdAt,
                         boolean autoTrigger, List<Backup> backups) {

    public Checkpoint {
        backups = List.copyOf(backups);
    }
}
