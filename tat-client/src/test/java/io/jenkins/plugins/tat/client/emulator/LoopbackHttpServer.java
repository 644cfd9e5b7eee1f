package io.jenkins.plugins.tat.client.emulator;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal HTTP/1.1 server on 127.0.0.1 with an ephemeral port, one request per connection.
 *
 * <p>Why not {@code com.sun.net.httpserver.HttpServer}: the emulator has to drop a connection
 * without sending a single byte (to imitate a request that was lost before or after the service
 * acted on it), and the JDK server always completes an exchange with some response. Owning the
 * {@link Socket} makes a drop a plain {@link Socket#close()}: the client reads end-of-stream
 * where it expected a status line.
 *
 * <p>Every response carries {@code Connection: close} and the socket is closed after it. No
 * connection is ever reused, which also keeps OkHttp (the SDK's client) from silently repeating a
 * request on a pooled connection that the server dropped. Benchmarks may {@link #keepAlive ask}
 * for connections kept open, as TAT keeps them: then an answer of known length leaves the
 * connection open for the client's next request (drops and streamed answers still close it).
 */
final class LoopbackHttpServer implements AutoCloseable {

    /** Turns a request into a reply; called on the connection's own thread. */
    @FunctionalInterface
    interface Handler {
        HttpReply handle(RawHttpRequest request);
    }

    /** A client that sends nothing for this long is disconnected. */
    private static final int IDLE_READ_TIMEOUT_MILLIS = 30_000;

    private final ServerSocket serverSocket;
    private final Handler handler;
    private final ExecutorService connectionThreads;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    /** Body bytes written to clients, for tests that check how much a client read before it stopped. */
    private final java.util.concurrent.atomic.AtomicLong bodyBytesSent = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean keepAlive;

    private LoopbackHttpServer(ServerSocket serverSocket, Handler handler) {
        this.serverSocket = serverSocket;
        this.handler = handler;
        this.connectionThreads = Executors.newCachedThreadPool(daemonThreads("tat-emulator-connection-"));
        this.acceptor = daemonThreads("tat-emulator-acceptor-").newThread(this::acceptLoop);
    }

    /** Binds 127.0.0.1 on an ephemeral port and starts accepting connections. */
    static LoopbackHttpServer start(Handler handler) throws IOException {
        return start(handler, 0);
    }

    /** Binds 127.0.0.1 on the given port (0: an ephemeral one) and starts accepting connections. */
    static LoopbackHttpServer start(Handler handler, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        LoopbackHttpServer server = new LoopbackHttpServer(socket, handler);
        server.acceptor.start();
        return server;
    }

    /** Whether connections stay open after an answer of known length (default: closed after each). */
    void keepAlive(boolean keep) {
        this.keepAlive = keep;
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    long bodyBytesSent() {
        return bodyBytesSent.get();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                continue; // accept() fails once close() has closed the server socket: the loop ends
            }
            openSockets.add(socket);
            try {
                connectionThreads.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                closeQuietly(socket); // close() has shut the connection threads down
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(IDLE_READ_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            boolean open = true;
            while (open) {
                HttpReply reply;
                boolean framed = true; // whether the next request can be found after this one
                try {
                    RawHttpRequest request = HttpRequestReader.read(in, out);
                    if (request == null) {
                        return;
                    }
                    reply = handler.handle(request);
                } catch (HttpRequestReader.BadRequestException e) {
                    reply = HttpReply.plain(e.status, e.status == 413 ? "Payload Too Large" : "Bad Request",
                            "text/plain; charset=utf-8", e.getMessage());
                    framed = false;
                }
                pause(reply.delay());
                open = false;
                if (reply instanceof HttpReply.Respond response) {
                    open = keepAlive && framed;
                    write(out, response, open);
                } else if (reply instanceof HttpReply.Stream stream) {
                    write(out, stream);
                }
                // HttpReply.Drop: leaving the try block closes the socket without a response.
            }
        } catch (SocketException e) {
            // The client closed or reset the connection (e.g. its read timeout fired): nobody to answer.
        } catch (IOException e) {
            // Same as above for other I/O failures on a connection that is going away anyway.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close() is shutting the server down
        } finally {
            openSockets.remove(socket);
        }
    }

    private static void pause(Duration delay) throws InterruptedException {
        if (!delay.isZero() && !delay.isNegative()) {
            Thread.sleep(delay.toMillis());
        }
    }

    private void write(OutputStream out, HttpReply.Respond response, boolean keepOpen) throws IOException {
        byte[] body = response.body();
        String head = "HTTP/1.1 " + response.status() + " " + response.reason() + "\r\n"
                + "Content-Type: " + response.contentType() + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + response.extraHeaders()
                + (keepOpen ? "" : "Connection: close\r\n")
                + "\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        bodyBytesSent.addAndGet(body.length);
    }

    /** Writes the head, then the chunks as they come, pausing before each; stops when the client goes away. */
    private void write(OutputStream out, HttpReply.Stream stream) throws IOException, InterruptedException {
        String head = "HTTP/1.1 " + stream.status() + " " + stream.reason() + "\r\n"
                + "Content-Type: " + stream.contentType() + "\r\n"
                + (stream.declaredLength() >= 0 ? "Content-Length: " + stream.declaredLength() + "\r\n" : "")
                + stream.extraHeaders()
                + "Connection: close\r\n"
                + "\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        for (byte[] chunk = stream.chunks().get(); chunk != null; chunk = stream.chunks().get()) {
            pause(stream.pace());
            out.write(chunk);
            out.flush();
            bodyBytesSent.addAndGet(chunk.length);
        }
    }

    /** Stops accepting, closes every open connection and interrupts pending delays. */
    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException e) {
            // nothing left to release
        }
        openSockets.forEach(LoopbackHttpServer::closeQuietly);
        connectionThreads.shutdownNow();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // the connection is being torn down anyway
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
