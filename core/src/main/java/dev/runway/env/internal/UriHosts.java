package dev.runway.env.internal;

import java.net.URI;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The host of a URL, including names with {@code _}. {@code java.net.URI} follows RFC 2396, where
 * a host name has no underscore, and leaves {@code getHost()} null for {@code http://my_db:5432/};
 * yet Docker Compose service names, and the container names platforms derive from them, often
 * have one, and resolve fine. Such an authority is read here as {@code [user@]host[:port]}.
 */
public final class UriHosts {
  /** Dot-separated labels of letters, digits, {@code -} and {@code _}, neither starting nor ending with {@code -}. */
  static final Pattern NAME = Pattern.compile(
      "(?=.{1,253}$)(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(?:\\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");
  private static final Pattern PORT = Pattern.compile(":\\d{1,5}$");

  private UriHosts() {}

  /** The URI's host, or the host name of an authority {@code URI} could not read as server-based; else null. */
  public static @Nullable String host(URI uri) {
    if (uri.getHost() != null && !uri.getHost().isEmpty()) return uri.getHost();
    String authority = uri.getRawAuthority();
    if (authority == null) return null;
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    String host = PORT.matcher(hostPort).replaceFirst("");
    return NAME.matcher(host).matches() ? host : null;
  }
}
