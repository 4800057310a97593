package com.example.csbs.stub.container;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Hands a request to the next handler later (after its body arrived, after a delay): whatever happens, it is answered. */
final class Dispatch {

    private Dispatch() {
    }

    static void to(Handler next, Request request, Response response, Callback callback) {
        try {
            if (!next.handle(request, response, callback)) {
                Response.writeError(request, response, callback, 404);
            }
        } catch (Throwable failure) {
            callback.failed(failure);
        }
    }
}
