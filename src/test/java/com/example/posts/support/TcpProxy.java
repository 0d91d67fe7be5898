package com.example.posts.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on loopback, for outage tests, between the application and its database or a browser and the
 * front door:
 * {@link #cut()} drops every open connection and refuses new ones; {@link #stall()} keeps every connection
 * open and accepts new ones, but forwards nothing, like a server that hangs; {@link #restore()} ends
 * either. Connections that saw a stall are closed when it ends, so nothing sent during it arrives later.
 * {@link #onceClientSends} acts on the one connection whose client sends given bytes, for failures at an exact
 * moment of a transaction, such as its COMMIT, or of an HTTP exchange; to see those bytes, a proxy made
 * {@link #inPlainText} hides the server's offer of TLS (MariaDB 11.4 makes one by default) from the MySQL
 * handshake.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    /** The CLIENT_SSL capability, in the second byte of the greeting's lower capability flags. */
    private static final int CLIENT_SSL_HIGH_BYTE = 0x08;
    private final AtomicReference<InetSocketAddress> target = new AtomicReference<>();
    private final boolean plainText;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Tripwire> tripwire = new AtomicReference<>();
    private final Object stallLock = new Object();
    private volatile boolean cut;
    private boolean stalled;
    private long stallsSoFar;

    public TcpProxy(String targetHost, int targetPort) {
        this(targetHost, targetPort, false);
    }

    private TcpProxy(String targetHost, int targetPort, boolean plainText) {
        this.target.set(InetSocketAddress.createUnresolved(targetHost, targetPort));
        this.plainText = plainText;
        try {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new IllegalStateException("Could not open the proxy's port", e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy to a MySQL or MariaDB server whose clients, not offered TLS, talk in plain text. */
    public static TcpProxy inPlainText(String targetHost, int targetPort) {
        return new TcpProxy(targetHost, targetPort, true);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public void cut() {
        cut = true;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /**
     * Moves the address to another server, as an operator moves a virtual address to a promoted replica:
     * open connections end, new ones reach {@code host:port}.
     */
    public void retarget(String host, int port) {
        target.set(InetSocketAddress.createUnresolved(host, port));
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    public void stall() {
        synchronized (stallLock) {
            stalled = true;
            stallsSoFar++;
        }
    }

    /** What to do to the connection whose client sent the awaited bytes, after forwarding them. */
    public enum Then {
        /** Close it: the client's next read fails at once. */
        CUT,
        /** Keep it open but forward nothing more to the client, like a server whose answer is lost. */
        SILENCE,
        /** Close it when the server's answer arrives, forwarding none of it: the work done, its answer lost. */
        DROP_ANSWER
    }

    /** Arms a one-shot trigger: the first chunk a client sends that holds {@code bytes} is forwarded, then acted on. */
    public void onceClientSends(byte[] bytes, Then then) {
        tripwire.set(new Tripwire(bytes.clone(), then, false));
    }

    /** Like {@link #onceClientSends}, for every such chunk, on any connection, until {@link #restore()}. */
    public void wheneverClientSends(byte[] bytes, Then then) {
        tripwire.set(new Tripwire(bytes.clone(), then, true));
    }

    /** Whether the armed trigger has fired. */
    public boolean tripped() {
        Tripwire armed = tripwire.get();
        return armed != null && armed.fired.get();
    }

    public void restore() {
        tripwire.set(null);
        cut = false;
        synchronized (stallLock) {
            stalled = false;
            stallLock.notifyAll();
        }
    }

    @Override
    public void close() {
        restore();
        cut();
        closeQuietly(listener);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (cut) {
                    client.close();
                    continue;
                }
                open.add(client);
                Thread connect = new Thread(() -> connect(client), "tcp-proxy-connect");
                connect.setDaemon(true);
                connect.start();
            } catch (IOException e) {
                // Listener closed: the proxy is done.
            }
        }
    }

    private void connect(Socket client) {
        try {
            if (!passesStall()) {
                closeQuietly(client);
                return;
            }
            InetSocketAddress to = target.get();
            Socket upstream = new Socket(to.getHostString(), to.getPort());
            open.add(upstream);
            AtomicReference<Then> tripped = new AtomicReference<>();
            pump(client, upstream, true, tripped);
            pump(upstream, client, false, tripped);
        } catch (IOException e) {
            // The target refused: the client sees its connection close.
            closeQuietly(client);
        }
    }

    /** Waits out a stall; true if none was under way, false if one was (the connection must then end). */
    private boolean passesStall() {
        synchronized (stallLock) {
            if (!stalled) {
                return true;
            }
            long stall = stallsSoFar;
            while (stalled && stall == stallsSoFar) {
                try {
                    stallLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient, AtomicReference<Then> tripped) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                boolean greeting = !fromClient && plainText;
                while ((n = in.read(buffer)) >= 0 && passesStall()) {
                    if (greeting) {
                        withoutTlsOffer(buffer, n);
                        greeting = false;
                    }
                    if (!fromClient && tripped.get() == Then.DROP_ANSWER) {
                        break;
                    }
                    if (!fromClient && tripped.get() != null) {
                        continue;
                    }
                    Tripwire armed = fromClient ? tripwire.get() : null;
                    boolean trips = armed != null && armed.trips(buffer, n);
                    if (trips) {
                        // Before the bytes go on: the server's answer to them must never reach the client, however
                        // fast it comes back (it did, under load, before the connection was cut).
                        tripped.set(armed.then);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                    if (trips && armed.then == Then.CUT) {
                        break;
                    }
                }
            } catch (IOException e) {
                // One side closed; closing both below ends the other pump too.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Clears CLIENT_SSL in the server's greeting (protocol 10: 4-byte packet header, version byte, server version
     * ending in NUL, 4-byte connection id, 8 bytes of salt, a filler byte, then the capability flags).
     */
    private static void withoutTlsOffer(byte[] greeting, int length) {
        int versionEnd = 5;
        while (versionEnd < length && greeting[versionEnd] != 0) {
            versionEnd++;
        }
        int flags = versionEnd + 1 + 4 + 8 + 1;
        if (greeting[4] != 10 || flags + 1 >= length) {
            throw new IllegalStateException("Not a MySQL protocol 10 greeting");
        }
        greeting[flags + 1] &= (byte) ~CLIENT_SSL_HIGH_BYTE;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    private record Tripwire(byte[] bytes, Then then, boolean repeating, AtomicBoolean fired) {
        Tripwire(byte[] bytes, Then then, boolean repeating) {
            this(bytes, then, repeating, new AtomicBoolean());
        }

        /** True for a chunk that holds the bytes: the first such chunk only, unless repeating. */
        boolean trips(byte[] chunk, int length) {
            if (!contains(chunk, length)) {
                return false;
            }
            return fired.compareAndSet(false, true) || repeating;
        }

        private boolean contains(byte[] chunk, int length) {
            for (int start = 0; start + bytes.length <= length; start++) {
                if (Arrays.equals(chunk, start, start + bytes.length, bytes, 0, bytes.length)) {
                    return true;
                }
            }
            return false;
        }
    }
}
