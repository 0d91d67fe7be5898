package com.example.posts.support;

import com.example.posts.config.DatabaseSettings;
import com.example.posts.db.ConnectionPool;
import com.example.posts.db.Database;
import com.example.posts.db.DatabaseConnections;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test database reached through a {@link TcpProxy}, with pools and a SessionFactory of its own, made as the
 * application makes them from MYSQL_* settings, for
 * tests that take the database away from the application; other tests' shared pool is never touched.
 * Register it as a static {@code @RegisterExtension} field: it is opened before the class's tests, closed after.
 */
public final class ProxiedDatabase implements BeforeAllCallback, AfterAllCallback {
    private final boolean plainText;
    private TcpProxy proxy;
    private Database database;

    public ProxiedDatabase() {
        this(false);
    }

    private ProxiedDatabase(boolean plainText) {
        this.plainText = plainText;
    }

    /** Through a proxy that can see the statements: see {@link TcpProxy#inPlainText}. */
    public static ProxiedDatabase inPlainText() {
        return new ProxiedDatabase(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        DatabaseSettings direct = TestDatabase.shared().server().settings();
        proxy = plainText ? TcpProxy.inPlainText(direct.host(), direct.port())
                : new TcpProxy(direct.host(), direct.port());
        DatabaseSettings viaProxy = new DatabaseSettings("127.0.0.1", proxy.port(), direct.user(),
                direct.password(), direct.database());
        DatabaseConnections connections = ConnectionPool.connectionsFor(viaProxy);
        StatementLeakTracker.addTo(connections.requests());
        database = Database.open(connections);
    }

    public TcpProxy proxy() {
        return proxy;
    }

    public Database database() {
        return database;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        database.close();
        proxy.close();
    }
}
