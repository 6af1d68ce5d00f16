package io.labelstream.platform.http;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.IOException;

/**
 * Counts the bytes of every body as it is read and stops at the endpoint's limit. A body that declares
 * its length is refused before it is read ({@link BodyLimitFilter}); this bounds the streamed (chunked)
 * ones, whose length is known only once they are read, so that they too get a 413 problem+json.
 */
@jakarta.ws.rs.ext.Provider
public class BodyLimitInterceptor implements ReaderInterceptor {

    // providers are built while the application starts, before configuration mappings can be read
    private final Provider<BodyLimitFilter> limits;
    private final HttpServerRequest request;

    public BodyLimitInterceptor(Provider<BodyLimitFilter> limits, HttpServerRequest request) {
        this.limits = limits;
        this.request = request;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new LimitedInputStream(context.getInputStream(), limits.get().limitOf(request.path())));
        return context.proceed();
    }
}
