package dev.runway.platform;

import dev.runway.base.internal.IoReasons;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.runway.base.RunwayException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JDK HTTP server on a free loopback port, answering with four daemon threads: what every
 * platform sandbox (Render, Vercel, Supabase) runs on. Daemon threads, so a sandbox a test forgot
 * to close never keeps the JVM alive.
 */
public final class LoopbackServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  private LoopbackServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts {@code handler} on {@code /}; {@code name} ({@code "render sandbox"}) names the threads
   * and the error when no loopback port can be had.
   */
  public static LoopbackServer start(String name, HttpHandler handler) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      String threadName = name.replace(' ', '-');
      ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, threadName);
        t.setDaemon(true);
        return t;
      });
      server.setExecutor(executor);
      server.createContext("/", handler);
      server.start();
      return new LoopbackServer(server, executor);
    } catch (IOException e) {
      throw new RunwayException(name + ": cannot listen on loopback (" + IoReasons.of(e)
          + "); check that a local port is free", null, e);
    }
  }

  /** {@code http://127.0.0.1:<port>}, no trailing slash. */
  public String baseUrl() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
