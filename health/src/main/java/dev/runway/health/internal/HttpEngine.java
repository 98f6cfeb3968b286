package dev.runway.health.internal;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server (RFC 9112) on one selector thread. Why not the JDK's
 * {@code com.sun.net.httpserver}: it reads request heads with blocking reads on its worker threads,
 * so a handful of clients sending headers a byte at a time hold every worker and liveness waits
 * for seconds. Here the selector thread reads every head and body without blocking, under a
 * deadline for the whole request (not per read), and only complete requests reach a worker. Answers
 * are buffered and written by the selector thread, so a client that does not read cannot hold a
 * worker either.
 *
 * <p>Refused before any handler runs: a malformed request line or header (400), an HTTP/1.1 request
 * without exactly one {@code Host} (400), a version other than 1.x (505), a head over the limit
 * (414 when the request line alone is, else 431), more than {@code maxHeaders} fields (431), a
 * declared body over the limit (413), a transfer coding (411: the endpoints take no streamed
 * bodies), and a request not complete within the deadline (408). Each of these closes the
 * connection.
 */
public final class HttpEngine implements AutoCloseable {
  /** Runs one complete request on a worker thread; must eventually call {@link Exchange#close()}. */
  @FunctionalInterface
  public interface Dispatcher {
    void dispatch(Exchange exchange);
  }

  /** Limits; all durations in nanoseconds. */
  public record Limits(int maxHeadBytes, int maxBodyBytes, int maxHeaders, long requestTimeoutNanos,
      long idleTimeoutNanos, long writeTimeoutNanos) {}

  private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
  private static final long TICK_MILLIS = 50;

  private final ServerSocketChannel listener;
  private final Selector selector;
  private final Limits limits;
  private final Executor workers;
  private final Dispatcher dispatcher;
  private final Thread thread;
  private final Set<Conn> conns = new HashSet<>();
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicInteger busy = new AtomicInteger();
  private final CountDownLatch stoppedListening = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopListening;
  private volatile boolean running = true;
  private final InetSocketAddress bound;

