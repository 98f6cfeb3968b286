package dev.runway.health.internal;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * Routes an {@link Exchange} to the handler whose path is the longest prefix of the request path,
 * through that context's filters, as the JDK server does with its contexts.
 */
public final class Router implements HttpEngine.Dispatcher {
  /** A mounted handler: path, handler and filters. */
  public static final class Context extends HttpContext {
    private final String path;
    private HttpHandler handler;
    private final List<Filter> filters = new CopyOnWriteArrayList<>();
    private final Map<String, Object> attributes = new java.util.concurrent.ConcurrentHashMap<>();
    private @Nullable Authenticator authenticator;

    Context(String path, HttpHandler handler) {
      this.path = path;
      this.handler = handler;
    }

    @Override
    public HttpHandler getHandler() {
      return handler;
    }

    @Override
    public void setHandler(HttpHandler h) {
      this.handler = h;
    }

    @Override
    public String getPath() {
      return path;
    }

    /** There is no {@code com.sun.net.httpserver.HttpServer} behind this context. */
    @Override
    public HttpServer getServer() {
      throw new UnsupportedOperationException("health server: contexts are not served by a JDK HttpServer");
    }

    @Override
    public Map<String, Object> getAttributes() {
      return attributes;
    }

    @Override
    public List<Filter> getFilters() {
      return filters;
    }

    @Override
    public @Nullable Authenticator setAuthenticator(@Nullable Authenticator auth) {
      Authenticator old = authenticator;
      authenticator = auth;
      return old;
    }

    @Override
    public @Nullable Authenticator getAuthenticator() {
      return authenticator;
    }
  }

  private final List<Context> contexts = new CopyOnWriteArrayList<>();

  public Context add(String path, HttpHandler handler) {
    Context c = new Context(path, handler);
    contexts.add(c);
    return c;
  }

  public List<Context> contexts() {
    return contexts;
  }

  @Override
  public void dispatch(Exchange exchange) {
    String path = exchange.getRequestURI().getPath();
    if (path == null) path = "";
    Context best = null;
    for (Context c : contexts) {
      if (path.startsWith(c.getPath()) && (best == null || c.getPath().length() > best.getPath().length())) best = c;
    }
    if (best == null) {
      exchange.fail(404);
      return;
    }
    exchange.context(best);
    exchange.chainEntered();
    try {
      new Filter.Chain(best.getFilters(), best.getHandler()).doFilter(exchange);
    } catch (IOException | RuntimeException e) {
      exchange.fail(500);
    } finally {
      exchange.chainReturned();
    }
  }
}
