package dev.runway.env;

import dev.runway.base.Secret;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL connection URL, as written in {@code DATABASE_URL}: {@code postgres://},
 * {@code postgresql://} or {@code jdbc:postgresql://}, with user and password in the authority or in
 * the query.
 *
 * <p>The password is a {@link Secret}: {@link #toString()} shows {@code ****} in its place, so a
 * PostgresUrl can be logged. Immutable and thread-safe.
 *
 * <pre>{@code
 * PostgresUrl url = PostgresUrl.parse("postgresql://postgres.abcd:pw@aws-0-eu-west-1.pooler.supabase.com:6543/postgres");
 * url.port();       // 6543
 * url.toString();   // postgresql://postgres.abcd:****@aws-0-eu-west-1.pooler.supabase.com:6543/postgres
 * url.jdbcUrl();    // jdbc:postgresql://aws-0-eu-west-1.pooler.supabase.com:6543/postgres  (no credentials)
 * }</pre>
 */
public final class PostgresUrl {
  /** The default PostgreSQL port. */
  public static final int DEFAULT_PORT = 5432;

  private final String host;
  private final int port;
  private final String database;
  private final @Nullable String user;
  private final @Nullable Secret password;
  private final Map<String, String> parameters;

  private PostgresUrl(String host, int port, String database, @Nullable String user,
      @Nullable Secret password, Map<String, String> parameters) {
    this.host = host;
    this.port = port;
    this.database = database;
    this.user = user;
    this.password = password;
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /**
   * Parses a connection URL.
   *
   * @throws IllegalArgumentException with a message that never contains the password
   */
  public static PostgresUrl parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.trim();
    String rest;
    if (s.startsWith("jdbc:postgresql://")) rest = s.substring("jdbc:postgresql://".length());
    else if (s.startsWith("postgresql://")) rest = s.substring("postgresql://".length());
    else if (s.startsWith("postgres://")) rest = s.substring("postgres://".length());
    else throw new IllegalArgumentException("must start with postgresql://, postgres:// or jdbc:postgresql://");

    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    int slash = rest.indexOf('/');
    String authority = slash >= 0 ? rest.substring(0, slash) : rest;
    String database = slash >= 0 ? decode(rest.substring(slash + 1)) : "";

    String user = null;
    Secret password = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
      if (colon >= 0) password = Secret.of(decode(userInfo.substring(colon + 1)));
    }
    String host;
    int port = DEFAULT_PORT;
    if (authority.startsWith("[")) {
      int end = authority.indexOf(']');
      if (end < 0) throw new IllegalArgumentException("has an IPv6 host without its closing ']'");
      host = authority.substring(0, end + 1);
      String after = authority.substring(end + 1);
      if (after.startsWith(":")) port = parsePort(after.substring(1));
      else if (!after.isEmpty()) throw new IllegalArgumentException("has text after the IPv6 host");
    } else {
      int colon = authority.lastIndexOf(':');
      host = colon >= 0 ? authority.substring(0, colon) : authority;
      if (colon >= 0) port = parsePort(authority.substring(colon + 1));
    }
    if (host.isEmpty()) throw new IllegalArgumentException("has no host");
    if (!host.matches("[A-Za-z0-9.\\-_\\[\\]:%]+")) throw new IllegalArgumentException("has an invalid host");

    Map<String, String> params = new LinkedHashMap<>();
    if (!query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) continue;
        int eq = pair.indexOf('=');
        String key = decode(eq >= 0 ? pair.substring(0, eq) : pair);
        String value = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
        // Credentials are never kept as plain parameters, where toString() and jdbcUrl() would show
        // them; the first one written (authority, then query) wins.
        if (key.equals("user")) {
          if (user == null) user = value;
        } else if (key.equals("password")) {
          if (password == null) password = Secret.of(value);
        } else {
          params.put(key, value);
        }
      }
    }
    if (database.isEmpty()) database = "postgres";
    return new PostgresUrl(host, port, database, user, password, params);
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port < 1 || port > 65535) throw new IllegalArgumentException("has port " + port + ", outside 1-65535");
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("has a port that is not a number");
    }
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("has a malformed %-escape");
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String database() {
    return database;
  }

  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  public Optional<Secret> password() {
    return Optional.ofNullable(password);
  }

  /** Query parameters other than user and password ({@code sslmode}, {@code prepareThreshold}, ...). */
  public Map<String, String> parameters() {
    return parameters;
  }

  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name));
  }

  /** A JDBC URL without credentials; pass user and password to the driver separately. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + encode(database) + query(parameters);
  }

  /** The full URL including the real password, for handing to a driver. Never log it. */
  public String reveal() {
    return render(password == null ? null : encode(password.reveal()));
  }

  /** The URL with {@code ****} for the password. */
  @Override
  public String toString() {
    return render(password == null ? null : Secret.MASK);
  }

  private String render(@Nullable String shownPassword) {
    StringBuilder sb = new StringBuilder("postgresql://");
    if (user != null) {
      sb.append(encode(user));
      if (shownPassword != null) sb.append(':').append(shownPassword);
      sb.append('@');
    }
    sb.append(host).append(':').append(port).append('/').append(encode(database)).append(query(parameters));
    return sb.toString();
  }

  private static String query(Map<String, String> params) {
    if (params.isEmpty()) return "";
    StringJoiner joiner = new StringJoiner("&", "?", "");
    params.forEach((k, v) -> joiner.add(encode(k) + "=" + encode(v)));
    return joiner.toString();
  }

  /** As a URI, without the password. */
  public URI toUri() {
    return URI.create(toString().replace(":" + Secret.MASK + "@", "@"));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PostgresUrl other
        && host.equals(other.host) && port == other.port && database.equals(other.database)
        && Objects.equals(user, other.user) && Objects.equals(password, other.password)
        && parameters.equals(other.parameters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, database, user, parameters);
  }
}
