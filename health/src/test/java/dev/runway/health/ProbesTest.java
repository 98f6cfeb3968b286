package dev.runway.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class ProbesTest {
  private static HealthReport.Entry run(Probe probe) {
    try (HealthRegistry registry = Health.registry().deep("p", probe).build()) {
      return registry.check(Group.DEEP).entry("p").orElseThrow();
    }
  }

  /** A DataSource whose connections answer isValid and one-row queries as told. */
  private static DataSource dataSource(boolean valid, boolean hasRow, AtomicInteger queryTimeout) {
    return new FakeDataSource(() -> {
      Object rs = Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
          (p, m, a) -> m.getName().equals("next") ? hasRow : null);
      Object st = Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
          (p, m, a) -> switch (m.getName()) {
            case "setQueryTimeout" -> {
              queryTimeout.set((Integer) a[0]);
              yield null;
            }
            case "executeQuery" -> rs;
            default -> null;
          });
      return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
          (p, m, a) -> switch (m.getName()) {
            case "isValid" -> valid;
            case "createStatement" -> st;
            default -> null;
          });
    });
  }

  @Test
  void jdbcPassesOnAValidConnectionAndFailsOnAnInvalidOne() {
    AtomicInteger timeout = new AtomicInteger();
    assertThat(run(Probes.jdbc(dataSource(true, true, timeout))).status()).isEqualTo(Status.PASS);
    assertThat(run(Probes.jdbc(dataSource(false, true, timeout))).message()).isEqualTo("connection is not valid");
  }

  @Test
  void jdbcRunsTheValidityQueryUnderTheProbeTimeout() {
    AtomicInteger timeout = new AtomicInteger();
    HealthReport.Entry ok = run(Probes.jdbc(dataSource(true, true, timeout), "select 1")
        .timeout(java.time.Duration.ofMillis(2500)));
    assertThat(ok.status()).isEqualTo(Status.PASS);
    assertThat(ok.target()).isEqualTo("DataSource: select 1");
    assertThat(timeout).hasValue(3); // whole seconds, rounded up
    assertThat(run(Probes.jdbc(dataSource(true, false, timeout), "select 1")).message())
        .isEqualTo("validity query returned no row");
  }

  @Test
  void jdbcTurnsAConnectionFailureIntoAFailingResult() {
    DataSource down = new FakeDataSource(() -> {
      throw new SQLException("Connection to db:5432 refused");
    });
    assertThat(run(Probes.jdbc(down)).message()).isEqualTo("SQLException: Connection to db:5432 refused");
  }

  @Test
  void heapWarnsAndFailsAtItsThresholds() {
    HealthReport.Entry warn = run(Probes.heap(0, 101));
    assertThat(warn.status()).isEqualTo(Status.WARN);
    assertThat(warn.message()).startsWith("heap ").endsWith("% used (warn at 0.0%)");
    assertThat(warn.observedUnit()).isEqualTo("%");
    assertThat(run(Probes.heap(0, 0)).status()).isEqualTo(Status.FAIL);
    assertThat(run(Probes.heap(100, 101)).status()).isEqualTo(Status.PASS);
  }

  @Test
  void diskFreeFailsBelowTheMinimum() {
    assertThat(run(Probes.diskFree(Path.of("."), 1)).status()).isEqualTo(Status.PASS);
    HealthReport.Entry e = run(Probes.diskFree(Path.of("."), Long.MAX_VALUE));
    assertThat(e.status()).isEqualTo(Status.FAIL);
    assertThat(e.message()).contains(" MiB free on . (need " + (Long.MAX_VALUE / (1024 * 1024)) + " MiB)");
  }

  @FunctionalInterface
  private interface ConnectionSupplier {
    Connection get() throws SQLException;
  }

  private static final class FakeDataSource implements DataSource {
    private final ConnectionSupplier connections;

    FakeDataSource(ConnectionSupplier connections) {
      this.connections = connections;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return connections.get();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return connections.get();
    }

    @Override
    public PrintWriter getLogWriter() {
      return new PrintWriter(System.err);
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
