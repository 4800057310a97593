package com.example.csbs.stub.container;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * An API path with an empty segment (a path parameter left empty: {@code .../csbs_backup//tags},
 * {@code .../tags/}) is no operation's: 404 {@code APIGW.0101} (the CSBS error page), before Jersey, which
 * would merge the slashes and answer another operation. A leading "//" is not one: a client whose base URL
 * ends in "/" is answered, and the journal reports it.
 */
public final class EmptyPathSegments extends Handler.Wrapper {

    public EmptyPathSegments(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (hasEmptySegment(request.getHttpURI().getPath())) {
            Response.writeError(request, response, callback, 404);
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** Whether an API path (under /v1/) has an empty segment, a leading "//" aside. */
    static boolean hasEmptySegment(String path) {
        // On every request: a scan, no regular expression, no copy.
        if (path == null) {
            return false;
        }
        int start = 0;
        while (start + 1 < path.length() && path.charAt(start + 1) == '/') {
            start++; // the leading slashes count as one
        }
        return path.startsWith("/v1/", start) && (path.indexOf("//", start) >= 0 || path.endsWith("/"));
    }
}
