package com.example.csbs.stub.journal;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Requests that the code under test sent and that the CSBS contract does not allow: each with the
 * status the stub answered, its body, and the validator's messages.
 */
public final class ContractViolationError extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final transient List<RecordedRequest> violations;

    public ContractViolationError(List<RecordedRequest> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    /** The requests that violate the contract, in the order they were recorded. */
    public List<RecordedRequest> violations() {
        return violations;
    }

    private static String describe(List<RecordedRequest> violations) {
        return violations.size() + (violations.size() == 1 ? " request sent to the CSBS stub violates"
                : " requests sent to the CSBS stub violate") + " the CSBS contract (csbs/openapi.yaml):\n"
                + violations.stream().map(ContractViolationError::describe).collect(Collectors.joining("\n"));
    }

    private static String describe(RecordedRequest request) {
        StringBuilder text = new StringBuilder("  ").append(request);
        if (request.body() != null) {
            text.append("\n    body: ").append(request.body());
        }
        for (ContractVerdict.Message message : request.contract().messages()) {
            text.append("\n    ").append(message);
        }
        return text.toString();
    }
}
