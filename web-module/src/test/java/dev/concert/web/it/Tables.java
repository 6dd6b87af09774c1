package dev.concert.web.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Reads the database under the server, to check invariants the API cannot show (ledger sums, what
 * the sweep wrote): MySQL/MariaDB or the embedded H2 file, whichever {@link TestStores} chose. Queries
 * keep to SQL both understand (times are passed as parameters, not asked of the database's clock).
 */
final class Tables {

    private Tables() {
    }

    static Connection connect() throws SQLException {
        String[] database = TestStores.database();
        return DriverManager.getConnection(database[0], database[1], database[2]);
    }

    static Optional<Long> number(String sql, Object... parameters) {
        return Optional.ofNullable(first(sql, parameters)).map(value -> ((Number) value).longValue());
    }

    static String text(String sql, Object... parameters) {
        Object value = first(sql, parameters);
        return value == null ? null : value.toString();
    }

    /** The first column of the first row, or null. */
    private static Object first(String sql, Object... parameters) {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
