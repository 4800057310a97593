package com.example.csbs.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.csbs.stub.model.CheckpointResp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CheckpointStoreTest {

    @Test
    void keepsTheNewestCheckpointsUpToItsCapacity() {
        CheckpointStore store = new CheckpointStore(1_000);
        List<UUID> ids = new ArrayList<>();

        for (int i = 0; i < 1_000_000; i++) {
            UUID id = new UUID(0, i);
            ids.add(id);
            store.add(new CheckpointResp().id(id));
        }

        assertThat(store.size()).isEqualTo(1_000);
        assertThat(store.find(ids.get(999_000))).isPresent();
        assertThat(store.find(ids.get(999_999))).isPresent();
        assertThat(store.find(ids.get(998_999))).isEmpty();
        assertThat(store.find(ids.get(0))).isEmpty();
    }

    @Test
    void hasASaneDefaultCapacity() {
        assertThat(new CheckpointStore().capacity()).isEqualTo(CheckpointStore.DEFAULT_CAPACITY).isBetween(100, 100_000);
    }

    @Test
    void refusesACapacityBelowOne() {
        assertThatThrownBy(() -> new CheckpointStore(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
