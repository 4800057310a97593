package com.example.csbs.client.sdk;

import com.example.csbs.client.ApiException;
import com.example.csbs.client.model.ErrorResp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;

/**
 * Every failure of a call through {@link Csbs}: an answer with an error status (one subclass per status
 * the spec documents, {@code CsbsException} itself for any other), no answer at all
 * ({@link CsbsConnectionException}), or a wait that failed or ran out of time. It is an
 * {@link ApiException}, so code that catches that keeps working; {@link #getCode()} is the HTTP status
 * (0 without an answer).
 */
public class CsbsException extends ApiException {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper BODY_READER = new ObjectMapper();

    private final String operationId;
    private final int attempts;
    private final String errorCode;
    private final String errorMsg;

    protected CsbsException(String operationId, int attempts, ApiException answer) {
        super(describe(operationId, answer.getCode(), attempts, errorBody(answer)), answer, answer.getCode(),
                answer.getResponseHeaders(), answer.getResponseBody());
        ErrorResp body = errorBody(answer);
        this.operationId = operationId;
        this.attempts = attempts;
        this.errorCode = body == null ? null : body.getErrorCode();
        this.errorMsg = body == null ? null : body.getErrorMsg();
    }

    protected CsbsException(String message, String operationId, int attempts, Throwable cause) {
        super(message, cause, 0, Map.of());
        this.operationId = operationId;
        this.attempts = attempts;
        this.errorCode = null;
        this.errorMsg = null;
    }

    /** The exception of this status: one type per status the spec documents, and 429. */
    static CsbsException of(String operationId, int attempts, ApiException answer) {
        return switch (answer.getCode()) {
            case 400 -> new BadRequestException(operationId, attempts, answer);
            case 401 -> new UnauthorizedException(operationId, attempts, answer);
            case 403 -> new ForbiddenException(operationId, attempts, answer);
            case 404 -> new NotFoundException(operationId, attempts, answer);
            case 405 -> new MethodNotAllowedException(operationId, attempts, answer);
            case 406 -> new NotAcceptableException(operationId, attempts, answer);
            case 413 -> new PayloadTooLargeException(operationId, attempts, answer);
            case 415 -> new UnsupportedMediaTypeException(operationId, attempts, answer);
            case 429 -> new TooManyRequestsException(operationId, attempts, answer);
            case 500 -> new InternalServerErrorException(operationId, attempts, answer);
            case 503 -> new ServiceUnavailableException(operationId, attempts, answer);
            default -> new CsbsException(operationId, attempts, answer);
        };
    }

    /** The operationId of the call that failed (null for a call the spec does not name). */
    public String operationId() {
        return operationId;
    }

    /** How many requests were sent (retries included), 0 for a wait. */
    public int attempts() {
        return attempts;
    }

    /** The HTTP status, 0 without an answer. */
    public int status() {
        return getCode();
    }

    /** The CSBS {@code error_code} of the answer's body (e.g. {@code CSBS.3001}), if it had one. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** The CSBS {@code error_msg} of the answer's body, if it had one. */
    public Optional<String> errorMsg() {
        return Optional.ofNullable(errorMsg);
    }

    private static ErrorResp errorBody(ApiException answer) {
        if (answer.getErrorEntity() instanceof ErrorResp parsed) {
            return parsed;
        }
        // An answer the generated client did not parse (a status the operation does not document).
        String body = answer.getResponseBody();
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = BODY_READER.readTree(body);
            if (node != null && node.hasNonNull("error_code")) {
                return new ErrorResp().errorCode(node.get("error_code").asText()).errorMsg(node.path("error_msg").asText());
            }
        } catch (Exception notJson) {
            // not a CSBS error body: code and message stay empty
        }
        return null;
    }

    private static String describe(String operationId, int status, int attempts, ErrorResp body) {
        return (operationId == null ? "CSBS" : operationId) + " answered " + status
                + (body == null ? "" : " " + body.getErrorCode() + ": " + body.getErrorMsg())
                + (attempts > 1 ? " (after " + attempts + " attempts)" : "");
    }

}
