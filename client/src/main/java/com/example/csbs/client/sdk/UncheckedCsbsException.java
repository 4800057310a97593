package com.example.csbs.client.sdk;

/**
 * A {@link CsbsException} thrown while iterating a {@link Paginated} (an {@link java.util.Iterator}
 * cannot throw checked exceptions); {@link Paginated#toList()} throws the cause itself.
 */
public class UncheckedCsbsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UncheckedCsbsException(CsbsException cause) {
        super(cause.getMessage(), cause);
    }

    @Override
    public synchronized CsbsException getCause() {
        return (CsbsException) super.getCause();
    }
}
