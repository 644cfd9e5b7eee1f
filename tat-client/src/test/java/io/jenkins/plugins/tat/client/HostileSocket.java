package io.jenkins.plugins.tat.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server socket on loopback that takes connections and requests and then holds them: it never
 * answers, or answers a well-formed empty page only after a delay. Unlike the emulator it knows
 * nothing of TAT, so nothing in it can end an exchange early: only the client's own bounds do.
 */
final class HostileSocket implements AutoCloseable {

    private final ServerSocket server;
    private final Duration answerAfter;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private HostileSocket(Duration answerAfter) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.answerAfter = answerAfter;
        this.acceptor = new Thread(this::acceptAll, "hostile-socket-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return a server that reads each request and never answers */
    static HostileSocket neverAnswering() throws IOException {
        return new HostileSocket(null);
    }

    /**
     * @param delay how long after a request has come to answer it
     * @return a server that answers each request with an empty page, late
     */
    static HostileSocket answeringAfter(Duration delay) throws IOException {
        return new HostileSocket(delay);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** @return connections accepted so far */
    int connections() {
        return connections.get();
    }

    /** @return requests whose head has arrived */
    int requests() {
        return requests.get();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                held.add(socket);
                Thread handler = new Thread(() -> serve(socket), "hostile-socket-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            while (readHead(in)) {
                requests.incrementAndGet();
                if (answerAfter == null) {
                    in.transferTo(OutputStream.nullOutputStream()); // hold the connection until the client drops it
                    return;
                }
                Thread.sleep(answerAfter.toMillis());
                byte[] body = ("{\"Response\":{\"TotalCount\":0,\"InvocationSet\":[],\"RequestId\":\"" + UUID.randomUUID()
                        + "\"}}").getBytes(StandardCharsets.UTF_8);
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the server was closed
        }
    }

    /** Reads a request's head and its body (by Content-Length); false at the end of the stream. */
    private static boolean readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                long length = 0;
                for (String line : head.toString().split("\r\n")) {
                    if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Long.parseLong(line.substring("content-length:".length()).trim());
                    }
                }
                in.skipNBytes(length);
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : held) {
            socket.close();
        }
    }
}
