package dev.concert.infrastructure.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseDriverConfigSourceTest {

    @Test
    void mysqlAndMariadbUrlsUseTheMysqlDataSource() {
        assertThat(DatabaseDriverConfigSource.driverFor("jdbc:mysql://127.0.0.1:3306/concert"))
                .isEqualTo(DatabaseDriverConfigSource.MYSQL_DRIVER);
        assertThat(DatabaseDriverConfigSource.driverFor("JDBC:MariaDB://db/concert"))
                .isEqualTo(DatabaseDriverConfigSource.MYSQL_DRIVER);
    }

    @Test
    void noUrlMeansTheEmbeddedH2() {
        assertThat(DatabaseDriverConfigSource.driverFor(null)).isEqualTo(DatabaseDriverConfigSource.H2_DRIVER);
        assertThat(DatabaseDriverConfigSource.driverFor("jdbc:h2:mem:x")).isEqualTo(DatabaseDriverConfigSource.H2_DRIVER);
    }

    @Test
    void anUnsupportedDatabaseGetsNoDriverSoConfigurationFailsLoudly() {
        assertThat(DatabaseDriverConfigSource.driverFor("jdbc:postgresql://db/x")).isNull();
    }

    @Test
    void readsTheUrlFromTheEnvironmentAndAnswersOnlyForTheDriver() {
        var source = new DatabaseDriverConfigSource(Map.of("DB_URL", "jdbc:mysql://db/concert"));
        assertThat(source.getValue("db.driver")).isEqualTo(DatabaseDriverConfigSource.MYSQL_DRIVER);
        assertThat(source.getValue("db.url")).isNull();
        assertThat(source.getOrdinal()).isBetween(101, 299);
    }

    @Test
    void aMysqlUrlGetsTheDriversTimeoutsAndLocalSessionStateUnlessItSetsThem() {
        assertThat(DatabaseDriverConfigSource.connectionUrlFor("jdbc:mysql://db:3306/concert"))
                .isEqualTo("jdbc:mysql://db:3306/concert?connectTimeout=2000&socketTimeout=8000&useLocalSessionState=true");
        assertThat(DatabaseDriverConfigSource.connectionUrlFor("jdbc:mysql://db/concert?useSSL=false&socketTimeout=60000"))
                .isEqualTo("jdbc:mysql://db/concert?useSSL=false&socketTimeout=60000&connectTimeout=2000&useLocalSessionState=true");
        assertThat(DatabaseDriverConfigSource.connectionUrlFor("jdbc:mysql://db/concert?useLocalSessionState=false"))
                .isEqualTo("jdbc:mysql://db/concert?useLocalSessionState=false&connectTimeout=2000&socketTimeout=8000");
    }

    @Test
    void theEmbeddedDatabaseKeepsItsUrl() {
        assertThat(DatabaseDriverConfigSource.connectionUrlFor(null)).isNull();
        assertThat(DatabaseDriverConfigSource.connectionUrlFor("jdbc:h2:mem:x")).isNull();
        var source = new DatabaseDriverConfigSource(Map.of());
        assertThat(source.getPropertyNames()).doesNotContain("db.connection-url");
        assertThat(source.getValue("db.connection-url")).isNull();
    }
}
