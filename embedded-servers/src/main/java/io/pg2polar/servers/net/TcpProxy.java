package io.pg2polar.servers.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback in front of one server, with a switch that turns the link into a black hole: while it is
 * on, nothing is forwarded in either direction and nothing is closed, as in a network partition (no RST, no FIN;
 * connections opened meanwhile are accepted and left waiting). Whatever a side sent meanwhile, its close included,
 * arrives when the link {@link #heal() heals}, as TCP would deliver it after a partition that outlived no timeout.
 */
public final class TcpProxy implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final Object gate = new Object();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean blackHole;
    private volatile boolean closed;

    private TcpProxy(InetSocketAddress upstream, ServerSocket listener) {
        this.upstream = upstream;
        this.listener = listener;
    }

    /** Starts forwarding a free loopback port to {@code host:port}. */
    public static TcpProxy start(String host, int port) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            TcpProxy proxy = new TcpProxy(new InetSocketAddress(host, port), listener);
            daemon("tcp-proxy-accept-" + listener.getLocalPort(), proxy::acceptLoop)
                    .start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** From now on nothing passes, and nothing is closed. */
    public void blackHole() {
        blackHole = true;
    }

    /** Forwarding resumes, with everything held back since {@link #blackHole()}. */
    public void heal() {
        synchronized (gate) {
            blackHole = false;
            gate.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                daemon("tcp-proxy-connect-" + client.getPort(), () -> connect(client))
                        .start();
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void connect(Socket client) {
        try {
            awaitLink();
            Socket server = new Socket();
            sockets.add(server);
            server.connect(upstream);
            // as transparent as a network: without it every small message waits for the peer's delayed ACK (~40 ms)
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            daemon("tcp-proxy-up-" + client.getPort(), () -> pump(client, server))
                    .start();
            pump(server, client);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    /** Copies one direction; a chunk read during a black hole waits for the link before it is written. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                awaitLink();
                out.write(buffer, 0, n);
                out.flush();
            }
            awaitLink();
        } catch (IOException e) {
            // one side went away; the other learns it when its own read or write fails
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void awaitLink() throws IOException {
        synchronized (gate) {
            while (blackHole && !closed) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while the link was down", e);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        heal();
        closeQuietly(listener);
        sockets.forEach(TcpProxy::closeQuietly);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing what is already gone
        }
    }
}
