package com.example.csbs.stub.container;

import com.example.csbs.stub.http.CsbsErrorMapper;
import com.example.csbs.stub.http.CsbsException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers itself (a request it cannot parse, a malformed percent-encoding, a header
 * section too large) gets the CSBS error body too, in place of Jetty's HTML page.
 */
public final class CsbsErrorPage extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer asked ? asked : response.getStatus();
        CsbsException error = CsbsErrorMapper.fromHttpStatus(status);
        response.setStatus(error.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(CsbsErrorMapper.jsonBody(error)), callback);
        return true;
    }
}
