package com.example.csbs.stub.data;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * IDs for what the stub creates (checkpoints, backups, policies, restorations): random version 4 UUIDs
 * drawn from {@link ThreadLocalRandom}. {@link UUID#randomUUID()} draws from a SecureRandom, whose SHA-1
 * mixing was about 2 % of the stub's time under load; a stub's IDs need to be unique, not unguessable.
 */
public final class RandomIds {

    private RandomIds() {
    }

    public static UUID uuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;                          // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;     // IETF variant
        return new UUID(high, low);
    }
}