  public HttpEngine(InetSocketAddress address, int backlog, Limits limits, Executor workers, Dispatcher dispatcher)
      throws IOException {
    this.limits = limits;
    this.workers = workers;
    this.dispatcher = dispatcher;
    this.selector = Selector.open();
    this.listener = ServerSocketChannel.open();
    try {
      listener.bind(address, backlog);
      listener.configureBlocking(false);
      listener.register(selector, SelectionKey.OP_ACCEPT);
    } catch (IOException e) {
      listener.close();
      selector.close();
      throw e;
    }
    this.bound = (InetSocketAddress) listener.getLocalAddress();
    this.thread = new Thread(this::loop, "runway-health-io");
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** The address the listening socket is bound to, with the chosen port. */
  public InetSocketAddress address() {
    return bound;
  }

  /** Requests handed to a handler whose answer has not been written yet. */
  public int inFlight() {
    return busy.get();
  }

  /** Stops accepting, waits up to {@code graceMillis} for answers in flight, then closes every connection. */
  public void stop(long graceMillis) {
    stopListening = true;
    selector.wakeup();
    await(stoppedListening, 2000);
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
    while (busy.get() > 0 && System.nanoTime() - end < 0) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    running = false;
    selector.wakeup();
    await(stopped, 2000);
  }

  @Override
  public void close() {
    stop(1000);
  }

  private static void await(CountDownLatch latch, long millis) {
    try {
      latch.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- selector thread ----

  private void loop() {
    long lastSweep = System.nanoTime();
    try {
      while (running) {
        if (stopListening && listener.isOpen()) closeListener();
        selector.select(TICK_MILLIS);
        for (Runnable r; (r = tasks.poll()) != null; ) r.run();
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
          SelectionKey key = it.next();
          it.remove();
          if (!key.isValid()) continue;
          if (key.channel() == listener) {
            accept();
          } else {
            Conn c = (Conn) key.attachment();
            try {
              if (key.isReadable()) read(c);
              if (key.isValid() && key.isWritable()) write(c);
            } catch (IOException | RuntimeException e) {
              close(c);
            }
          }
        }
        long now = System.nanoTime();
        if (now - lastSweep >= TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS)) {
          lastSweep = now;
          sweep(now);
        }
      }
    } catch (IOException | RuntimeException e) {
      // The selector failed; nothing can be served any more. Fall through and release everything.
    } finally {
      if (listener.isOpen()) closeListener();
      for (Conn c : new ArrayList<>(conns)) close(c);
      try {
        selector.close();
      } catch (IOException ignored) {
        // closing
      }
      stopped.countDown();
    }
  }

  private void closeListener() {
    try {
      SelectionKey key = listener.keyFor(selector);
      if (key != null) key.cancel();
      listener.close();
      selector.selectNow(); // deregisters the key, which is when the socket really closes
    } catch (IOException ignored) {
      // already closed
    }
    stoppedListening.countDown();
  }

  private void accept() throws IOException {
    for (int i = 0; i < 64; i++) {
      SocketChannel ch = listener.accept();
      if (ch == null) return;
      try {
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Conn c = new Conn(ch);
        c.key = ch.register(selector, SelectionKey.OP_READ, c);
        c.deadline = System.nanoTime() + limits.idleTimeoutNanos();
        conns.add(c);
      } catch (IOException e) {
        ch.close();
      }
    }
  }

  private void sweep(long now) {
    List<Conn> late = null;
    for (Conn c : conns) {
      if (c.state != State.BUSY && now - c.deadline > 0) {
        if (late == null) late = new ArrayList<>();
        late.add(c);
      }
    }
    if (late == null) return;
    for (Conn c : late) {
      if (c.state == State.READING && c.started) {
        refuse(c, 408, "request not complete within " + TimeUnit.NANOSECONDS.toMillis(limits.requestTimeoutNanos()) + " ms");
      } else {
        close(c); // idle keep-alive, or a client that does not read its answer
      }
    }
  }

  private void read(Conn c) throws IOException {
    if (c.state != State.READING) return;
    if (!c.in.hasRemaining()) c.grow(limits.maxHeadBytes() + limits.maxBodyBytes());
    int n = c.channel.read(c.in);
    if (n < 0) {
      close(c);
      return;
    }
    if (n > 0 && !c.started) {
      c.started = true;
      c.deadline = System.nanoTime() + limits.requestTimeoutNanos();
    }
    parse(c);
  }

  /** Advances the request in {@code c.in[0, position)}; dispatches it when complete. */
  private void parse(Conn c) {
    byte[] b = c.in.array();
    int end = c.in.position();
    if (c.headEnd < 0) {
      for (int i = c.scan; i < end; i++) {
        if (b[i] != '\n') continue;
        int lineEnd = i > c.lineStart && b[i - 1] == '\r' ? i - 1 : i;
        if (lineEnd == c.lineStart) {
          if (c.requestLine < 0) {
            c.lineStart = i + 1; // empty lines before the request line are ignored (RFC 9112 2.2)
            continue;
          }
          c.headEnd = i + 1;
          break;
        }
        if (c.requestLine < 0) c.requestLine = c.lineStart;
        c.lineStart = i + 1;
      }
      if (c.headEnd < 0) {
        c.scan = end;
        if (end >= limits.maxHeadBytes()) {
          if (c.requestLine < 0) refuse(c, 414, "request line longer than " + limits.maxHeadBytes() + " bytes");
          else refuse(c, 431, "request head longer than " + limits.maxHeadBytes() + " bytes");
        }
        return;
      }
      Request req;
      try {
        req = Request.parse(b, c.requestLine, c.headEnd, limits.maxHeaders());
      } catch (BadRequest e) {
        refuse(c, e.status, e.getMessage());
        return;
      }
      c.request = req;
      c.bodyEnd = c.headEnd + (int) Math.max(0, req.contentLength);
      if (req.contentLength > limits.maxBodyBytes()) {
        refuse(c, 413, "request body longer than " + limits.maxBodyBytes() + " bytes");
        return;
      }
    }
    if (end < c.bodyEnd) {
      if (c.in.capacity() < c.bodyEnd) c.ensure(c.bodyEnd);
      return;
    }
    dispatch(c);
  }

  private void dispatch(Conn c) {
    Request req = c.request;
    byte[] body = java.util.Arrays.copyOfRange(c.in.array(), c.headEnd, c.bodyEnd);
    c.state = State.BUSY;
    c.key.interestOps(0);
    Exchange exchange = new Exchange(this, c, req, body, bound);
    busy.incrementAndGet();
    try {
      workers.execute(() -> {
        try {
          dispatcher.dispatch(exchange);
        } catch (RuntimeException e) {
          exchange.fail(500);
        }
      });
    } catch (RejectedExecutionException e) {
      busy.decrementAndGet();
      c.state = State.READING;
      refuse(c, 503, "server busy; retry");
    }
  }

  /** Writes a short error answer and closes the connection once it is out. */
  private void refuse(Conn c, int status, String message) {
    byte[] body = ("{\"error\":\"" + message.replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
    Headers h = new Headers();
    h.set("Content-Type", "application/json");
    h.set("Cache-Control", "no-store");
    send(c, status, h, body, false, true);
  }

  private void send(Conn c, int status, Headers headers, byte[] body, boolean head, boolean close) {
    StringBuilder s = new StringBuilder(256);
    s.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    s.append("Date: ").append(DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
    String declared = null;
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      String name = e.getKey();
      if (name.equalsIgnoreCase("Content-Length")) {
        if (!e.getValue().isEmpty()) declared = e.getValue().get(0);
        continue;
      }
      if (name.equalsIgnoreCase("Transfer-Encoding") || name.equalsIgnoreCase("Connection")
          || name.equalsIgnoreCase("Date")) continue;
      for (String v : e.getValue()) s.append(name).append(": ").append(v).append("\r\n");
    }
    boolean noBody = status < 200 || status == 204 || status == 304;
    if (!noBody) {
      if (!head) s.append("Content-Length: ").append(body.length).append("\r\n");
      else if (declared != null) s.append("Content-Length: ").append(declared).append("\r\n");
    }
    boolean keepAlive = !close && c.request != null && c.request.keepAlive;
    if (!keepAlive) s.append("Connection: close\r\n");
    else if (c.request.http10) s.append("Connection: keep-alive\r\n");
    s.append("\r\n");
    byte[] start = s.toString().getBytes(StandardCharsets.ISO_8859_1);
    int len = head || noBody ? 0 : body.length;
    ByteBuffer out = ByteBuffer.allocate(start.length + len);
    out.put(start);
    out.put(body, 0, len);
    out.flip();
    c.out = out;
    c.closeAfter = !keepAlive;
    c.state = State.WRITING;
    c.deadline = System.nanoTime() + limits.writeTimeoutNanos();
    try {
      write(c);
    } catch (IOException | RuntimeException e) {
      close(c);
    }
  }

  private void write(Conn c) throws IOException {
    if (c.state != State.WRITING || c.out == null) return;
    c.channel.write(c.out);
    if (c.out.hasRemaining()) {
      c.key.interestOps(SelectionKey.OP_WRITE);
      return;
    }
    c.out = null;
    if (c.closeAfter) {
      close(c);
      return;
    }
    // Keep-alive: keep what the client sent after this request (pipelining) and read on.
    c.reset(limits.idleTimeoutNanos(), limits.requestTimeoutNanos());
    c.key.interestOps(SelectionKey.OP_READ);
    if (c.in.position() > 0) parse(c);
  }

  private void close(Conn c) {
    conns.remove(c);
    if (c.key != null) c.key.cancel();
    try {
      c.channel.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /** Called by an exchange on any thread when its answer is complete. */
  void complete(Conn c, int status, Headers headers, byte[] body, boolean head) {
    tasks.add(() -> {
      busy.decrementAndGet();
      if (!c.channel.isOpen()) {
        conns.remove(c);
        return;
      }
      send(c, status, headers, body, head, !running || stopListening);
    });
    selector.wakeup();
  }

  static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 304 -> "Not Modified";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 411 -> "Length Required";
      case 413 -> "Request Entity Too Large";
      case 414 -> "Request-URI Too Long";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      case 505 -> "HTTP Version Not Supported";
      default -> "";
    };
  }

  enum State { READING, BUSY, WRITING }

  /** One connection; touched only by the selector thread. */
  static final class Conn {
    final SocketChannel channel;
    SelectionKey key;
    ByteBuffer in = ByteBuffer.allocate(1024);
    ByteBuffer out;
    State state = State.READING;
    long deadline;
    boolean started;
    boolean closeAfter;
    int scan;
    int lineStart;
    int requestLine = -1;
    int headEnd = -1;
    int bodyEnd;
    Request request;

    Conn(SocketChannel channel) {
      this.channel = channel;
    }

    void grow(int max) {
      if (in.capacity() >= max) return;
      ensure(Math.min(max, in.capacity() * 2));
    }

    void ensure(int capacity) {
      if (in.capacity() >= capacity) return;
      ByteBuffer bigger = ByteBuffer.allocate(capacity);
      in.flip();
      bigger.put(in);
      in = bigger;
    }

    /** Drops the answered request, keeping the bytes after it, and starts the next one's clock. */
    void reset(long idleNanos, long requestNanos) {
      int rest = in.position() - bodyEnd;
      if (rest > 0) System.arraycopy(in.array(), bodyEnd, in.array(), 0, rest);
      in.position(Math.max(0, rest));
      if (in.capacity() > 1024 && rest <= 1024) in = ByteBuffer.allocate(1024).put(in.array(), 0, rest);
      scan = 0;
      lineStart = 0;
      requestLine = -1;
      headEnd = -1;
      bodyEnd = 0;
      request = null;
      state = State.READING;
      started = rest > 0;
      deadline = System.nanoTime() + (started ? requestNanos : idleNanos);
    }
  }

  static final class BadRequest extends Exception {
    final int status;

    BadRequest(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** A parsed request head. */
  static final class Request {
    final String method;
    final String target;
    final URI uri;
    final String protocol;
    final boolean http10;
    final Headers headers;
    final long contentLength;
    final boolean keepAlive;

    private Request(String method, String target, URI uri, String protocol, boolean http10, Headers headers,
        long contentLength, boolean keepAlive) {
      this.method = method;
      this.target = target;
      this.uri = uri;
      this.protocol = protocol;
      this.http10 = http10;
      this.headers = headers;
      this.contentLength = contentLength;
      this.keepAlive = keepAlive;
    }

    static Request parse(byte[] b, int from, int to, int maxHeaders) throws BadRequest {
      List<String> lines = new ArrayList<>();
      int start = from;
      for (int i = from; i < to; i++) {
        if (b[i] != '\n') continue;
        int end = i > start && b[i - 1] == '\r' ? i - 1 : i;
        if (end > start) lines.add(new String(b, start, end - start, StandardCharsets.ISO_8859_1));
        start = i + 1;
      }
      String line = lines.get(0);
      int sp1 = line.indexOf(' ');
      int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
      if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0) {
        throw new BadRequest(400, "malformed request line; expected METHOD SP target SP HTTP/1.1");
      }
      String method = line.substring(0, sp1);
      String target = line.substring(sp1 + 1, sp2);
      String version = line.substring(sp2 + 1);
      if (!isToken(method)) throw new BadRequest(400, "malformed method");
      if (target.isEmpty() || !visible(target)) throw new BadRequest(400, "malformed request target");
      if (version.length() != 8 || !version.startsWith("HTTP/") || !digit(version.charAt(5))
          || version.charAt(6) != '.' || !digit(version.charAt(7))) {
        throw new BadRequest(400, "malformed HTTP version; expected HTTP/1.1");
      }
      if (version.charAt(5) != '1') throw new BadRequest(505, "HTTP version " + version.substring(5) + " not supported; use HTTP/1.1");
      boolean http10 = version.charAt(7) == '0';
      if (lines.size() - 1 > maxHeaders) throw new BadRequest(431, "more than " + maxHeaders + " header fields");
      Headers headers = new Headers();
      for (int i = 1; i < lines.size(); i++) {
        String h = lines.get(i);
        if (h.charAt(0) == ' ' || h.charAt(0) == '\t') throw new BadRequest(400, "obsolete line folding in a header");
        int colon = h.indexOf(':');
        if (colon <= 0 || !isToken(h.substring(0, colon))) throw new BadRequest(400, "malformed header field");
        String value = h.substring(colon + 1).strip();
        for (int k = 0; k < value.length(); k++) {
          char ch = value.charAt(k);
          if (ch < 0x20 && ch != '\t' || ch == 0x7f) throw new BadRequest(400, "control character in a header value");
        }
        headers.add(h.substring(0, colon), value);
      }
      List<String> host = headers.get("Host");
      if (!http10 && (host == null || host.size() != 1)) {
        throw new BadRequest(400, host == null ? "missing Host header (required by HTTP/1.1)" : "more than one Host header");
      }
      if (headers.containsKey("Transfer-Encoding")) {
        throw new BadRequest(411, "transfer codings are not accepted; send a Content-Length");
      }
      long length = -1;
      List<String> lengths = headers.get("Content-Length");
      if (lengths != null) {
        String first = lengths.get(0);
        for (String l : lengths) {
          if (!l.equals(first)) throw new BadRequest(400, "conflicting Content-Length headers");
        }
        if (first.isEmpty() || first.length() > 18 || !first.chars().allMatch(HttpEngine::digit)) {
          throw new BadRequest(400, "malformed Content-Length");
        }
        length = Long.parseLong(first);
      }
      URI uri;
      try {
        uri = new URI(target);
      } catch (URISyntaxException e) {
        throw new BadRequest(400, "malformed request target");
      }
      String connection = String.join(",", headers.getOrDefault("Connection", List.of())).toLowerCase(java.util.Locale.ROOT);
      boolean keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
      return new Request(method, target, uri, http10 ? "HTTP/1.0" : "HTTP/1.1", http10, headers, length, keepAlive);
    }

    private static boolean isToken(String s) {
      if (s.isEmpty()) return false;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        if (!ok) return false;
      }
      return true;
    }

    private static boolean visible(String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c <= 0x20 || c >= 0x7f) return false;
      }
      return true;
    }
  }

  private static boolean digit(int c) {
    return c >= '0' && c <= '9';
  }
}
