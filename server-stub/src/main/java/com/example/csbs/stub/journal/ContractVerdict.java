package com.example.csbs.stub.journal;

import java.util.List;
import java.util.Objects;

/**
 * Whether a recorded request is valid against the CSBS contract ({@code csbs/openapi.yaml}), with the
 * validator's messages.
 *
 * @param result   valid, invalid, or not checked (a body longer than the journal keeps)
 * @param messages errors when invalid; warnings (an undocumented field) may come with a valid request
 */
public record ContractVerdict(Result result, List<Message> messages) {

    public enum Result { VALID, INVALID, NOT_CHECKED }

    /**
     * One message of the validator.
     *
     * @param level   ERROR (makes the request invalid), WARN or INFO
     * @param key     what was checked, as the validator names it ({@code validation.request.body.schema.type})
     * @param message what it found, with the place in the request
     */
    public record Message(String level, String key, String message) {
        @Override
        public String toString() {
            return level + " " + key + ": " + message;
        }
    }

    public ContractVerdict {
        Objects.requireNonNull(result, "result");
        messages = List.copyOf(messages);
    }

    public boolean isViolation() {
        return result == Result.INVALID;
    }
}
