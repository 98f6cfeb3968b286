package dev.runway.monitor.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.RunwayException;
import org.junit.jupiter.api.Test;

class JdbcHistoryDriverTest {
  @Test
  void aMissingJdbcDriverNamesTheDependencyToAdd() {
    assertThatThrownBy(() -> JdbcHistory.requireDriver("org.example.NoSuchDriver", "org.example:no-such-driver",
        "sqlite monitor.db"))
        .isInstanceOf(RunwayException.IoFailed.class)
        .hasMessage("monitor: history sqlite monitor.db: no JDBC driver for it on the class path;"
            + " add the dependency org.example:no-such-driver (or keep the history in memory)");
  }

  @Test
  void thePresentDriversAreAccepted() {
    assertThatCode(() -> JdbcHistory.requireDriver("org.sqlite.JDBC", "org.xerial:sqlite-jdbc", "sqlite monitor.db"))
        .doesNotThrowAnyException();
    assertThatCode(() -> JdbcHistory.requireDriver("org.postgresql.Driver", "org.postgresql:postgresql",
        "postgres localhost/db")).doesNotThrowAnyException();
  }
}
