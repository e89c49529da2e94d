package io.github.timcallback.groupfull.jetty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Sends bytes that {@code java.net.http.HttpClient} refuses to send (broken escapes, odd
 * headers) over a plain socket, one request per connection, and reads the whole answer.
 */
public final class RawHttp {

    /** The first HTTP answer on the connection: status, header block, and its Content-Length worth of body. */
    public record Answer(int status, String head, String body) {
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {
    }

    /**
     * Sends the request while reading the answer, so that an answer the server gives before it
     * has read everything (a 413, say) is caught before the connection is reset.
     */
    public static Answer exchange(URI server, byte[] request) throws IOException, InterruptedException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            Thread writer = new Thread(() -> {
                try {
                    socket.getOutputStream().write(request);
                    socket.shutdownOutput();
                } catch (IOException refused) {
                    // The server answered and closed without reading it all; the answer is what counts.
                }
            });
            writer.start();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(all);
            } catch (SocketException reset) {
                // Keep what arrived before the reset.
            }
            writer.join();
            return parse(all.toString(StandardCharsets.UTF_8));
        }
    }

    /** The first final (non-1xx) answer in {@code text}; status 0 when the server closed without answering. */
    static Answer parse(String text) {
        if (text.length() < 12) {
            return new Answer(0, text, "");
        }
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        String rest = split < 0 ? "" : text.substring(split + 4);
        int status = Integer.parseInt(head.substring(9, 12));
        if (status >= 100 && status < 200) {
            return parse(rest);
        }
        Answer headOnly = new Answer(status, head, rest);
        String length = headOnly.header("Content-Length");
        if (length == null) {
            return headOnly;
        }
        byte[] bytes = rest.getBytes(StandardCharsets.UTF_8);
        String body = new String(bytes, 0, Math.min(bytes.length, Integer.parseInt(length)), StandardCharsets.UTF_8);
        return new Answer(status, head, body);
    }

    /** A POST of {@code body} to {@code target} with a Content-Length, and any extra header lines. */
    public static byte[] post(String target, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder("POST ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .append("Connection: close\r\nContent-Length: ").append(body.length).append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        byte[] start = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[start.length + body.length];
        System.arraycopy(start, 0, request, 0, start.length);
        System.arraycopy(body, 0, request, start.length, body.length);
        return request;
    }
}
