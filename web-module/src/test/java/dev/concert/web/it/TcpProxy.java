package dev.concert.web.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder between the server under test and its database, so a test can take the database
 * away and give it back without touching the real one:
 * <ul>
 * <li>{@link #refuse()}: every open connection is reset and new ones are refused (the database process
 *     died, its port is closed);</li>
 * <li>{@link #blackHole()}: open connections are reset, new ones are accepted and never answered (the
 *     host stopped answering: a cable pulled, a firewall dropping packets);</li>
 * <li>{@link #forward()}: back to normal.</li>
 * </ul>
 */
final class TcpProxy implements AutoCloseable {

    private enum Mode { FORWARD, BLACK_HOLE, REFUSE }

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.FORWARD;
    private volatile ServerSocket listener;

    TcpProxy(String targetHost, int targetPort) throws IOException {
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.listener = listen(0);
        this.port = listener.getLocalPort();
    }

    int port() {
        return port;
    }

    synchronized void forward() throws IOException {
        if (mode == Mode.BLACK_HOLE) {
            resetAll();   // the connections it kept silent
        }
        mode = Mode.FORWARD;
        if (listener == null) {
            listener = listen(port);
        }
    }

    synchronized void blackHole() throws IOException {
        mode = Mode.BLACK_HOLE;
        resetAll();
        if (listener == null) {
            listener = listen(port);
        }
    }

    synchronized void refuse() throws IOException {
        mode = Mode.REFUSE;
        ServerSocket closing = listener;
        listener = null;
        if (closing != null) {
            closing.close();
        }
        resetAll();
    }

    @Override
    public synchronized void close() throws IOException {
        refuse();
    }

    private ServerSocket listen(int onPort) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
        Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-accept-" + onPort);
        acceptor.setDaemon(true);
        acceptor.start();
        return socket;
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                open.add(client);
                if (mode == Mode.FORWARD) {
                    Socket upstream = new Socket();
                    upstream.connect(target, 2_000);
                    open.add(upstream);
                    pipe(client, upstream);
                    pipe(upstream, client);
                }   // BLACK_HOLE: keep the connection, say nothing
            } catch (IOException closed) {
                // the listener was closed (refuse) or the database refused: the client sees its socket close
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread copier = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    if (mode != Mode.FORWARD) {
                        break;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException gone) {
                // either side closed
            } finally {
                quietlyClose(from);
                quietlyClose(to);
            }
        }, "tcp-proxy-pipe");
        copier.setDaemon(true);
        copier.start();
    }

    private void resetAll() {
        for (Socket socket : open) {
            try {
                socket.setSoLinger(true, 0);   // RST, as a crashed peer would leave it
            } catch (IOException ignored) {
                // already closed
            }
            quietlyClose(socket);
        }
        open.clear();
    }

    private static void quietlyClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
