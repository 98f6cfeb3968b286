package dev.runway.monitor.internal;

import dev.runway.monitor.Endpoint;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a public status page may say about where an endpoint lives: its public URL, or the probed
 * URL when its host is a public name, always without query, fragment, user or default port. A
 * probe often targets an internal address (a Render private service, {@code 127.0.0.1} behind a
 * tunnel) or carries a token in its query; neither may reach a page anyone can read.
 */
public final class PublicAddress {
  private static final Pattern URL = Pattern.compile("\\b[A-Za-z][A-Za-z0-9+.-]*://[^\\s'\"<>)]+");
  private static final Pattern IPV4 = Pattern.compile("/?\\b\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?\\b");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+\\](:\\d+)?");
  static final String HIDDEN = "(address hidden)";

  private PublicAddress() {}

  /** The URL the page shows; empty when there is none that is safe to show. */
  public static String of(Endpoint e) {
    if (e.publicUrl().isPresent()) return e.publicUrl().get();
    URI u = probed(e);
    if (u == null || !isPublicName(u.getHost())) return "";
    boolean defaultPort = u.getPort() < 0 || (u.getPort() == 443 && "https".equals(u.getScheme()))
        || (u.getPort() == 80 && "http".equals(u.getScheme()));
    return u.getScheme() + "://" + u.getHost() + (defaultPort ? "" : ":" + u.getPort())
        + (u.getRawPath() == null ? "" : u.getRawPath());
  }

  /** {@code text} with every URL, IP address and the probed host replaced by {@value #HIDDEN}. */
  public static String scrub(Endpoint e, String text) {
    String out = URL.matcher(text).replaceAll(HIDDEN);
    out = IPV6.matcher(out).replaceAll(HIDDEN);
    out = IPV4.matcher(out).replaceAll(HIDDEN);
    URI u = probed(e);
    if (u != null && u.getHost() != null && !isPublicName(u.getHost()) && u.getHost().length() > 1) {
      out = out.replace(u.getHost(), HIDDEN);
    }
    return out;
  }

  private static URI probed(Endpoint e) {
    String t = e.probe().target();
    int sp = t.indexOf(' ');
    String url = sp > 0 && !t.startsWith("http") ? t.substring(sp + 1) : t;
    try {
      URI u = URI.create(url.trim());
      return u.getHost() == null || u.getScheme() == null ? null : u;
    } catch (IllegalArgumentException ex) {
      return null;
    }
  }

  /** A DNS name with a public suffix: not an IP literal, not localhost, not a single label, not a private zone. */
  static boolean isPublicName(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") || h.matches("[0-9.]+")) return false;
    if (!h.contains(".")) return false; // a single label: a container, a Render private service
    for (String zone : new String[] {".localhost", ".local", ".internal", ".lan", ".home.arpa", ".svc", ".cluster.local",
        ".corp", ".intranet", ".test", ".invalid", ".example"}) {
      if (h.endsWith(zone)) return false;
    }
    return true;
  }
}
