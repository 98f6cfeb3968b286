package dev.runway.monitor;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A loopback service whose behaviour the test switches: up, error, slow, or hanging. */
final class TargetServer implements AutoCloseable {
  enum Mode { UP, ERROR, SLOW, HANG }

  final AtomicReference<Mode> mode = new AtomicReference<>(Mode.UP);
  final AtomicInteger slowMillis = new AtomicInteger(300);
  final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private final HttpServer server;

  TargetServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "target-server");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      Mode m = mode.get();
      try {
        if (m == Mode.HANG) release.await(30, TimeUnit.SECONDS);
        if (m == Mode.SLOW) Thread.sleep(slowMillis.get()); // the target is slow on purpose
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] body = (m == Mode.ERROR ? "{\"status\":\"fail\"}" : "{\"status\":\"pass\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(m == Mode.ERROR ? 503 : 200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/health";
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }

  /** A port nobody listens on: connections are refused. */
  static String refusingUrl() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    return "http://127.0.0.1:" + port + "/api/health";
  }

  /** A server that accepts and resets every connection (RST, SO_LINGER 0). */
  static final class Resetting implements AutoCloseable {
    private final ServerSocket socket;

    Resetting() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread t = new Thread(() -> {
        while (!socket.isClosed()) {
          try (Socket s = socket.accept()) {
            s.getInputStream().read(new byte[1024]);
            s.setSoLinger(true, 0);
          } catch (IOException e) {
            // closed
          }
        }
      }, "resetting-server");
      t.setDaemon(true);
      t.start();
    }

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/api/health";
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
