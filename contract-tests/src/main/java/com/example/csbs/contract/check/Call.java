package com.example.csbs.contract.check;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request as the checker means it: method, API path (values as they are, e.g. {@code /v1/p/checkpoint_items/x}),
 * query parameters (one value each, lists comma-separated), headers and body (null: none). It is encoded only when
 * sent ({@link #target}), so that the validator sees the values themselves.
 */
record Call(String method, String path, Map<String, String> query, Map<String, String> headers, String body) {

    static final String TOKEN_HEADER = "X-Auth-Token";

    Call {
        // In the order given: the order they are sent in.
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    Call withoutHeader(String name) {
        Map<String, String> fewer = new LinkedHashMap<>(headers);
        fewer.remove(name);
        return new Call(method, path, query, fewer, body);
    }

    Call withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Call(method, path, query, more, body);
    }

    Call withQuery(Map<String, String> otherQuery) {
        return new Call(method, path, otherQuery, headers, body);
    }

    /** Path and query, encoded: each path segment and query value percent-encoded, commas of lists kept. */
    String target() {
        StringBuilder target = new StringBuilder();
        for (String segment : path.substring(1).split("/", -1)) {
            target.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        char separator = '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            target.append(separator).append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8).replace("%2C", ","));
            separator = '&';
        }
        return target.toString();
    }

    /** The request as the validator takes it. */
    SimpleRequest forValidator() {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
        query.forEach(request::withQueryParam);
        headers.forEach(request::withHeader);
        if (body != null) {
            request.withBody(body);
        }
        return request.build();
    }

    Request.Method validatorMethod() {
        return Request.Method.valueOf(method);
    }

    /**
     * A curl command line that sends this request to the base URL, the token masked as {@code $CSBS_TOKEN} (set that
     * variable, and the line runs as printed).
     */
    String curl(String baseUrl, String token) {
        return curl(baseUrl, Map.of(token, "CSBS_TOKEN"));
    }

    /** As {@link #curl(String, String)}, each token masked as the variable it maps to. */
    String curl(String baseUrl, Map<String, String> tokenVariables) {
        StringBuilder curl = new StringBuilder("curl -sS -X ").append(method).append(' ').append(quoted(baseUrl + target()));
        headers.forEach((name, value) -> {
            if (name.equalsIgnoreCase(TOKEN_HEADER) && tokenVariables.containsKey(value)) {
                curl.append(" -H \"").append(name).append(": $").append(tokenVariables.get(value)).append('"');
            } else {
                curl.append(" -H ").append(quoted(name + ": " + value));
            }
        });
        if (body != null) {
            curl.append(" --data-binary ").append(quoted(body));
        }
        return curl.toString();
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
