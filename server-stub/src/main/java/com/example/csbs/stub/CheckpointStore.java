package com.example.csbs.stub;

import com.example.csbs.stub.model.CheckpointResp;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The checkpoints the stub has created, by id: what a test may want to look up afterwards.
 * Bounded, so that a long load test cannot exhaust the heap: past the capacity the oldest goes.
 */
public final class CheckpointStore {

    /*
     * Default capacity. Under load every stored checkpoint is young and survives a collection or two,
     * so the store's size is what a young-generation pause copies: at 10,000 the pauses (about 10 ms)
     * set the p99 latency; at 1,000 they are about 2 ms (bench/README.md).
     */
    public static final int DEFAULT_CAPACITY = 1_000;

    private final int capacity;
    private final Map<UUID, CheckpointResp> checkpoints;

    public CheckpointStore() {
        this(DEFAULT_CAPACITY);
    }

    public CheckpointStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        // Insertion order, so the eldest entry is the oldest checkpoint; one lock is cheap next to an HTTP exchange.
        this.checkpoints = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, CheckpointResp> eldest) {
                return size() > CheckpointStore.this.capacity;
            }
        });
    }

    public void add(CheckpointResp checkpoint) {
        checkpoints.put(checkpoint.getId(), checkpoint);
    }

    public Optional<CheckpointResp> find(UUID id) {
        return Optional.ofNullable(checkpoints.get(id));
    }

    public int size() {
        return checkpoints.size();
    }

    public int capacity() {
        return capacity;
    }
}
