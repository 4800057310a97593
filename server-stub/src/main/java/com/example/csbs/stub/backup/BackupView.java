package com.example.csbs.stub.backup;

import com.example.csbs.stub.model.ResourceTag;
import java.time.Instant;
import java.util.List;

/**
 * A backup as it is at one moment: what queries filter, sort and answer with.
 *
 * @param tags its tags at that moment, in the order they were first added (never changed: the store replaces
 *             the list)
 */
public record BackupView(Backup backup, BackupLifecycle.BackupState state, List<ResourceTag> tags) {

    public BackupView {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Without tags. */
    public BackupView(Backup backup, BackupLifecycle.BackupState state) {
        this(backup, state, List.of());
    }

    public BackupStatus status() {
        return state.status();
    }

    public int progress() {
        return state.progress();
    }

    public Instant updatedAt() {
        return state.updatedAt();
    }

    /** How the last restore from it failed; {@code null} unless it did. */
    public BackupOutcome restoreFailed() {
        return state.restoreFailed();
    }

    /**
     * Its size in MB ({@code extend_info.size}): it grows with the progress up to a quarter of the server's
     * system disk.
     */
    public int sizeMb() {
        return finalSizeMb(backup.resource()) * state.progress() / 100;
    }

    /** The size in MB a backup of that resource ends with. */
    public static int finalSizeMb(com.example.csbs.stub.data.BackupDataSet.ProtectedResource resource) {
        return resource.disk() * 1024 * USED_SHARE_PERCENT / 100;
    }

    // A backup's size grows with its progress up to this share of the system disk.
    private static final int USED_SHARE_PERCENT = 25;

    /** {@code null} while the backup is being created. */
    public Instant finishedAt() {
        return state.finishedAt();
    }
}
