package dev.runway.env.internal;

import dev.runway.base.Problem;
import dev.runway.env.PostgresUrl;
import dev.runway.base.Secret;
import dev.runway.env.Sensitivity;
import dev.runway.internal.Json;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The type of a variable: how its text parses, how a typed value is written back, and what a right
 * value looks like. Parsers throw {@link ValueError} with a message that never contains the value.
 */
public final class VarType<T> {
  /** What kind of checks a type accepts. */
  public enum Kind { TEXT, NUMBER, URL, OTHER }

  private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
  private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  public static final VarType<String> STRING = new VarType<>("string", "text", Kind.TEXT, String.class, s -> s, s -> s);
  public static final VarType<Integer> INTEGER = new VarType<>(
      "integer", "a whole number", Kind.NUMBER, Integer.class, VarType::parseInt, String::valueOf);
  public static final VarType<Long> LONG = new VarType<>(
      "long", "a whole number", Kind.NUMBER, Long.class, VarType::parseLong, String::valueOf);
  public static final VarType<Boolean> BOOLEAN = new VarType<>(
      "boolean", "true or false (also 1/0, yes/no, on/off)", Kind.OTHER, Boolean.class, VarType::parseBoolean, String::valueOf);
  public static final VarType<BigDecimal> DECIMAL = new VarType<>(
      "decimal", "a decimal number such as 0.25", Kind.NUMBER, BigDecimal.class, VarType::parseDecimal, BigDecimal::toPlainString);
  public static final VarType<Duration> DURATION = new VarType<>(
      "duration", "a duration such as 500ms, 30s, 5m, 1h30m or PT30S", Kind.OTHER, Duration.class,
      VarType::parseDuration, VarType::formatDuration);
  public static final VarType<Integer> PORT = new VarType<>(
      "port", "a port number from 1 to 65535", Kind.NUMBER, Integer.class, VarType::parsePort, String::valueOf);
  public static final VarType<URI> URL = new VarType<>(
      "url", "an absolute URL with a host, such as https://api.example.com", Kind.URL, URI.class,
      VarType::parseUrl, URI::toString);
  public static final VarType<URI> URI_TYPE = new VarType<>(
      "uri", "an absolute URI such as mailto:ops@example.com or https://example.com", Kind.URL, URI.class,
      VarType::parseUri, URI::toString);
  public static final VarType<String> HOST_TYPE = new VarType<>(
      "host", "a host name or IP address such as db.example.com", Kind.TEXT, String.class, VarType::parseHost, s -> s);
  public static final VarType<String> EMAIL_TYPE = new VarType<>(
      "email", "an email address such as ops@example.com", Kind.TEXT, String.class, VarType::parseEmail, s -> s);
  public static final VarType<Object> JSON = new VarType<>(
      "json", "a JSON document", Kind.OTHER, Object.class, VarType::parseJson,
      v -> Json.mapper().writeValueAsString(v));
  public static final VarType<PostgresUrl> POSTGRES_URL = new VarType<>(
      "postgres-url", "a PostgreSQL URL such as postgresql://user:password@host:5432/db", Kind.OTHER, PostgresUrl.class,
      VarType::parsePostgres, PostgresUrl::reveal).sensitivity(Sensitivity.SECRET);
  public static final VarType<Secret> SECRET = new VarType<>(
      "secret", "a secret value", Kind.TEXT, Secret.class, Secret::of, Secret::reveal).sensitivity(Sensitivity.SECRET);

  private final String name;
  private final String expected;
  private final Kind kind;
  private final Class<?> javaType;
  private final Function<String, T> parser;
  private final Function<T, String> formatter;
  private final Sensitivity defaultSensitivity;
  private final List<Object> parameters; // what makes two types of one name equal (enum values, separator)

  private VarType(String name, String expected, Kind kind, Class<?> javaType,
      Function<String, T> parser, Function<T, String> formatter) {
    this(name, expected, kind, javaType, parser, formatter, Sensitivity.INTERNAL, List.of());
  }

  private VarType(String name, String expected, Kind kind, Class<?> javaType, Function<String, T> parser,
      Function<T, String> formatter, Sensitivity defaultSensitivity, List<Object> parameters) {
    this.name = name;
    this.expected = expected;
    this.kind = kind;
    this.javaType = javaType;
    this.parser = parser;
    this.formatter = formatter;
    this.defaultSensitivity = defaultSensitivity;
    this.parameters = parameters;
  }

