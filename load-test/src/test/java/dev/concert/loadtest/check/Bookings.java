package dev.concert.loadtest.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Booking rows written straight into an H2 database (MySQL mode) made from the server's own Flyway
 * schema, as the server would write them, or deliberately not.
 */
final class Bookings implements AutoCloseable {

    /** the server's Flyway migrations, common and H2's own: the check must follow the schema they make */
    private static final List<Path> MIGRATIONS = List.of(Path.of("../domain-module/src/main/resources/db/migration"),
            Path.of("../domain-module/src/main/resources/db/vendor/h2"));

    final Connection connection;
    final LocalDateTime now;

    Bookings(LocalDateTime now) throws SQLException, IOException {
        this.now = now;
        connection = DriverManager.getConnection("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE");
        try (Statement statement = connection.createStatement()) {
            for (Path migration : migrations()) {
                for (String ddl : Files.readString(migration).replaceAll("(?m)--.*$", "").split(";")) {
                    if (!ddl.isBlank()) {
                        statement.execute(ddl);
                    }
                }
            }
        }
    }

    /** Every V&lt;n&gt;__*.sql of the migration folders, in the order Flyway applies them. */
    private static List<Path> migrations() throws IOException {
        List<Path> migrations = new ArrayList<>();
        for (Path folder : MIGRATIONS) {
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql")).forEach(migrations::add);
            }
        }
        migrations.sort(Comparator.comparingInt(file -> Integer.parseInt(file.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"))));
        return migrations;
    }

    long concert() throws SQLException {
        return insert("INSERT INTO concert (title, venue, created_at) VALUES ('IU', 'KSPO Dome', ?)", now);
    }

    long date(long concert, LocalDate day) throws SQLException {
        return insert("INSERT INTO concert_date (concert_id, show_date) VALUES (?, ?)", concert, day);
    }

    long seat(long date, int number) throws SQLException {
        return insert("INSERT INTO seat (concert_date_id, seat_number, price, status) VALUES (?, ?, 150000, 'AVAILABLE')",
                date, number);
    }

    void charge(String user, long amount) throws SQLException {
        long balance = balance(user) + amount;
        update("INSERT INTO wallet (user_id, balance, updated_at) VALUES (?, 0, ?)"
                + " ON DUPLICATE KEY UPDATE updated_at = VALUES(updated_at)", user, now);
        update("UPDATE wallet SET balance = ? WHERE user_id = ?", balance, user);
        update("INSERT INTO wallet_ledger (user_id, kind, amount, balance_after, created_at) VALUES (?, 'CHARGE', ?, ?, ?)",
                user, amount, balance, now);
    }

    /** A hold as the server makes it: the reservation owns the seat until {@code heldUntil}. */
    String hold(long seat, String user, LocalDateTime heldUntil) throws SQLException {
        String id = "r-" + UUID.randomUUID();
        update("INSERT INTO reservation (id, seat_id, active_seat_id, user_id, price, status, held_until, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, 150000, 'HELD', ?, ?, ?)", id, seat, seat, user, heldUntil, now, now);
        update("UPDATE seat SET status = 'HELD', held_until = ?, user_id = ? WHERE id = ?", heldUntil, user, seat);
        return id;
    }

    /** A payment as the server makes it: debit, payment row, seat SOLD, reservation CONFIRMED. */
    String pay(String reservation, long seat, String user) throws SQLException {
        String id = "p-" + UUID.randomUUID();
        long balance = balance(user) - 150000;
        update("UPDATE wallet SET balance = ? WHERE user_id = ?", balance, user);
        update("INSERT INTO wallet_ledger (user_id, kind, amount, balance_after, payment_id, created_at)"
                + " VALUES (?, 'PAYMENT', -150000, ?, ?, ?)", user, balance, id, now);
        update("INSERT INTO payment (id, reservation_id, user_id, amount, status, paid_at) VALUES (?, ?, ?, 150000, 'COMPLETED', ?)",
                id, reservation, user, now);
        update("UPDATE seat SET status = 'SOLD', held_until = NULL WHERE id = ?", seat);
        update("UPDATE reservation SET status = 'CONFIRMED' WHERE id = ?", reservation);
        return id;
    }

    /** A user who charges, holds {@code seat} and pays for it. */
    String sell(long seat) throws SQLException {
        String user = UUID.randomUUID().toString();
        charge(user, 200000);
        pay(hold(seat, user, now.plusMinutes(5)), seat, user);
        return user;
    }

    long balance(String user) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT balance FROM wallet WHERE user_id = ?")) {
            select.setString(1, user);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    void update(String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private long insert(String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
