package com.example.csbs.contract.check;

import com.atlassian.oai.validator.model.SimpleResponse;
import java.util.List;
import java.util.Map;

/** A call and the service's answer to it. */
record Exchange(Call call, int status, Map<String, List<String>> headers, String body) {

    Exchange {
        headers = Map.copyOf(headers);
    }

    String contentType() {
        return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
                .flatMap(header -> header.getValue().stream()).findFirst().orElse("none");
    }

    SimpleResponse forValidator() {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status).withBody(body);
        headers.forEach(response::withHeader);
        return response.build();
    }
}
