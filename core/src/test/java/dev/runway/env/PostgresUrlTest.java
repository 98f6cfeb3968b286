package dev.runway.env;

import dev.runway.base.Secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresUrlTest {
  private static final String SUPABASE_POOLER =
      "postgresql://postgres.abcd:EXAMPLE-pw@aws-0-eu-west-1.pooler.supabase.com:6543/postgres";

  @ParameterizedTest
  @CsvSource({
      "postgres://app:pw@db.example.com:5433/shop",
      "postgresql://app:pw@db.example.com:5433/shop",
      "jdbc:postgresql://app:pw@db.example.com:5433/shop",
      "' postgresql://app:pw@db.example.com:5433/shop '"})
  void readsEverySchemeSpelling(String text) {
    PostgresUrl url = PostgresUrl.parse(text);
    assertThat(url.host()).isEqualTo("db.example.com");
    assertThat(url.port()).isEqualTo(5433);
    assertThat(url.database()).isEqualTo("shop");
    assertThat(url.user()).contains("app");
    assertThat(url.password().map(Secret::reveal)).contains("pw");
  }

  @Test
  void fillsInThePortAndDatabase() {
    PostgresUrl url = PostgresUrl.parse("postgres://db.example.com");
    assertThat(url.port()).isEqualTo(PostgresUrl.DEFAULT_PORT);
    assertThat(url.database()).isEqualTo("postgres");
    assertThat(url.user()).isEmpty();
    assertThat(url.password()).isEmpty();
    assertThat(url).hasToString("postgresql://db.example.com:5432/postgres");
  }

  @Test
  void readsAnIpv6Host() {
    PostgresUrl url = PostgresUrl.parse("postgresql://u:pw@[2001:db8::1]:6543/app");
    assertThat(url.host()).isEqualTo("[2001:db8::1]");
    assertThat(url.port()).isEqualTo(6543);
    assertThat(PostgresUrl.parse("postgresql://[::1]/app").port()).isEqualTo(5432);
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[2001:db8::1]:6543/app");
  }

  @Test
  void readsParametersAndCredentialsFromTheQuery() {
    PostgresUrl url = PostgresUrl.parse(
        "jdbc:postgresql://db.example.com/app?user=app&password=p%40ss&sslmode=require&prepareThreshold=0");
    assertThat(url.user()).contains("app");
    assertThat(url.password().map(Secret::reveal)).contains("p@ss");
    assertThat(url.parameters()).containsExactly(Map.entry("sslmode", "require"), Map.entry("prepareThreshold", "0"));
    assertThat(url.parameter("sslmode")).contains("require");
    assertThat(url.parameter("nope")).isEmpty();
  }

  @Test
  void decodesPercentEscapesInCredentials() {
    PostgresUrl url = PostgresUrl.parse("postgresql://us%3Aer:p%2Fa%3As%40s+w@db.example.com/my%20db");
    assertThat(url.user()).contains("us:er");
    assertThat(url.password().map(Secret::reveal)).contains("p/a:s@s+w");
    assertThat(url.database()).isEqualTo("my db");
    assertThat(PostgresUrl.parse(url.reveal())).isEqualTo(url);
  }

  @Test
  void toStringMasksThePassword() {
    PostgresUrl url = PostgresUrl.parse(SUPABASE_POOLER + "?sslmode=require");
    assertThat(url).hasToString(
        "postgresql://postgres.abcd:****@aws-0-eu-west-1.pooler.supabase.com:6543/postgres?sslmode=require");
    assertThat(url.toString()).doesNotContain("EXAMPLE-pw");
  }

  @Test
  void jdbcUrlCarriesNoCredentials() {
    PostgresUrl url = PostgresUrl.parse(SUPABASE_POOLER + "?sslmode=require&password=other");
    assertThat(url.jdbcUrl())
        .isEqualTo("jdbc:postgresql://aws-0-eu-west-1.pooler.supabase.com:6543/postgres?sslmode=require")
        .doesNotContain("EXAMPLE-pw").doesNotContain("postgres.abcd");
  }

  @Test
  void revealGivesTheWholeUrlForADriver() {
    assertThat(PostgresUrl.parse(SUPABASE_POOLER).reveal()).isEqualTo(SUPABASE_POOLER);
  }

  @Test
  void toUriLeavesThePasswordOut() {
    assertThat(PostgresUrl.parse(SUPABASE_POOLER).toUri()).isEqualTo(
        URI.create("postgresql://postgres.abcd@aws-0-eu-west-1.pooler.supabase.com:6543/postgres"));
  }

  @Test
  void equalityIgnoresSpellingButNotThePassword() {
    assertThat(PostgresUrl.parse("postgres://u:pw@h/db")).isEqualTo(PostgresUrl.parse("jdbc:postgresql://u:pw@h:5432/db"));
    assertThat(PostgresUrl.parse("postgres://u:pw@h/db")).isNotEqualTo(PostgresUrl.parse("postgres://u:pw2@h/db"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "mysql://u:pw@h/db | must start with postgresql://, postgres:// or jdbc:postgresql://",
      "postgres://u:pw@/db | has no host",
      "postgres://u:pw@h:99999/db | has port 99999, outside 1-65535",
      "postgres://u:pw@h:port/db | has a port that is not a number",
      "postgres://u:pw@[::1/db | has an IPv6 host without its closing ']'",
      "postgres://u:pw@[::1]x/db | has text after the IPv6 host",
      "postgres://u:pw@h st/db | has an invalid host",
      "postgres://u:p%zz@h/db | has a malformed %-escape"})
  void rejectsBrokenUrlsWithoutShowingThePassword(String text, String message) {
    assertThatThrownBy(() -> PostgresUrl.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
