package com.example.csbs.stub.backup;

import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.data.RandomIds;
import com.example.csbs.stub.http.CsbsException;
import com.example.csbs.stub.model.ResourceTag;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The checkpoints the stub has created and their backups, on the stub's one clock. Thread-safe
 * (one lock: every operation is short next to an HTTP exchange) and bounded, so that a long load
 * test cannot exhaust the heap: past the capacity a checkpoint goes with its backups, the oldest
 * finished one first.
 */
public final class BackupStore {

    /*
     * Default capacity, in checkpoints. Under load every stored checkpoint is young and survives a
     * collection or two, so the store's size is what a young-generation pause copies: at 10,000 the
     * pauses (about 10 ms) set the p99 latency; at 1,000 they are about 2 ms (bench/README.md).
     */
    public static final int DEFAULT_CAPACITY = 1_000;

    // How many backups that left the store are remembered as paging markers.
    private static final int GONE_REMEMBERED = 1_000;

    // How far from the oldest end eviction looks for a finished checkpoint before it takes the oldest.
    private static final int EVICTION_SCAN = 16;

    private final int capacity;
    private final Clock clock;
    private final BackupLifecycle lifecycle;

    private final LinkedHashMap<UUID, Checkpoint> checkpoints = new LinkedHashMap<>();
    private final Map<UUID, Backup> backups = new HashMap<>();
    // When the deletion of each backup being deleted was asked for, in that order.
    private final Map<UUID, Instant> deleting = new LinkedHashMap<>();
    // The tags of each backup that has any, kept with it and gone with it (immutable lists, replaced on change).
    private final Map<UUID, List<ResourceTag>> tags = new HashMap<>();
    // The last restore from each backup restored from.
    private final Map<UUID, Restoration> restorations = new HashMap<>();
    // The last state of backups that left the store (deleted or evicted): a listing's marker may name one.
    private final LinkedHashMap<UUID, BackupView> gone = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, BackupView> eldest) {
            return size() > GONE_REMEMBERED;
        }
    };

    // How the backups of the next executions end, set at run time: for every project (null: as the data set
    // says), and per project, which wins over it.
    private NextBackups next;
    private final Map<String, NextBackups> nextByProject = new HashMap<>();

    public BackupStore(int capacity, Clock clock, BackupLifecycle lifecycle) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.clock = clock;
        this.lifecycle = lifecycle;
    }

    public Clock clock() {
        return clock;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * A new backup request: what to back up, and how its backups are to end.
     *
     * @param quotas      the project's quotas, which the backups must fit in (CSBS.9006)
     * @param name        the backups' name; {@code null}: the console's style ({@code manualbk_} and four hex digits)
     * @param description the backups' description; {@code null}: empty
     */
    public record Execution(String projectId, BackupDataSet.Policy policy, List<BackupDataSet.ProtectedResource> resources,
                            boolean autoTrigger, BackupOutcome requestedOutcome, boolean rejectWhileRunning,
                            BackupDataSet.Quotas quotas, String name, String description) {

        public Execution {
            quotas = quotas == null ? BackupDataSet.Quotas.UNLIMITED : quotas;
            description = description == null ? "" : description;
        }

        /** Named in the console's style, without a description. */
        public Execution(String projectId, BackupDataSet.Policy policy, List<BackupDataSet.ProtectedResource> resources,
                         boolean autoTrigger, BackupOutcome requestedOutcome, boolean rejectWhileRunning,
                         BackupDataSet.Quotas quotas) {
            this(projectId, policy, resources, autoTrigger, requestedOutcome, rejectWhileRunning, quotas, null, null);
        }

        /** Without quotas. */
        public Execution(String projectId, BackupDataSet.Policy policy, List<BackupDataSet.ProtectedResource> resources,
                         boolean autoTrigger, BackupOutcome requestedOutcome, boolean rejectWhileRunning) {
            this(projectId, policy, resources, autoTrigger, requestedOutcome, rejectWhileRunning, null);
        }
    }

    /**
     * What a project's backups take now, for its quotas: every backup that exists (being deleted included,
     * until it is gone), and their sizes rounded up to whole GB.
     */
    public record Usage(int backups, int capacityGb) {
    }

    /**
     * Creates the checkpoint and one backup per resource, starting now.
     *
     * @throws CsbsException 500 CSBS.1001 (CSBS.6030) when {@code rejectWhileRunning} and a manual (automatic)
     *                       backup of the policy is still being created
     */
    public synchronized Checkpoint execute(Execution execution) {
        return create(execution, false);
    }

    /**
     * Backs up one resource ("Creating a Backup for a Resource"): a checkpoint with one backup whose ID is the
     * checkpoint's, so that the ID the answer carries finds the backup both as {@code checkpoint_id} and as
     * {@code checkpoint_item_id}. Same clock, outcomes and deletion as an execution.
     *
     * @throws CsbsException 400 CSBS.9006 past a quota
     */
    public synchronized Checkpoint protect(Execution execution) {
        return protect(execution, List.of());
    }

    /**
     * Backs up one resource, the backup carrying {@code initialTags} (the request's {@code tags}, already
     * checked) from the start.
     *
     * @throws CsbsException 400 CSBS.9006 past a quota
     */
    public synchronized Checkpoint protect(Execution execution, List<ResourceTag> initialTags) {
        if (execution.resources().size() != 1) {
            throw new IllegalArgumentException("protect backs up exactly one resource");
        }
        Checkpoint checkpoint = create(execution, true);
        if (!initialTags.isEmpty()) {
            tags.put(checkpoint.id(), List.copyOf(initialTags));
        }
        return checkpoint;
    }

    /**
     * Changes the tags of a backup that exists (being deleted included, until it is gone): {@code change} gets
     * its tags as they are and answers them as they are to be, under the store's lock.
     *
     * @return the tags as they are now
     * @throws CsbsException 404 CSBS.3001 for a backup that is not in the project (or gone), and what
     *                       {@code change} throws, which leaves the tags as they were
     */
    public synchronized List<ResourceTag> changeTags(String projectId, UUID backupId, UnaryOperator<List<ResourceTag>> change) {
        purgeDeleted(clock.instant());
        BackupView backup = find(projectId, backupId).orElseThrow(() -> CsbsException.backupNotFound(backupId));
        List<ResourceTag> changed = List.copyOf(change.apply(backup.tags()));
        if (changed.isEmpty()) {
            tags.remove(backupId);
        } else {
            tags.put(backupId, changed);
        }
        return changed;
    }

    private Checkpoint create(Execution execution, boolean backupIdIsCheckpointId) {
        Instant now = clock.instant();
        purgeDeleted(now);
        if (execution.rejectWhileRunning()) {
            rejectIfRunning(execution.projectId(), execution.policy().id(), now);
        }
        requireWithinQuotas(execution, now);
        NextBackups planned = takeNextBackups(execution.projectId()); // this execution can no longer be refused
        UUID checkpointId = RandomIds.uuid();
        List<Backup> created = new ArrayList<>(execution.resources().size());
        for (BackupDataSet.ProtectedResource resource : execution.resources()) {
            BackupOutcome outcome = execution.requestedOutcome() != null ? execution.requestedOutcome()
                    : planned != null && planned.outcome() != null ? planned.outcome()
                    : resource.backupOutcome() != null ? resource.backupOutcome() : BackupOutcome.AVAILABLE;
            created.add(new Backup(backupIdIsCheckpointId ? checkpointId : RandomIds.uuid(), checkpointId,
                    execution.projectId(), execution.policy(), resource,
                    execution.name() != null ? execution.name() : backupName(execution.autoTrigger()), now,
                    execution.autoTrigger(), outcome, RandomIds.uuid(), planned == null ? null : planned.duration(),
                    execution.description()));
        }
        Checkpoint checkpoint = new Checkpoint(checkpointId, execution.projectId(), execution.policy(), now,
                execution.autoTrigger(), created);
        checkpoints.put(checkpointId, checkpoint);
        created.forEach(backup -> backups.put(backup.id(), backup));
        while (checkpoints.size() > capacity) {
            evict(now);
        }
        return checkpoint;
    }

    /** The backup with that ID in that project (any project when {@code projectId} is null), as it is now. */
    public synchronized Optional<BackupView> find(String projectId, UUID backupId) {
        Backup backup = backups.get(backupId);
        if (backup == null || (projectId != null && !backup.projectId().equals(projectId))) {
            return Optional.empty();
        }
        return Optional.ofNullable(view(backup, clock.instant()));
    }

    /**
     * The backup a listing's marker names, as it is now or as it was when it left the store, in that
     * project (any project when {@code projectId} is null), whatever the listing's filters.
     */
    public synchronized Optional<BackupView> findMarker(String projectId, UUID backupId) {
        Backup held = backups.get(backupId); // possibly deleted already, but not purged yet
        BackupView last = held != null ? lastView(held, clock.instant()) : gone.get(backupId);
        return last == null || (projectId != null && !last.backup().projectId().equals(projectId))
                ? Optional.empty() : Optional.of(last);
    }

    /** The checkpoint with that ID in that project, if the stub still holds it. */
    public synchronized Optional<Checkpoint> findCheckpoint(String projectId, UUID checkpointId) {
        Checkpoint checkpoint = checkpoints.get(checkpointId);
        return checkpoint != null && checkpoint.projectId().equals(projectId) ? Optional.of(checkpoint) : Optional.empty();
    }

    /** Every backup that exists now and matches, in no particular order; list and count see the same moment. */
    public synchronized List<BackupView> select(Predicate<BackupView> filter) {
        Instant now = clock.instant();
        List<BackupView> selected = new ArrayList<>();
        for (Backup backup : backups.values()) {
            BackupView view = view(backup, now);
            if (view != null && filter.test(view)) {
                selected.add(view);
            }
        }
        return selected;
    }

    /**
     * Starts deleting backups of a checkpoint: all of them ({@code backupIds} null) or the ones named.
     * All or nothing: if any of them cannot be deleted, none is.
     *
     * @throws CsbsException 404 CSBS.3001 for an unknown checkpoint or a backup not in it,
     *                       400 CSBS.2003 for a backup that is still being created or already being deleted
     */
    public synchronized void delete(String projectId, UUID checkpointId, Collection<UUID> backupIds) {
        Instant now = clock.instant();
        purgeDeleted(now);
        Checkpoint checkpoint = findCheckpoint(projectId, checkpointId)
                .orElseThrow(() -> CsbsException.backupNotFound(checkpointId));
        List<BackupView> targets = new ArrayList<>();
        if (backupIds == null) {
            for (Backup backup : checkpoint.backups()) {
                BackupView view = backups.containsKey(backup.id()) ? view(backup, now) : null;
                if (view != null) {
                    targets.add(view);
                }
            }
        } else {
            for (UUID id : new LinkedHashSet<>(backupIds)) {
                Backup backup = backups.get(id);
                BackupView view = backup == null || !backup.checkpointId().equals(checkpointId) ? null : view(backup, now);
                if (view == null) {
                    throw CsbsException.backupNotFound(id);
                }
                targets.add(view);
            }
        }
        if (targets.isEmpty()) {
            throw CsbsException.backupNotFound(checkpointId);
        }
        for (BackupView target : targets) {
            if (target.status().isCreating() || target.status().isDeleting() || target.status().isRestoring()) {
                throw CsbsException.itemInExecuting(target.backup().id(), target.status().value());
            }
        }
        for (BackupView target : targets) {
            deleting.put(target.backup().id(), now);
        }
        purgeDeleted(now);
    }

    /**
     * Starts restoring from an available backup: it is {@code waiting_restore}, then {@code restoring}, then
     * {@code available} again.
     *
     * @throws CsbsException 404 CSBS.3001 for an unknown backup, 400 CSBS.4000 for one that is not available
     */
    public synchronized Restoration restore(String projectId, UUID backupId, String serverId, BackupOutcome outcome) {
        Instant now = clock.instant();
        purgeDeleted(now);
        BackupView backup = find(projectId, backupId).orElseThrow(() -> CsbsException.backupNotFound(backupId));
        if (backup.status() != BackupStatus.AVAILABLE) {
            throw CsbsException.checkpointItemNotAvailable(backupId, backup.status().value());
        }
        Restoration restoration = new Restoration(RandomIds.uuid(), backupId, serverId, now, outcome, null);
        restorations.put(backupId, restoration);
        return restoration;
    }

    /** What the project's backups take now. */
    public synchronized Usage usage(String projectId) {
        return usage(projectId, clock.instant());
    }

    private Usage usage(String projectId, Instant now) {
        int count = 0;
        long sizeMb = 0;
        for (Backup backup : backups.values()) {
            if (backup.projectId().equals(projectId)) {
                BackupView view = view(backup, now);
                if (view != null) {
                    count++;
                    sizeMb += view.sizeMb();
                }
            }
        }
        return new Usage(count, (int) ((sizeMb + 1023) / 1024));
    }

    // A full scan of the store, so only when the project has a quota (load tests have none).
    private void requireWithinQuotas(Execution execution, Instant now) {
        BackupDataSet.Quotas quotas = execution.quotas();
        if (quotas.backups() < 0 && quotas.backupCapacity() < 0) {
            return;
        }
        Usage used = usage(execution.projectId(), now);
        if (quotas.backups() >= 0 && used.backups() + execution.resources().size() > quotas.backups()) {
            throw CsbsException.quotaExceeded("backups");
        }
        long addedMb = execution.resources().stream().mapToLong(BackupView::finalSizeMb).sum();
        if (quotas.backupCapacity() >= 0 && used.capacityGb() + (addedMb + 1023) / 1024 > quotas.backupCapacity()) {
            throw CsbsException.quotaExceeded("backup_capacity");
        }
    }

    /**
     * How the backups of the next executions end, replacing what was set before; {@code null} clears it.
     * A request's {@code Prefer: backup=...} still decides the outcome of its own execution.
     */
    public synchronized void planNextBackups(NextBackups planned) {
        next = planned;
    }

    /**
     * How the backups of the project's next executions end, whatever is set for every project; {@code null}
     * clears it (the project's executions take what is set for every project again).
     */
    public synchronized void planNextBackups(String projectId, NextBackups planned) {
        if (planned == null) {
            nextByProject.remove(projectId);
        } else {
            nextByProject.put(projectId, planned);
        }
    }

    /** What is set for the next executions of every project, with the executions left. */
    public synchronized Optional<NextBackups> nextBackups() {
        return Optional.ofNullable(next);
    }

    /** What is set for the project's own next executions, with the executions left. */
    public synchronized Optional<NextBackups> nextBackups(String projectId) {
        return Optional.ofNullable(nextByProject.get(projectId));
    }

    /** What is set per project, by project ID in order. */
    public synchronized SortedMap<String, NextBackups> nextBackupsByProject() {
        return new TreeMap<>(nextByProject);
    }

    /** No checkpoints, no backups, nothing set for the next executions: as the stub started. */
    public synchronized void clear() {
        checkpoints.clear();
        backups.clear();
        deleting.clear();
        restorations.clear();
        tags.clear();
        gone.clear();
        next = null;
        nextByProject.clear();
    }

    /**
     * Runs {@code first} (a reset of the data set, say), then clears as {@link #clear()} does, under the store's
     * lock: no request sees the one without the other. If {@code first} throws, nothing is cleared.
     */
    public synchronized void clear(Runnable first) {
        first.run();
        clear();
    }

    /**
     * Runs {@code first} (the project's part of a reset of the data set), then removes the project's checkpoints
     * and backups (with their tags, restores and paging markers) and what is set for its next executions, under
     * the store's lock: no request sees the one without the other, and other projects lose nothing. If
     * {@code first} throws, nothing is removed.
     */
    public synchronized void clearProject(String projectId, Runnable first) {
        first.run();
        for (Iterator<Checkpoint> it = checkpoints.values().iterator(); it.hasNext(); ) {
            Checkpoint checkpoint = it.next();
            if (checkpoint.projectId().equals(projectId)) {
                it.remove();
                for (Backup backup : checkpoint.backups()) {
                    backups.remove(backup.id());
                    deleting.remove(backup.id());
                    restorations.remove(backup.id());
                    tags.remove(backup.id());
                }
            }
        }
        gone.values().removeIf(view -> view.backup().projectId().equals(projectId));
        nextByProject.remove(projectId);
    }

    // The project's own plan wins over the one for every project; the plan taken counts one execution fewer.
    private NextBackups takeNextBackups(String projectId) {
        NextBackups own = nextByProject.get(projectId);
        if (own != null) {
            planNextBackups(projectId, own.afterOneExecution());
            return own;
        }
        NextBackups shared = next;
        next = shared == null ? null : shared.afterOneExecution();
        return shared;
    }

    /** How many checkpoints the store holds (bounded by the capacity). */
    public synchronized int checkpointCount() {
        return checkpoints.size();
    }

    private BackupView view(Backup backup, Instant now) {
        BackupLifecycle.BackupState state = lifecycle.stateAt(now, backup.createdAt(), backup.outcome(),
                deleting.get(backup.id()), backup.duration(), restorations.get(backup.id()));
        return state == null ? null : new BackupView(backup, state, tags.get(backup.id()));
    }

    /** 500 CSBS.1001 if a manual backup of the policy is being created, CSBS.6030 if an automatic one is. */
    private void rejectIfRunning(String projectId, String policyId, Instant now) {
        for (Checkpoint checkpoint : checkpoints.values()) {
            if (checkpoint.projectId().equals(projectId) && checkpoint.policy().id().equals(policyId)
                    && hasBackupBeingCreated(checkpoint, now)) {
                throw checkpoint.autoTrigger() ? CsbsException.autoPlanExecuting() : CsbsException.policyExecuting();
            }
        }
    }

    // Called for up to 16 checkpoints on every execution once the store is full (the profile showed it),
    // so it asks the lifecycle only what it needs: a backup being deleted is not being created.
    private boolean hasBackupBeingCreated(Checkpoint checkpoint, Instant now) {
        for (Backup backup : checkpoint.backups()) {
            if (backups.containsKey(backup.id()) && !deleting.containsKey(backup.id())
                    && lifecycle.isCreatingAt(now, backup.createdAt(), backup.outcome(), backup.duration())) {
                return true;
            }
        }
        return false;
    }

    // Backups whose deletion has completed leave the store, and a checkpoint with none left goes too.
    private void purgeDeleted(Instant now) {
        for (Iterator<UUID> it = deleting.keySet().iterator(); it.hasNext(); ) {
            Backup backup = backups.get(it.next());
            if (view(backup, now) == null) {
                remember(backup, now);
                it.remove();
                backups.remove(backup.id());
                restorations.remove(backup.id());
                tags.remove(backup.id());
                Checkpoint checkpoint = checkpoints.get(backup.checkpointId());
                if (checkpoint != null && checkpoint.backups().stream().noneMatch(b -> backups.containsKey(b.id()))) {
                    checkpoints.remove(checkpoint.id());
                }
            }
        }
    }

    private void evict(Instant now) {
        Checkpoint victim = null;
        int scanned = 0;
        for (Checkpoint checkpoint : checkpoints.values()) {
            if (victim == null) {
                victim = checkpoint; // the oldest, unless a finished one is found near it
            }
            if (!hasBackupBeingCreated(checkpoint, now)) {
                victim = checkpoint;
                break;
            }
            if (++scanned == EVICTION_SCAN) {
                break;
            }
        }
        checkpoints.remove(victim.id());
        for (Backup backup : victim.backups()) {
            if (backups.remove(backup.id()) != null) {
                remember(backup, now);
            }
            deleting.remove(backup.id());
            restorations.remove(backup.id());
            tags.remove(backup.id());
        }
    }

    // Its state just before it left, for sorting: a deleted backup was last seen deleting.
    private void remember(Backup backup, Instant now) {
        BackupView last = lastView(backup, now);
        if (last != null) {
            gone.put(backup.id(), last);
        }
    }

    private BackupView lastView(Backup backup, Instant now) {
        BackupView current = view(backup, now);
        Instant deleteRequestedAt = deleting.get(backup.id());
        if (current != null || deleteRequestedAt == null) {
            return current;
        }
        Instant lastSeen = deleteRequestedAt.plus(lifecycle.deleteDuration()).minusNanos(1);
        BackupLifecycle.BackupState state = lifecycle.stateAt(lastSeen, backup.createdAt(), backup.outcome(),
                deleteRequestedAt, backup.duration(), restorations.get(backup.id()));
        return state == null ? null : new BackupView(backup, state, tags.get(backup.id()));
    }

    // The console's style: manualbk_ or autobk_ and four hex digits.
    private static String backupName(boolean autoTrigger) {
        return (autoTrigger ? "autobk_" : "manualbk_") + Integer.toHexString(0x10000 | ThreadLocalRandom.current().nextInt(0x10000)).substring(1);
    }
}
