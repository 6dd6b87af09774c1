package dev.concert.infrastructure.persistence;

import dev.concert.application.operations.DatabaseHealth;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import javax.sql.DataSource;

/** The database answers when a pooled connection can be had and is valid within two seconds. */
@ApplicationScoped
public class DataSourceHealth implements DatabaseHealth {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource database;

    @Override
    public boolean answers() {
        try (Connection connection = database.getConnection()) {
            return connection.isValid(2);
        } catch (Exception down) {
            return false;
        }
    }
}
