package dev.runway.health.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One request of {@link HttpEngine} as a {@code com.sun.net.httpserver.HttpExchange}, so handlers
 * and filters written for the JDK server run unchanged. The answer is buffered and handed to the
 * engine when the exchange (or its response body) is closed, from any thread; when it is closed
 * inside the filter chain, it is handed over once the chain has returned, so that a filter's work
 * after {@code chain.doFilter} (a timing meter, an access log line) is done before the client has
 * its answer and can, say, scrape the meter.
 */
public final class Exchange extends HttpExchange {
  private final HttpEngine engine;
  private final HttpEngine.Conn conn;
  private final HttpEngine.Request request;
  private final InetSocketAddress local;
  private final Headers responseHeaders = new Headers();
  private final Map<String, Object> attributes = new HashMap<>();
  private final AtomicBoolean done = new AtomicBoolean();
  private InputStream in;
  private OutputStream out;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream(256);
  private volatile int status = -1;
  private @Nullable HttpContext context;
  private final Object chainLock = new Object();
  /** Guarded by chainLock: the router is running the filter chain. */
  private boolean inChain;
  /** Guarded by chainLock: the answer, closed while the chain ran, waits for it to return. */
  private @Nullable Runnable held;

  Exchange(HttpEngine engine, HttpEngine.Conn conn, HttpEngine.Request request, byte[] requestBody,
      InetSocketAddress local) {
    this.engine = engine;
    this.conn = conn;
    this.request = request;
    this.local = local;
    this.in = new ByteArrayInputStream(requestBody);
    this.out = new OutputStream() {
      @Override
      public void write(int b) {
        body.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        body.write(b, off, len);
      }

      @Override
      public void close() {
        Exchange.this.close();
      }
    };
  }

  /** Set by the router before the handler runs. */
  public void context(HttpContext value) {
    this.context = value;
  }

  @Override
  public Headers getRequestHeaders() {
    return request.headers;
  }

  @Override
  public Headers getResponseHeaders() {
    return responseHeaders;
  }

  @Override
  public URI getRequestURI() {
    return request.uri;
  }

  @Override
  public String getRequestMethod() {
    return request.method;
  }

  @Override
  public HttpContext getHttpContext() {
    if (context == null) throw new IllegalStateException("no context routed yet");
    return context;
  }

  /** Sends the answer: the status set by {@link #sendResponseHeaders} (500 when none was) and the body written. */
  @Override
  public void close() {
    if (!done.compareAndSet(false, true)) return;
    int s = status;
    byte[] bytes = body.toByteArray();
    if (s < 0) {
      s = 500;
      bytes = new byte[0];
    }
    int finalStatus = s;
    byte[] finalBytes = bytes;
    Runnable send = () -> engine.complete(conn, finalStatus, responseHeaders, finalBytes, request.method.equals("HEAD"));
    synchronized (chainLock) {
      if (inChain) {
        held = send;
        return;
      }
    }
    send.run();
  }

  /** The router is about to run the filter chain: an answer closed meanwhile waits for {@link #chainReturned()}. */
  void chainEntered() {
    synchronized (chainLock) {
      inChain = true;
    }
  }

  /** The filter chain has returned (or thrown): sends an answer closed inside it; later closes send at once. */
  void chainReturned() {
    Runnable send;
    synchronized (chainLock) {
      inChain = false;
      send = held;
      held = null;
    }
    if (send != null) send.run();
  }

  /** Answers {@code code} with no body unless a handler has already answered. */
  void fail(int code) {
    if (status < 0) status = code;
    close();
  }

  @Override
  public InputStream getRequestBody() {
    return in;
  }

  @Override
  public OutputStream getResponseBody() {
    return out;
  }

  @Override
  public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
    if (status >= 0) throw new IOException("headers already sent");
    if (rCode < 100 || rCode > 999) throw new IllegalArgumentException("status " + rCode + " is not 100-999");
    status = rCode;
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    try {
      return (InetSocketAddress) conn.channel.getRemoteAddress();
    } catch (IOException e) {
      return new InetSocketAddress(0);
    }
  }

  @Override
  public int getResponseCode() {
    return status;
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return local;
  }

  @Override
  public String getProtocol() {
    return request.protocol;
  }

  @Override
  public @Nullable Object getAttribute(String name) {
    synchronized (attributes) {
      return attributes.get(name);
    }
  }

  @Override
  public void setAttribute(String name, @Nullable Object value) {
    synchronized (attributes) {
      if (value == null) attributes.remove(name);
      else attributes.put(name, value);
    }
  }

  @Override
  public void setStreams(@Nullable InputStream i, @Nullable OutputStream o) {
    if (i != null) in = i;
    if (o != null) out = o;
  }

  @Override
  public @Nullable HttpPrincipal getPrincipal() {
    return null;
  }
}
