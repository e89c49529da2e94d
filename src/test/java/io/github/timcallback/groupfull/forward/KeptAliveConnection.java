package io.github.timcallback.groupfull.forward;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** One kept-alive HTTP/1.1 connection, request after request, answers read by their Content-Length. */
public final class KeptAliveConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    public KeptAliveConnection(URI server) throws IOException {
        socket = new Socket(server.getHost(), server.getPort());
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
    }

    /** An answer: status line and headers, and the body. */
    public record Answer(String head, String body) {
        public int status() {
            return Integer.parseInt(head.substring(9, 12));
        }

        public boolean closes() {
            return head.toLowerCase().contains("\r\nconnection: close");
        }
    }

    /** Sends a POST of {@code body} to {@code target} and reads its answer. */
    public Answer post(String target, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return read();
    }

    private Answer read() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The server closed the connection; it had sent: " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return new Answer(text, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
