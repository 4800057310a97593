package com.example.csbs.stub.data;

import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The data set a stub answers from now: the one it started with, changed at run time by the admin
 * API. Each change builds a whole new {@link BackupDataSet}, which checks itself, and only then
 * takes its place: a refused change leaves nothing half-applied, and a request sees one data set
 * from start to end if it reads it once.
 */
public final class CurrentDataSet implements Supplier<BackupDataSet> {

    private final BackupDataSet initial;
    private volatile BackupDataSet current;

    public CurrentDataSet(BackupDataSet initial) {
        this.initial = Objects.requireNonNull(initial, "data set");
        this.current = initial;
    }

    @Override
    public BackupDataSet get() {
        return current;
    }

    /** The data set the stub started with. */
    public BackupDataSet initial() {
        return initial;
    }

    /**
     * Replaces the data set with the change's result; the change sees the data set of the moment (changes
     * do not interleave).
     *
     * @throws IllegalArgumentException from the change, which then is not applied
     */
    public synchronized BackupDataSet update(UnaryOperator<BackupDataSet> change) {
        BackupDataSet changed = Objects.requireNonNull(change.apply(current), "changed data set");
        current = changed;
        return changed;
    }

    /** Back to the data set the stub started with. */
    public synchronized void reset() {
        current = initial;
    }
}
