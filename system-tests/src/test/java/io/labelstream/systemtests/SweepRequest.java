package io.labelstream.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** One raw request of the sweep: any bytes, any content type, any header, sent as they are. */
final class SweepRequest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final String baseUrl;
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String contentType;
    private byte[] body;

    SweepRequest(String baseUrl, String method, String path) {
        this.baseUrl = baseUrl;
        this.method = method;
        this.path = path;
    }

    SweepRequest token(String token) {
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return this;
    }

    SweepRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    SweepRequest body(String contentType, byte[] body) {
        this.contentType = contentType;
        this.body = body;
        return this;
    }

    String path() {
        return path;
    }

    String describe() {
        return method + " " + (path.length() > 200 ? path.substring(0, 200) + "…" : path);
    }

    HttpResponse<String> send() {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60));
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(describe() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
