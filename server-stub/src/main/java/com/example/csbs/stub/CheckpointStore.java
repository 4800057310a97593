package com.example.csbs.stub;

import com.example.csbs.stub.model.CheckpointResp;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The checkpoints the stub has created, by id: what a test may want to look up afterwards. */
public final class CheckpointStore {

    private final Map<UUID, CheckpointResp> checkpoints = new ConcurrentHashMap<>();

    public void add(CheckpointResp checkpoint) {
        checkpoints.put(checkpoint.getId(), checkpoint);
    }

    public Optional<CheckpointResp> find(UUID id) {
        return Optional.ofNullable(checkpoints.get(id));
    }

    public int size() {
        return checkpoints.size();
    }
}
