package com.example.csbs.stub.admin;

/** A run-time setup the stub refuses, with a message naming the problem; nothing of it was applied. */
public final class InvalidSetupException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidSetupException(String message) {
        super(message);
    }

    public InvalidSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
