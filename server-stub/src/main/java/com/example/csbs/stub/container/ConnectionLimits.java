package com.example.csbs.stub.container;

import java.time.Duration;

/**
 * What one client may hold of the stub: how long a request may take to arrive, how long a kept-alive
 * connection may sit idle, and how many connections may be open at once.
 *
 * @param headerTimeout  from a request's first byte to the end of its headers
 * @param bodyTimeout    from the end of the headers to the end of the declared body
 * @param idleTimeout    a connection on which no byte arrives for this long is closed (between requests,
 *                       and in any state)
 * @param maxConnections connections past this many are answered 503 {@code CSBS.9998} with
 *                       {@code Connection: close}; past twice this many the stub stops accepting until
 *                       some close
 */
public record ConnectionLimits(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, int maxConnections) {

    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_CONNECTIONS = 4096;

    public ConnectionLimits {
        positive("header timeout", headerTimeout);
        positive("body timeout", bodyTimeout);
        positive("idle timeout", idleTimeout);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be at least 1, was " + maxConnections);
        }
    }

    public static ConnectionLimits defaults() {
        return new ConnectionLimits(DEFAULT_HEADER_TIMEOUT, DEFAULT_BODY_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS);
    }

    public ConnectionLimits withHeaderTimeout(Duration timeout) {
        return new ConnectionLimits(timeout, bodyTimeout, idleTimeout, maxConnections);
    }

    public ConnectionLimits withBodyTimeout(Duration timeout) {
        return new ConnectionLimits(headerTimeout, timeout, idleTimeout, maxConnections);
    }

    public ConnectionLimits withIdleTimeout(Duration timeout) {
        return new ConnectionLimits(headerTimeout, bodyTimeout, timeout, maxConnections);
    }

    public ConnectionLimits withMaxConnections(int max) {
        return new ConnectionLimits(headerTimeout, bodyTimeout, idleTimeout, max);
    }

    private static void positive(String name, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
