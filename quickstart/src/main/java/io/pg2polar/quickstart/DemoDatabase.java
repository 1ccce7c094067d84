package io.pg2polar.quickstart;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.servers.postgres.PostgresServer;

/**
 * The demo source: a small shop (customers, orders, order lines linked by foreign keys) with the column types a
 * migration must carry exactly, and a live writer that keeps inserting, updating and deleting while it migrates.
 */
final class DemoDatabase implements AutoCloseable {

    static final List<TableId> TABLES =
            List.of(new TableId("shop", "customer"), new TableId("shop", "orders"), new TableId("shop", "order_line"));

    private static final String SCHEMA = """
            CREATE SCHEMA shop;
            CREATE TYPE shop.status AS ENUM ('new', 'paid', 'shipped');
            CREATE TABLE shop.customer (
                id bigserial PRIMARY KEY,
                email text NOT NULL UNIQUE,
                name text NOT NULL,
                since date NOT NULL DEFAULT current_date,
                vip boolean NOT NULL DEFAULT false,
                prefs jsonb);
            CREATE TABLE shop.orders (
                id bigserial PRIMARY KEY,
                customer_id bigint NOT NULL REFERENCES shop.customer (id) ON DELETE CASCADE,
                status shop.status NOT NULL DEFAULT 'new',
                total numeric(12,2) NOT NULL CHECK (total >= 0),
                placed_at timestamptz NOT NULL DEFAULT now(),
                token uuid NOT NULL DEFAULT gen_random_uuid());
            CREATE TABLE shop.order_line (
                id bigserial PRIMARY KEY,
                order_id bigint NOT NULL REFERENCES shop.orders (id) ON DELETE CASCADE,
                sku text NOT NULL,
                qty integer NOT NULL CHECK (qty > 0),
                price numeric(10,2) NOT NULL,
                note bytea);
            CREATE INDEX order_line_sku ON shop.order_line (lower(sku));
            INSERT INTO shop.customer (email, name, since, vip, prefs)
                SELECT 'customer' || g || '@example.com', 'Customer ' || g || ' ✓', date '2020-01-01' + g, g % 7 = 0,
                       jsonb_build_object('newsletter', g % 2 = 0)
                FROM generate_series(1, 500) g;
            INSERT INTO shop.orders (customer_id, status, total, placed_at)
                SELECT g % 500 + 1, (ARRAY['new', 'paid', 'shipped'])[g % 3 + 1]::shop.status, g * 3.25,
                       timestamptz '2024-01-01 00:00:00+00' + g * interval '37 minutes'
                FROM generate_series(1, 2000) g;
            INSERT INTO shop.order_line (order_id, sku, qty, price, note)
                SELECT g % 2000 + 1, 'SKU-' || (g % 97), g % 5 + 1, (g % 50) + 0.99, decode(md5(g::text), 'hex')
                FROM generate_series(1, 6000) g;
            """;

    private final PostgresServer server;
    private final String database;
    private final ScheduledExecutorService writer =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "demo-writer"));
    private final AtomicLong transactions = new AtomicLong();
    private volatile Throwable failure;

    private DemoDatabase(PostgresServer server, String database) {
        this.server = server;
        this.database = database;
    }

    /** Creates and fills the demo schema in a new database on the server. */
    static DemoDatabase create(PostgresServer server, String database) {
        server.createDatabase(database);
        server.execute(database, SCHEMA);
        return new DemoDatabase(server, database);
    }

    /** Starts the live writer: a few transactions per second of inserts, updates and deletes. */
    void startWriting(int transactionsPerSecond) {
        writer.scheduleAtFixedRate(this::writeOne, 0, 1000 / transactionsPerSecond, TimeUnit.MILLISECONDS);
    }

    long transactions() {
        return transactions.get();
    }

    /** Stops the writer after its current transaction; throws if any transaction failed. */
    void stopWriting() {
        writer.shutdown();
        try {
            writer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException("The demo writer failed", failure);
        }
    }

    private void writeOne() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            long customer = random.nextLong(1, 500);
            switch (random.nextInt(4)) {
                case 0 ->
                    statement.execute(
                            "WITH o AS (INSERT INTO shop.orders (customer_id, total) VALUES (" + customer + ", "
                                    + random.nextInt(1, 900)
                                    + ".50) RETURNING id) INSERT INTO shop.order_line (order_id, sku, qty, price)"
                                    + " SELECT id, 'SKU-NEW', 2, 9.99 FROM o");
                case 1 ->
                    statement.execute("UPDATE shop.orders SET status = 'paid', total = total + 1"
                            + " WHERE id = (SELECT max(id) FROM shop.orders WHERE customer_id = " + customer + ")");
                case 2 ->
                    statement.execute(
                            "UPDATE shop.customer SET vip = NOT vip, prefs = prefs || '{\"touched\": true}' WHERE id = "
                                    + customer);
                default ->
                    statement.execute(
                            "DELETE FROM shop.order_line WHERE id = (SELECT min(id) FROM shop.order_line WHERE order_id = "
                                    + random.nextLong(1, 2000) + ")");
            }
            connection.commit();
            transactions.incrementAndGet();
        } catch (SQLException | RuntimeException e) {
            failure = e;
            writer.shutdown();
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
