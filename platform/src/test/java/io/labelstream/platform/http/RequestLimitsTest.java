package io.labelstream.platform.http;

import io.labelstream.platform.PlatformTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refusals the server would otherwise answer with an empty body: a streamed (chunked) body past its
 * endpoint's limit is a 413 problem, headers past the header limit a 431 problem.
 */
@QuarkusTest
class RequestLimitsTest extends PlatformTestResource {

    @Test
    void aChunkedJsonBodyOverItsLimitIsA413Problem() throws IOException {
        String answer = sendChunked("/limited", "application/json", "{\"text\": \"" + "x".repeat(4000) + "\"}");
        assertThat(answer).startsWith("HTTP/1.1 413").contains("content-type: application/problem+json")
                .contains("\"status\":413").contains("more than 1024 bytes").contains("connection: close");
    }

    @Test
    void aChunkedStreamOverItsLimitIsA413Problem() throws IOException {
        String answer = sendChunked("/limited/stream", "application/octet-stream", "y".repeat(4000));
        assertThat(answer).startsWith("HTTP/1.1 413").contains("content-type: application/problem+json")
                .contains("more than 1024 bytes");
    }

    @Test
    void chunkedBodiesWithinTheLimitAreReadWhole() throws IOException {
        assertThat(sendChunked("/limited", "application/json", "{\"text\": \"" + "x".repeat(900) + "\"}"))
                .startsWith("HTTP/1.1 200").contains("x".repeat(900));
        assertThat(sendChunked("/limited/stream", "application/octet-stream", "y".repeat(1024)))
                .startsWith("HTTP/1.1 200").endsWith("\r\n\r\n1024");
    }

    @Test
    void headersOverTheLimitAreA431Problem() throws IOException {
        String answer = send("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "p".repeat(30_000)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 431").contains("content-type: application/problem+json")
                .contains("\"status\":431").contains("\"field\":\"headers\"");
        assertThat(send("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "p".repeat(10_000)
                + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    /** Sends the body in 256-byte chunks with no declared length, then reads the whole answer. */
    private static String sendChunked(String path, String type, String body) throws IOException {
        StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                + type + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        for (int start = 0; start < body.length(); start += 256) {
            String chunk = body.substring(start, Math.min(body.length(), start + 256));
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        return send(request.append("0\r\n\r\n").toString());
    }

    private static String send(String request) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException refusedWhileSending) {
                // the server may answer and close before it has read everything: its answer is still there
            }
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = answer.indexOf("\r\n\r\n");
            // header names and the status line compared case-insensitively, the body as sent
            return headEnd < 0 ? answer : answer.substring(0, headEnd).toLowerCase().replace("http/1.1", "HTTP/1.1")
                    + answer.substring(headEnd);
        }
    }
}
