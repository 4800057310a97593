package com.example.csbs.stub.backup;

import java.time.Instant;

/** A backup as it is at one moment: what queries filter, sort and answer with. */
public record BackupView(Backup backup, BackupLifecycle.BackupState state) {

    public BackupStatus status() {
        return state.status();
    }

    public int progress() {
        return state.progress();
    }

    public Instant updatedAt() {
        return state.updatedAt();
    }

    /** {@code null} while the backup is being created. */
    public Instant finishedAt() {
        return state.finishedAt();
    }
}
