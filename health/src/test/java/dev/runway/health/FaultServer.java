package dev.runway.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback dependency that misbehaves on purpose: answers canned bytes, resets the connection,
 * or hangs until closed. Records each request's head.
 */
final class FaultServer implements AutoCloseable {
  enum Mode { ANSWER, RESET, HANG }

  private final ServerSocket socket;
  private final Mode mode;
  private final String answer;
  private final CountDownLatch closed = new CountDownLatch(1);
  final List<String> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  private FaultServer(Mode mode, String answer) throws IOException {
    this.mode = mode;
    this.answer = answer;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::serve, "fault-server");
    t.setDaemon(true);
    t.start();
  }

  static FaultServer answering(int status, String contentType, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return new FaultServer(Mode.ANSWER, "HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType
        + "\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n" + body);
  }

  static FaultServer raw(String bytes) throws IOException {
    return new FaultServer(Mode.ANSWER, bytes);
  }

  static FaultServer resetting() throws IOException {
    return new FaultServer(Mode.RESET, "");
  }

  static FaultServer hanging() throws IOException {
    return new FaultServer(Mode.HANG, "");
  }

  String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  private void serve() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        open.add(s);
        connections.incrementAndGet();
        Thread t = new Thread(() -> handle(s), "fault-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handle(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int c = in.read();
        if (c < 0) return;
        head.append((char) c);
      }
      requests.add(head.toString());
      switch (mode) {
        case RESET -> {
          s.setSoLinger(true, 0);
          s.close();
        }
        case HANG -> closed.await();
        case ANSWER -> {
          OutputStream out = s.getOutputStream();
          out.write(answer.getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }
    } catch (IOException | InterruptedException e) {
      // connection gone
    }
  }

  @Override
  public void close() throws IOException {
    closed.countDown();
    socket.close();
    for (Socket s : new ArrayList<>(open)) s.close();
  }
}
