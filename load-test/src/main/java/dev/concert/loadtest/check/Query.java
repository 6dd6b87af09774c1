package dev.concert.loadtest.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parameterised SELECT. Written with two kinds of marker: {@code ?} takes the next of the given
 * values, {@code {scope}} becomes {@code AND cd.concert_id IN (?, ...)} with the scope's concert ids
 * (nothing when the scope is every concert); {@code cd} must then be the query's concert_date.
 */
record Query(String sql, List<Object> parameters) {

    private static final Pattern MARKER = Pattern.compile("\\{scope}|\\?");

    Query {
        parameters = List.copyOf(parameters);
    }

    static Query of(String template, CheckScope scope, Object... values) {
        StringBuilder sql = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        Matcher marker = MARKER.matcher(template);
        int value = 0;
        while (marker.find()) {
            if (marker.group().equals("?")) {
                if (value == values.length) {
                    throw new IllegalArgumentException("more ? than values in: " + template);
                }
                parameters.add(values[value++]);
                marker.appendReplacement(sql, "?");
            } else {
                marker.appendReplacement(sql, scope.allConcerts() ? ""
                        : "AND cd.concert_id IN (" + "?, ".repeat(scope.concertIds().size() - 1) + "?)");
                parameters.addAll(scope.concertIds());
            }
        }
        marker.appendTail(sql);
        if (value != values.length) {
            throw new IllegalArgumentException("fewer ? than values in: " + template);
        }
        return new Query(sql.toString(), parameters);
    }

    /** Every row, each as column label → value, in the order of the select list. */
    List<Map<String, Object>> rows(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData columns = result.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= columns.getColumnCount(); c++) {
                        row.put(columns.getColumnLabel(c).toLowerCase(java.util.Locale.ROOT), result.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }
}
