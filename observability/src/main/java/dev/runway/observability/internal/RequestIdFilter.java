package dev.runway.observability.internal;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/** Sets MDC {@code requestId} for the exchange; see {@code Observability.requestIds()}. */
public final class RequestIdFilter extends Filter {
  public static final String MDC_KEY = "requestId";
  public static final String HEADER = "X-Request-Id";
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    String id = sanitize(exchange.getRequestHeaders().getFirst(HEADER));
    if (id == null) id = newId();
    exchange.getResponseHeaders().set(HEADER, id);
    String previous = MDC.get(MDC_KEY);
    MDC.put(MDC_KEY, id);
    try {
      chain.doFilter(exchange);
    } finally {
      if (previous == null) MDC.remove(MDC_KEY);
      else MDC.put(MDC_KEY, previous);
    }
  }

  static @Nullable String sanitize(@Nullable String header) {
    if (header == null || header.isEmpty() || header.length() > 64) return null;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == ':';
      if (!ok) return null;
    }
    return header;
  }

  static String newId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public String description() {
    return "Runway request id";
  }
}
