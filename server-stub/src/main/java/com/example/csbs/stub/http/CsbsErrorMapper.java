package com.example.csbs.stub.http;

import com.example.csbs.stub.model.ErrorResp;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.annotation.Priority;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.server.ParamException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The one place where failures become responses: every error the stub answers is a status
 * the spec lists with the CSBS error body, and never a stack trace.
 */
public final class CsbsErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(CsbsErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        return respond(failure);
    }

    /** The error's CSBS body, for the server in front of Jersey (a connection over the limit). */
    public static byte[] jsonBody(CsbsException error) {
        try {
            return BODY_WRITER.writeValueAsBytes(new ErrorResp().errorCode(error.errorCode()).errorMsg(error.errorMsg()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the error body of " + error.errorCode() + " cannot be written", e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectWriter BODY_WRITER =
            new com.fasterxml.jackson.databind.ObjectMapper().writerFor(ErrorResp.class);

    private static Response respond(Throwable failure) {
        CsbsException error = toCsbsError(failure);
        Response.ResponseBuilder response = Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorResp().errorCode(error.errorCode()).errorMsg(error.errorMsg()));
        if (error.challenge() != null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, error.challenge()); // with 401
        }
        if (error.status() == 413) {
            // The rest of the body may be unread, and then the connection ends with this answer: saying so keeps
            // a client from sending its next request on it (the JDK's client did, and lost that request).
            response.header("Connection", "close");
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            response.header(HttpHeaders.ALLOW, allowed(web.getResponse().getHeaderString(HttpHeaders.ALLOW))); // with 405
        }
        return response.build();
    }

    // Jersey adds OPTIONS and HEAD to every path it lists; the stub answers OPTIONS with 405 (MethodGuard).
    private static String allowed(String allow) {
        return Arrays.stream(allow.split(","))
                .map(String::trim)
                .filter(method -> !MethodGuard.IMPLICIT.contains(method))
                .collect(Collectors.joining(","));
    }

    static CsbsException toCsbsError(Throwable failure) {
        // Also when raised under the JSON reader, as the body limit is.
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CsbsException csbs) {
                return csbs;
            }
        }
        if (failure instanceof ConstraintViolationException violations) {
            return CsbsException.invalidParameter(describe(violations));
        }
        if (failure instanceof StreamConstraintsException) {
            return CsbsException.invalidParameter("the request body exceeds the JSON size limits");
        }
        if (failure instanceof JsonParseException parse) {
            return CsbsException.invalidParameter("the request body is not valid JSON"
                    + (parse.getLocation() == null ? "" : " (line " + parse.getLocation().getLineNr()
                    + ", column " + parse.getLocation().getColumnNr() + ")"));
        }
        if (failure instanceof MismatchedInputException mismatch) {
            return CsbsException.invalidParameter(describe(mismatch));
        }
        if (failure instanceof ValueInstantiationException refused && refused.getType() != null
                && refused.getType().isEnumType()) {
            // A generated enum's creator refused the value (the admin API's bodies have such fields).
            return CsbsException.invalidParameter(jsonPath(refused.getPath()) + " must be one of "
                    + Arrays.toString(refused.getType().getRawClass().getEnumConstants()));
        }
        if (failure instanceof JsonProcessingException) {
            return CsbsException.invalidParameter("the request body is not a valid JSON object");
        }
        if (failure instanceof ParamException parameter) {
            // JAX-RS answers a path or query value that does not convert with 404; it is a bad parameter.
            return CsbsException.invalidParameter(parameter.getParameterName() + " has a value of the wrong type or form");
        }
        if (failure instanceof StrictParameters.InvalidValue) {
            // From a list parameter, which Jersey does not wrap in a ParamException: checkpoint_items is the only one.
            return CsbsException.invalidParameter(String.join(", ", CommaSeparatedLists.LIST_PARAMETERS)
                    + " must be backup IDs (UUIDs), comma-separated");
        }
        if (failure instanceof WebApplicationException web) {
            return fromHttpStatus(web.getResponse().getStatus());
        }
        if (failure instanceof ValidationException) {
            LOG.log(Level.WARNING, "bean validation could not run", failure);
            return CsbsException.internalError();
        }
        LOG.log(Level.SEVERE, "unexpected failure", failure);
        return CsbsException.internalError();
    }

    /** Failures Jersey raises itself (routing, content negotiation), and those of the server in front of it. */
    public static CsbsException fromHttpStatus(int status) {
        return switch (status) {
            case 404 -> new CsbsException(404, "APIGW.0101", "The API does not exist or has not been published");
            case 405 -> new CsbsException(405, "APIGW.0101", "The API does not support this HTTP method");
            case 406 -> new CsbsException(406, "CSBS.9001",
                    "Parameter verification failed: the response can only be application/json");
            case 415 -> new CsbsException(415, "CSBS.9001",
                    "Parameter verification failed: the request body must be application/json");
            case 503 -> CsbsException.serviceUnavailable();
            default -> status >= 400 && status < 500
                    ? CsbsException.invalidParameter("the request is not valid")
                    : CsbsException.internalError();
        };
    }

    // "executeBackupPolicy.arg2.checkpoint.planId" -> "checkpoint.plan_id must not be null"
    private static String describe(ConstraintViolationException violations) {
        return violations.getConstraintViolations().stream()
                .map(violation -> {
                    String path = requestPath(violation);
                    return (path.isEmpty() ? "the request body" : path) + " " + violation.getMessage();
                })
                .sorted()
                .collect(Collectors.joining("; "));
    }

    private static String requestPath(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case PROPERTY -> names.add(snakeCase(node.getName()));
                case PARAMETER -> names.add(parameterName(node.getName()));
                default -> { } // the method node carries no request location
            }
        }
        return names.stream().filter(name -> !name.isEmpty()).collect(Collectors.joining("."));
    }

    // Path and query parameters keep their names; the body parameter (executeBackupPolicyRequest) is the
    // root of the JSON document, so it has none.
    private static String parameterName(String javaName) {
        return javaName.endsWith("Request") ? "" : snakeCase(javaName);
    }

    // Says what was expected, never what was sent: the input is not echoed.
    private static String describe(MismatchedInputException mismatch) {
        String reason = String.valueOf(mismatch.getOriginalMessage());
        if (reason.startsWith("Unexpected end-of-input")) {
            return "the request body is not valid JSON (it ends early)";
        }
        if (reason.startsWith("Missing required creator property")) {
            return jsonPath(mismatch.getPath()) + " is required";
        }
        if (mismatch instanceof UniqueItemsModule.DuplicateItemsException) {
            return jsonPath(mismatch.getPath()) + " must not contain an item twice";
        }
        if (mismatch instanceof InvalidNullException) {
            return jsonPath(mismatch.getPath()) + " must not be null";
        }
        if (mismatch instanceof UnrecognizedPropertyException) {
            // Only where unknown fields are refused: the admin API's bodies (the CSBS API ignores them).
            return jsonPath(mismatch.getPath()) + " is not a known field";
        }
        Class<?> expected = mismatch.getTargetType();
        String what = expected == null ? "a valid value"
                : expected == UUID.class ? "a UUID string"
                : expected == Boolean.class || expected == boolean.class ? "true or false"
                : expected == String.class ? "a string"
                : expected == Integer.class || expected == Long.class ? "an integer"
                : expected.isEnum() ? "one of " + Arrays.toString(expected.getEnumConstants())
                : Collection.class.isAssignableFrom(expected) ? "an array"
                : "a JSON object";
        return jsonPath(mismatch.getPath()) + " must be " + what;
    }

    /** Where in a JSON document a reading failed: {@code policies[0].resources[1].disk}. */
    public static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.length() == 0 ? "the request body" : out.toString();
    }

    private static String snakeCase(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /**
     * Jersey's bean-validation module brings its own mapper for {@link ValidationException};
     * this one is preferred over it so that violations get the CSBS body too.
     */
    @Priority(1)
    public static final class ValidationErrors implements ExceptionMapper<ValidationException> {
        @Override
        public Response toResponse(ValidationException failure) {
            return respond(failure);
        }
    }
}
