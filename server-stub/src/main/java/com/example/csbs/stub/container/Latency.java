package com.example.csbs.stub.container;

import java.util.Map;
import java.util.TreeMap;

/**
 * How slowly the stub answers the CSBS operations: one delay for all of them, and any operation's own.
 * Set at start-up with {@code --delay [OPERATION=]DELAY}; a request may ask for its own with
 * {@code Prefer: delay=DELAY}.
 */
public record Latency(DelayRange all, Map<String, DelayRange> byOperation) {

    public static final Latency NONE = new Latency(DelayRange.NONE, Map.of());

    public Latency {
        byOperation = Map.copyOf(byOperation);
        for (String operation : byOperation.keySet()) {
            if (!Operations.csbs().operationIds().contains(operation)) {
                throw new IllegalArgumentException("no operation '" + operation + "'; the operations are "
                        + Operations.csbs().operationIds());
            }
        }
    }

    /**
     * From {@code --delay} values: {@code 200ms}, {@code 100ms..800ms} (every operation) or
     * {@code executeBackupPolicy=1s..3s} (one operation; wins over the one for all).
     */
    public static Latency parse(Iterable<String> settings) {
        DelayRange all = DelayRange.NONE;
        Map<String, DelayRange> byOperation = new TreeMap<>();
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            if (equals < 0) {
                all = DelayRange.parse(setting);
            } else {
                byOperation.put(setting.substring(0, equals).trim(), DelayRange.parse(setting.substring(equals + 1)));
            }
        }
        return new Latency(all, byOperation);
    }

    public DelayRange of(String operationId) {
        return byOperation.getOrDefault(operationId, all);
    }
}
