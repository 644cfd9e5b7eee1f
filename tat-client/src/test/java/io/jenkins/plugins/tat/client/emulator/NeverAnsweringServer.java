package io.jenkins.plugins.tat.client.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hostile endpoint as a real socket on loopback: it accepts every connection and never sends a
 * byte back, so a request to it ends only by its own timeout. It keeps what it accepted open
 * until closed.
 */
public final class NeverAnsweringServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /**
     * Starts listening on a free loopback port.
     *
     * @throws IOException if no port could be had
     */
    public NeverAnsweringServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptAll, "never-answering-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptAll() {
        try {
            while (!server.isClosed()) {
                accepted.add(server.accept()); // and never read from or written to
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** @return its address, to be given to a client as the TAT endpoint */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** @return how many connections it accepted so far */
    public int connections() {
        return accepted.size();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}