  private VarType<T> sensitivity(Sensitivity s) {
    return new VarType<>(name, expected, kind, javaType, parser, formatter, s, parameters);
  }

  /** One of a fixed set of strings, matched exactly. */
  public static VarType<String> oneOf(List<String> values) {
    List<String> copy = List.copyOf(values);
    if (copy.isEmpty()) throw new IllegalArgumentException("oneOf needs at least one value");
    return new VarType<>("enum", "one of " + String.join(", ", copy), Kind.OTHER, String.class, s -> {
      if (!copy.contains(s)) {
        throw new ValueError(Problem.OUT_OF_RANGE, "is not one of " + String.join(", ", copy));
      }
      return s;
    }, s -> s, Sensitivity.INTERNAL, List.of(copy));
  }

  /** A Java enum constant, matched by name ignoring case, with '-' read as '_'. */
  public static <E extends Enum<E>> VarType<E> enumeration(Class<E> type) {
    E[] constants = type.getEnumConstants();
    String names = String.join(", ", Arrays.stream(constants).map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
    return new VarType<>("enum", "one of " + names, Kind.OTHER, type, s -> {
      String wanted = s.trim().replace('-', '_');
      for (E e : constants) if (e.name().equalsIgnoreCase(wanted)) return e;
      throw new ValueError(Problem.OUT_OF_RANGE, "is not one of " + names);
    }, e -> e.name().toLowerCase(Locale.ROOT), Sensitivity.INTERNAL, List.of(type));
  }

  /** A list of strings split on {@code separator}, each trimmed, empty items dropped. */
  public static VarType<List<String>> list(String separator) {
    if (separator.isEmpty()) throw new IllegalArgumentException("list separator must not be empty");
    Pattern split = Pattern.compile(Pattern.quote(separator));
    return new VarType<>("list", "a list separated by '" + separator + "'", Kind.OTHER, List.class,
        s -> split.splitAsStream(s).map(String::trim).filter(x -> !x.isEmpty()).toList(),
        l -> String.join(separator, l), Sensitivity.INTERNAL, List.of(separator));
  }

  /** A type of the user's own; {@code parser} throws IllegalArgumentException for a bad value. */
  public static <T> VarType<T> custom(String name, String expected, Class<T> javaType, Function<String, T> parser) {
    return new VarType<>(name, expected, Kind.OTHER, javaType, parser, String::valueOf, Sensitivity.INTERNAL,
        List.of(new Object())); // a custom type equals only itself
  }

  public String name() {
    return name;
  }

  public String expected() {
    return expected;
  }

  public Kind kind() {
    return kind;
  }

  public Class<?> javaType() {
    return javaType;
  }

  public Sensitivity defaultSensitivity() {
    return defaultSensitivity;
  }

  /** The enum values of a {@code oneOf} type, else empty. */
  @SuppressWarnings("unchecked")
  public List<String> values() {
    return !parameters.isEmpty() && parameters.get(0) instanceof List<?> l ? (List<String>) l : List.of();
  }

  /** The separator of a list type, else empty. */
  public @Nullable String separator() {
    return name.equals("list") ? (String) parameters.get(0) : null;
  }

  /**
   * Parses a value's text.
   *
   * @throws ValueError naming the problem; its message never contains the text
   */
  public T parse(String text) {
    try {
      T value = parser.apply(text);
      if (value == null) throw new ValueError(Problem.MALFORMED, "is not " + expected); // a custom parser said nothing
      return value;
    } catch (ValueError e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ValueError(Problem.MALFORMED, "is not " + expected);
    }
  }

  public String format(T value) {
    return formatter.apply(value);
  }

  @SuppressWarnings("unchecked")
  public String formatObject(Object value) {
    return formatter.apply((T) value);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof VarType<?> other && name.equals(other.name) && javaType.equals(other.javaType)
        && parameters.equals(other.parameters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, javaType, parameters);
  }

  @Override
  public String toString() {
    return name;
  }

  // --- parsers: each throws with a message that never repeats the value -------------------------

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw notWhole(s, Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
    }
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw notWhole(s, Long.MIN_VALUE + " to " + Long.MAX_VALUE);
    }
  }

  /** A whole number too large for its type is out of range, not malformed: it is a whole number. */
  private static ValueError notWhole(String s, String range) {
    return WHOLE.matcher(s.trim()).matches()
        ? new ValueError(Problem.OUT_OF_RANGE, "is outside " + range)
        : new ValueError(Problem.MALFORMED, "is not a whole number");
  }

  private static boolean parseBoolean(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new ValueError(Problem.MALFORMED, "is not true or false");
    };
  }

  private static BigDecimal parseDecimal(String s) {
    try {
      return new BigDecimal(s.trim());
    } catch (NumberFormatException e) {
      throw new ValueError(Problem.MALFORMED, "is not a decimal number");
    }
  }

  private static Duration parseDuration(String s) {
    String t = s.trim();
    if (t.startsWith("P") || t.startsWith("p") || t.startsWith("-P")) {
      try {
        return Duration.parse(t);
      } catch (DateTimeParseException e) {
        throw new ValueError(Problem.MALFORMED, "is not an ISO-8601 duration");
      }
    }
    Matcher m = DURATION_PART.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      });
      end = m.end();
    }
    if (end == 0 || end != t.length()) {
      throw new ValueError(Problem.MALFORMED, "is not a duration");
    }
    return total;
  }

  private static String formatDuration(Duration d) {
    if (d.isZero()) return "0s";
    StringBuilder sb = new StringBuilder();
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    long seconds = d.toSecondsPart();
    long millis = d.toMillisPart();
    if (d.isNegative() || d.getNano() % 1_000_000 != 0) return d.toString();
    if (days > 0) sb.append(days).append('d');
    if (hours > 0) sb.append(hours).append('h');
    if (minutes > 0) sb.append(minutes).append('m');
    if (seconds > 0) sb.append(seconds).append('s');
    if (millis > 0) sb.append(millis).append("ms");
    return sb.toString();
  }

  private static int parsePort(String s) {
    int port;
    try {
      port = Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      if (WHOLE.matcher(s.trim()).matches()) throw new ValueError(Problem.OUT_OF_RANGE, "is outside 1-65535");
      throw new ValueError(Problem.MALFORMED, "is not a port number");
    }
    if (port < 1 || port > 65535) throw new ValueError(Problem.OUT_OF_RANGE, "is outside 1-65535");
    return port;
  }

  private static URI parseUri(String s) {
    try {
      URI uri = new URI(s.trim());
      if (!uri.isAbsolute()) throw new ValueError(Problem.MALFORMED, "has no scheme");
      return uri;
    } catch (URISyntaxException e) {
      throw new ValueError(Problem.MALFORMED, "is not a valid URI");
    }
  }

  private static URI parseUrl(String s) {
    URI uri = parseUri(s);
    if (UriHosts.host(uri) == null) {
      throw new ValueError(Problem.MALFORMED, "has no host");
    }
    return uri;
  }

  private static String parseHost(String s) {
    String t = s.trim();
    boolean ipv6 = t.startsWith("[") && t.endsWith("]") && t.length() > 2;
    if (!(UriHosts.NAME.matcher(t).matches() || IPV4.matcher(t).matches() || ipv6)) {
      throw new ValueError(Problem.MALFORMED, "is not a host name or IP address");
    }
    return t;
  }

  private static String parseEmail(String s) {
    if (!EMAIL.matcher(s.trim()).matches()) {
      throw new ValueError(Problem.MALFORMED, "is not an email address");
    }
    return s.trim();
  }

  private static Object parseJson(String s) {
    try {
      Object value = Json.mapper().readValue(s, Object.class);
      if (value == null) throw new ValueError(Problem.MALFORMED, "is JSON null");
      return value;
    } catch (tools.jackson.core.JacksonException e) {
      var at = e.getLocation();
      String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new ValueError(Problem.MALFORMED, "is not valid JSON" + where);
    }
  }

  private static PostgresUrl parsePostgres(String s) {
    try {
      return PostgresUrl.parse(s);
    } catch (IllegalArgumentException e) {
      throw new ValueError(Problem.MALFORMED, "is not a PostgreSQL URL: it " + e.getMessage());
    }
  }

  /** A value failed to parse or check; the message never contains the value. */
  public static final class ValueError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    public ValueError(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }
}
