package dev.runway.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.Problem;
import dev.runway.base.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionStringTest {
  static final String REF = "examplerefabcdefghij";
  static final String POOLER = "aws-0-us-west-1.pooler.supabase.com";

  @Test
  void readsTheModeFromHostAndPort() {
    assertThat(ConnectionString.parse("postgresql://postgres:pw@db." + REF + ".supabase.co:5432/postgres").mode())
        .isEqualTo(ConnectionString.Mode.DIRECT);
    assertThat(ConnectionString.parse("postgresql://postgres." + REF + ":pw@" + POOLER + ":5432/postgres").mode())
        .isEqualTo(ConnectionString.Mode.SESSION);
    ConnectionString tx = ConnectionString.parse("postgres://postgres." + REF + ":pw@" + POOLER + ":6543/postgres");
    assertThat(tx.mode()).isEqualTo(ConnectionString.Mode.TRANSACTION);
    assertThat(tx.ref()).contains(REF);
    assertThat(tx.region()).contains("us-west-1");
    assertThat(ConnectionString.parse("postgresql://app:pw@localhost:5432/app").mode()).isEqualTo(ConnectionString.Mode.OTHER);
  }

  @Test
  void transactionModeWithoutPrepareThresholdZeroIsAProblemWithTheFix() {
    ConnectionString tx = ConnectionString.parse(
        "postgresql://postgres." + REF + ":secret-pw@" + POOLER + ":6543/postgres?sslmode=require");
    List<Problem> problems = tx.problems("DATABASE_URL");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).code()).isEqualTo(ConnectionString.POOLER);
    assertThat(problems.get(0).isError()).isTrue();
    assertThat(problems.get(0).text()).isEqualTo(
        "DATABASE_URL: uses the Supabase pooler in transaction mode (aws-0-us-west-1.pooler.supabase.com:6543) with"
            + " prepared statements on; transaction mode shares server connections between transactions, so statements"
            + " prepared on one fail on another (prepared statement \"S_1\" does not exist)"
            + " (expected prepareThreshold=0 in transaction mode); add prepareThreshold=0 to the URL"
            + " (postgresql://postgres.examplerefabcdefghij:****@aws-0-us-west-1.pooler.supabase.com:6543/postgres"
            + "?sslmode=require&prepareThreshold=0), or use session mode on port 5432");
    assertThat(problems.get(0).text()).doesNotContain("secret-pw");
  }

  @Test
  void transactionModeWithPreparedStatementsOffIsFine() {
    assertThat(ConnectionString.parse("postgresql://postgres." + REF + ":pw@" + POOLER
        + ":6543/postgres?sslmode=require&prepareThreshold=0").problems("DATABASE_URL")).isEmpty();
    assertThat(ConnectionString.parse("postgresql://postgres." + REF + ":pw@" + POOLER
        + ":6543/postgres?sslmode=require&pgbouncer=true").problems("DATABASE_URL")).isEmpty();
  }

  @Test
  void aPoolerUserWithoutTheRefIsAProblem() {
    List<Problem> problems = ConnectionString.parse("postgresql://postgres:pw@" + POOLER + ":5432/postgres?sslmode=require")
        .problems("DATABASE_URL");
    assertThat(problems).extracting(Problem::text).containsExactly(
        "DATABASE_URL: connects to the Supabase pooler as user 'postgres', which names no project; the pooler finds the"
            + " project from the user (expected user postgres.<project-ref>); set the user to postgres.<project-ref>,"
            + " e.g. postgres.abcdefghijklmnopqrst (Dashboard > Connect shows the exact string)");
  }

  @Test
  void aDirectConnectionGetsTheIpv6NoteAndSslAdvice() {
    List<Problem> problems = ConnectionString.parse("postgresql://postgres:pw@db." + REF + ".supabase.co:5432/postgres")
        .problems("DATABASE_URL");
    assertThat(problems).extracting(Problem::code).containsExactly(ConnectionString.NETWORK, Problem.INSECURE);
    assertThat(problems).allMatch(p -> !p.isError());
    assertThat(problems.get(0).text()).contains("IPv6 address only").contains(":5432/postgres");
    assertThat(problems.get(1).text()).isEqualTo("DATABASE_URL: sets no sslmode, so the driver may fall back to an"
        + " unencrypted connection (expected sslmode=require, or verify-full with Supabase's CA certificate); add"
        + " sslmode=require to the URL (postgresql://postgres:****@db.examplerefabcdefghij.supabase.co:5432/postgres?sslmode=require)");
  }

  @Test
  void sslmodeDisableIsAnError() {
    List<Problem> problems = ConnectionString.parse("postgresql://postgres." + REF + ":pw@" + POOLER
        + ":5432/postgres?sslmode=disable").problems("DATABASE_URL");
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(Problem.INSECURE);
      assertThat(p.isError()).isTrue();
    });
  }

  @Test
  void theBuilderWritesTheRightStringForEachMode() {
    Secret pw = Secret.of("p@ss word");
    ConnectionString direct = ConnectionString.builder().ref(REF).password(pw).mode(ConnectionString.Mode.DIRECT).build();
    ConnectionString session = ConnectionString.builder().ref(REF).region("us-west-1").password(pw).build();
    ConnectionString tx = ConnectionString.builder().ref(REF).region("us-west-1").password(pw)
        .mode(ConnectionString.Mode.TRANSACTION).build();
    assertThat(direct).hasToString("postgresql://postgres:****@db.examplerefabcdefghij.supabase.co:5432/postgres?sslmode=require");
    assertThat(session).hasToString("postgresql://postgres.examplerefabcdefghij:****@aws-0-us-west-1.pooler.supabase.com:5432/postgres?sslmode=require");
    assertThat(tx).hasToString("postgresql://postgres.examplerefabcdefghij:****@aws-0-us-west-1.pooler.supabase.com:6543/postgres?sslmode=require&prepareThreshold=0");
    assertThat(tx.jdbcUrl()).isEqualTo("jdbc:postgresql://aws-0-us-west-1.pooler.supabase.com:6543/postgres?sslmode=require&prepareThreshold=0");
    for (ConnectionString cs : List.of(direct, session, tx)) {
      ConnectionString reparsed = ConnectionString.parse(cs.reveal());
      assertThat(reparsed.mode()).isEqualTo(cs.mode());
      assertThat(reparsed.ref()).contains(REF);
      assertThat(reparsed.url().password()).contains(pw);
      assertThat(reparsed.problems("DATABASE_URL")).filteredOn(Problem::isError).isEmpty();
    }
  }

  @Test
  void theBuilderSaysWhatIsMissing() {
    assertThatThrownBy(() -> ConnectionString.builder().region("us-west-1").build())
        .hasMessage("supabase: connection string: no ref; call .ref(\"<project-ref>\")");
    assertThatThrownBy(() -> ConnectionString.builder().ref(REF).mode(ConnectionString.Mode.TRANSACTION).build())
        .hasMessage("supabase: connection string: the pooler needs a region; call .region(\"us-west-1\") with the project's region");
    assertThatThrownBy(() -> ConnectionString.builder().ref("Short"))
        .hasMessage("supabase: ref: must be 20 lower-case letters (Project Settings > General) but was 'Short'");
  }
}
