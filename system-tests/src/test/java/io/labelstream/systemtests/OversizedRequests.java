package io.labelstream.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Requests a client library would not send as they are: headers past the header limit, and a body streamed
 * in chunks with no declared length. Written on a socket, the answer read back whole.
 */
final class OversizedRequests {

    private static final int CHUNK = 64 * 1024;

    private OversizedRequests() {
    }

    /** A GET whose headers are about {@code headerBytes} long. */
    static String withHeaders(String baseUrl, String path, String token, int headerBytes) throws IOException {
        return exchange(baseUrl, head("GET", path, token) + "X-Padding: " + "p".repeat(headerBytes) + "\r\n\r\n", 0);
    }

    /** A JSON body of about {@code bodyBytes}, one long text field, sent in chunks with no Content-Length. */
    static String chunked(String baseUrl, String method, String path, String token, long bodyBytes) throws IOException {
        return exchange(baseUrl, head(method, path, token) + "Content-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", bodyBytes);
    }

    private static String head(String method, String path, String token) {
        return method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nConnection: close\r\n";
    }

    private static String exchange(String baseUrl, String head, long bodyBytes) throws IOException {
        URI uri = URI.create(baseUrl);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                if (bodyBytes > 0) {
                    writeChunk(out, "{\"name\": \"".getBytes(StandardCharsets.US_ASCII));
                    byte[] text = "x".repeat(CHUNK).getBytes(StandardCharsets.US_ASCII);
                    for (long sent = 0; sent < bodyBytes; sent += CHUNK) {
                        writeChunk(out, text);
                    }
                    writeChunk(out, "\"}".getBytes(StandardCharsets.US_ASCII));
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException refusedWhileSending) {
                // the server answered and closed before reading everything; its answer is still to be read
            }
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void writeChunk(OutputStream out, byte[] chunk) throws IOException {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
