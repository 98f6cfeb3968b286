package dev.runway;

import dev.runway.base.Origin;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A deployable part of an app: its name, the platform it runs on ({@code render}, {@code vercel},
 * {@code supabase}, or any id a platform module registers) and that platform's settings.
 *
 * <p>Settings are plain values (String, Number, Boolean, List, Map) that the platform module
 * interprets: {@code plan = free}, {@code runtime = docker}, {@code health-check-path = /api/health}.
 * Immutable and thread-safe.
 */
public final class Service {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

  private final String name;
  private final String platform;
  private final Map<String, Object> settings;
  private final @Nullable Origin origin;

  private Service(String name, String platform, Map<String, Object> settings, @Nullable Origin origin) {
    this.name = name;
    this.platform = platform;
    this.settings = settings;
    this.origin = origin;
  }

  /**
   * A service.
   *
   * @throws IllegalArgumentException when the name is not lower-case letters, digits and dashes
   */
  public static Service of(String name, String platform, Map<String, ?> settings) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(platform, "platform");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("service name '" + name
          + "' must start with a lower-case letter and hold only lower-case letters, digits and '-'");
    }
    return new Service(name, platform, Collections.unmodifiableMap(new LinkedHashMap<>(settings)), null);
  }

  /** A service with no settings. */
  public static Service of(String name, String platform) {
    return of(name, platform, Map.of());
  }

  public String name() {
    return name;
  }

  /** The platform's id: {@code render}, {@code vercel}, {@code supabase}, ... */
  public String platform() {
    return platform;
  }

  /** Every setting, as plain values. */
  public Map<String, Object> settings() {
    return settings;
  }

  /** One setting as text, when present. */
  public Optional<String> setting(String key) {
    Object value = settings.get(key);
    return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
  }

  /** A copy with one more setting. */
  public Service withSetting(String key, Object value) {
    Map<String, Object> map = new LinkedHashMap<>(settings);
    map.put(key, value);
    return new Service(name, platform, Collections.unmodifiableMap(map), origin);
  }

  /**
   * Where the service is declared ({@code runway.conf:10}), when it was read from a file; a
   * platform's findings about the service name it so that their fixes point at the line to edit.
   */
  public Optional<Origin> origin() {
    return Optional.ofNullable(origin);
  }

  /** A copy declared at {@code newOrigin}; the origin takes no part in {@link #equals}. */
  public Service withOrigin(@Nullable Origin newOrigin) {
    return new Service(name, platform, settings, newOrigin);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Service s && name.equals(s.name) && platform.equals(s.platform)
        && normalized(settings).equals(normalized(s.settings));
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, platform);
  }

  /** Numbers compare by value whatever their Java type (HOCON reads 1 as Integer, Java may say 1L). */
  private static Object normalized(Object value) {
    if (value instanceof Number n) return new java.math.BigDecimal(n.toString()).stripTrailingZeros();
    if (value instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k, normalized(v)));
      return out;
    }
    if (value instanceof java.util.List<?> l) return l.stream().map(Service::normalized).toList();
    return value;
  }

  @Override
  public String toString() {
    return "Service[" + name + " on " + platform + "]";
  }
}
